package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * A constant arrival rate of user recommendation requests ({@code -Drate} per second, Poisson arrivals,
 * for {@code -Dduration}): users by Zipf rank of activity, {@code -Dunknown.share} of them unknown (cold
 * start). Each request must answer 200 with a non-empty list and the right cold-start flag.
 *
 * <p>After {@code -Dwarmup} at the same rate (requests named {@code warm-up}), fails the run when the p99
 * of {@code recommend} or {@code recommend (cold start)} exceeds {@code -Dp99.ms}, or failed requests
 * (warm-up included) exceed {@code -Dmax.error.pct} percent. Parameters: {@link LoadParams}.
 */
public final class RecommendSteady extends Simulation {

    static final String RECOMMEND = "recommend";

    private final LoadParams params = LoadParams.fromSystemProperties();
    private final Traffic traffic = Traffic.forGateway(params);

    private final ScenarioBuilder users = scenario("recommend steady")
            .feed(traffic.users(1))
            .exec(traffic.recommend(RECOMMEND));

    {
        List<Assertion> assertions = new ArrayList<>(traffic.p99Within(List.of(RECOMMEND), List.of(RECOMMEND)));
        assertions.add(global().failedRequests().percent().lte(params.maxErrorPercent()));
        setUp(traffic.afterWarmUp(params.rate(),
                users.injectOpen(constantUsersPerSec(params.rate()).during(params.duration()).randomized())))
                .protocols(traffic.protocol())
                .assertions(assertions);
    }
}
