package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.Locale;

/**
 * User recommendation requests at an arrival rate that rises in steps ({@code -Dramp.start},
 * {@code -Dramp.step} per level, {@code -Dramp.levels} levels of {@code -Dramp.level} each) until a level
 * breaks the budget ({@code -Dp99.ms}, {@code -Dmax.error.pct}): then the load generator stops. Each level's
 * requests are named by its rate ({@code recommend @ 400/s}), so the HTML report shows every level apart;
 * the console ends with each level's numbers and the highest rate that held.
 *
 * <p>{@code -Dwarmup} at the starting rate comes first (named {@code warm-up}, judged by nothing). A level is judged two seconds after the next one starts (so its slowest requests have answered), the
 * last one at the end. Assertions: the first level must hold (a gateway that cannot take the starting
 * rate fails the run). Parameters: {@link LoadParams}.
 */
public final class RecommendRamp extends Simulation {

    /** How long into level L+1 level L is judged: its requests in flight have answered by then. */
    private static final long SETTLE_NANOS = Duration.ofSeconds(2).toNanos();

    private final LoadParams params = LoadParams.fromSystemProperties();
    private final Traffic traffic = Traffic.forGateway(params);
    private final LevelTracker tracker = new LevelTracker(rates(params), params.rampLevel(), RecommendRamp::levelName);

    private final ScenarioBuilder users = scenario("recommend ramp")
            .feed(traffic.users(1))
            .exec(session -> {
                long now = System.nanoTime();
                tracker.start(now);
                int level = tracker.levelAt(now);
                return session.set("level", level).set("levelName", tracker.name(level))
                        .set("broken", judgePrevious(level, now));
            })
            .doIf(session -> !session.getString("broken").isEmpty()).then(
                    stopLoadGenerator(session -> session.getString("broken")))
            .exec(http("#{levelName}").get(traffic.recommendPath())
                    // Time first: a failing check stops the evaluation of the checks after it.
                    .check(responseTimeInMillis().saveAs("rt"),
                            status().is(200),
                            jsonPath("$.items[0].id").exists(),
                            jsonPath("$.coldStart").ofBoolean().is(s -> !s.getBoolean(Traffic.KNOWN))))
            .exec(session -> {
                tracker.record(session.getInt("level"), session.contains("rt") ? session.getInt("rt") : -1,
                        session.isFailed());
                return session;
            });

    {
        setUp(traffic.afterWarmUp(params.rampStart(), users.injectOpen(incrementUsersPerSec(params.rampStep())
                        .times(params.rampLevels())
                        .eachLevelLasting(params.rampLevel())
                        .startingFrom(params.rampStart()))))
                .protocols(traffic.protocol())
                .assertions(
                        details(levelName(params.rampStart())).responseTime().percentile(99.0).lte(params.p99Millis()),
                        details(levelName(params.rampStart())).failedRequests().percent().lte(params.maxErrorPercent()));
    }

    @Override
    public void after() {
        double highest = -1;
        StringBuilder out = new StringBuilder("\nRecommendRamp levels (p99 budget " + params.p99Millis()
                + " ms, failed <= " + params.maxErrorPercent() + "%):\n");
        boolean stillHolding = true;
        for (int l = 0; l < tracker.levels(); l++) {
            LevelTracker.Stats s = tracker.stats(l);
            if (s.requests() == 0) {
                continue;
            }
            boolean held = s.held(params.p99Millis(), params.maxErrorPercent());
            out.append("  ").append(s).append(held ? "  held" : "  BROKE").append('\n');
            if (held && stillHolding) {
                highest = s.rate();
            } else {
                stillHolding = false;
            }
        }
        out.append(highest < 0 ? "highest rate that held: none (the first level broke)"
                : String.format(Locale.ROOT, "highest rate that held: %.0f requests/s", highest));
        System.out.println(out);
    }

    /**
     * Judges level {@code level - 1} once, when {@code level} has run long enough; returns the reason to
     * stop when it broke the budget, else "".
     */
    private String judgePrevious(int level, long now) {
        if (level == 0 || tracker.nanosIntoLevel(level, now) < SETTLE_NANOS || !tracker.claimJudgement(level - 1)) {
            return "";
        }
        LevelTracker.Stats s = tracker.stats(level - 1);
        if (s.held(params.p99Millis(), params.maxErrorPercent())) {
            System.out.println("RecommendRamp: level held: " + s);
            return "";
        }
        return "level " + s + " broke the budget (p99 <= " + params.p99Millis() + " ms, failed <= "
                + params.maxErrorPercent() + "%)";
    }

    static String levelName(double rate) {
        return String.format(Locale.ROOT, "recommend @ %.0f/s", rate);
    }

    private static double[] rates(LoadParams p) {
        double[] rates = new double[p.rampLevels()];
        for (int l = 0; l < rates.length; l++) {
            rates[l] = p.rampRate(l);
        }
        return rates;
    }
}
