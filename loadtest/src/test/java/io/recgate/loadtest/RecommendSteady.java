package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.List;

/**
 * A constant arrival rate of user recommendation requests ({@code -Drate} per second, Poisson arrivals,
 * for {@code -Dduration}): users by Zipf rank of activity, {@code -Dunknown.share} of them unknown (cold
 * start). Each request must answer 200 with a non-empty list and the right cold-start flag.
 *
 * <p>After {@code -Dwarmup} rising to the same rate (requests named {@code warm-up}), fails the run when
 * {@code recommend} or {@code recommend (cold start)} has a p99 above {@code -Dp99.ms} or more than
 * {@code -Dmax.error.pct} percent failed requests. Parameters: {@link LoadParams}.
 */
public final class RecommendSteady extends Simulation {

    static final String RECOMMEND = "recommend";

    private final LoadParams params = LoadParams.fromSystemProperties();
    private final Traffic traffic = Traffic.forGateway(params);

    private final ScenarioBuilder users = scenario("recommend steady")
            .feed(traffic.users(1))
            .exec(traffic.recommend(RECOMMEND));

    {
        setUp(traffic.afterWarmUp(params.rate(),
                users.injectOpen(constantUsersPerSec(params.rate()).during(params.duration()).randomized())))
                .protocols(traffic.protocol())
                .assertions(traffic.budgets(List.of(RECOMMEND), List.of(RECOMMEND)));
    }
}
