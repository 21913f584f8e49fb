package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * A constant arrival rate of user recommendation requests ({@code -Drate} per second, Poisson arrivals,
 * for {@code -Dduration}): users by Zipf rank of activity, {@code -Dunknown.share} of them unknown (cold
 * start). Each request must answer 200 with a non-empty list and the right cold-start flag.
 *
 * <p>Fails the run when the p99 of all requests exceeds {@code -Dp99.ms} or failed requests exceed
 * {@code -Dmax.error.pct} percent. Parameters: {@link LoadParams}.
 */
public final class RecommendSteady extends Simulation {

    private final LoadParams params = LoadParams.fromSystemProperties();
    private final Traffic traffic = Traffic.forGateway(params);

    private final ScenarioBuilder users = scenario("recommend steady")
            .feed(traffic.users(1))
            .exec(traffic.recommend("recommend"));

    {
        setUp(users.injectOpen(constantUsersPerSec(params.rate()).during(params.duration()).randomized()))
                .protocols(traffic.protocol())
                .assertions(
                        global().responseTime().percentile(99.0).lte(params.p99Millis()),
                        global().failedRequests().percent().lte(params.maxErrorPercent()));
    }
}
