package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady user recommendation traffic ({@code -Drate}, {@code -Dduration}) while one admin user activates
 * two bundle versions back and forth through {@code POST /admin/bundles/{version}/activate} every
 * {@code -Dswap.interval}, then activates the version that was live at the start again. The versions
 * are {@code -Dswap.versions}, or the live one and the newest other loadable one of the gateway's root
 * (so the root needs two versions). Needs {@code -Dadmin.token}.
 *
 * <p>Every recommendation must succeed and name one of the two versions, every activation must answer
 * 200 naming its version live; assertions: zero failed requests, at least two activations (there and
 * back), recommendation p99 within {@code -Dp99.ms} (activations themselves load and warm a bundle and
 * are not held to it). Parameters: {@link LoadParams}.
 */
public final class SwapUnderLoad extends Simulation {

    static final String RECOMMEND = "recommend";
    static final String ACTIVATE = "activate";

    private final LoadParams params = LoadParams.fromSystemProperties();
    private final String token = params.requireAdminToken("SwapUnderLoad (it activates bundle versions)");
    private final Traffic traffic = Traffic.forGateway(params);
    private final AdminApi.Versions versions = new AdminApi(params.gatewayUrl(), token).versions();
    private final List<String> pair = AdminApi.swapPair(versions, params.swapVersions());
    private final Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();

    private final ScenarioBuilder users = scenario("recommend during swaps")
            .feed(traffic.users(1))
            .exec(traffic.recommend(RECOMMEND)
                    .check(jsonPath("$.bundleVersion").in(pair).saveAs("servedBy")))
            .exec(s -> {
                if (s.contains("servedBy")) {
                    servedBy.computeIfAbsent(s.getString("servedBy"), v -> new LongAdder()).increment();
                }
                return s;
            });

    private final ScenarioBuilder swapper = scenario("swap bundles")
            .exec(s -> s.set("swap", 0))
            .during(params.duration()).on(
                    pause(params.swapInterval())
                            .exec(s -> s.set("target", target(s.getInt("swap"))).set("swap", s.getInt("swap") + 1))
                            .exec(activate(ACTIVATE)))
            .exec(s -> s.set("target", versions.live() != null ? versions.live() : pair.get(0)))
            .exec(activate("activate (restore " + (versions.live() != null ? versions.live() : pair.get(0)) + ")"));

    {
        System.out.println("SwapUnderLoad: alternating " + pair + " every " + params.swapInterval().toMillis()
                + " ms; live at start: " + versions.live());
        setUp(traffic.afterWarmUp(params.rate(),
                users.injectOpen(constantUsersPerSec(params.rate()).during(params.duration()).randomized()),
                swapper.injectOpen(atOnceUsers(1))))
                .protocols(traffic.protocol())
                .assertions(assertions());
    }

    private List<Assertion> assertions() {
        List<Assertion> out = new ArrayList<>(List.of(
                global().failedRequests().count().is(0L),
                details(ACTIVATE).successfulRequests().count().gte(2L)));
        out.addAll(traffic.budgets(List.of(RECOMMEND), List.of(RECOMMEND)));
        return out;
    }

    /** The version the n-th activation switches to: first the one that is not live, then back and forth. */
    private String target(int n) {
        int first = pair.get(0).equals(versions.live()) ? 1 : 0;
        return pair.get((first + n) % 2);
    }

    private HttpRequestActionBuilder activate(String name) {
        return http(name).post("/admin/bundles/#{target}/activate")
                .header("Authorization", "Bearer " + token)
                .check(status().is(200), jsonPath("$.live").isEL("#{target}"));
    }

    @Override
    public void after() {
        StringBuilder out = new StringBuilder("\nSwapUnderLoad: recommendations served by version:");
        new TreeMap<>(servedBy).forEach((v, n) -> out.append(' ').append(v).append(' ').append(n.sum()));
        System.out.println(out.append(String.format(Locale.ROOT, " (alternating %s)", pair)));
    }
}
