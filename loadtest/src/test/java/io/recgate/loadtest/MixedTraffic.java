package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * The shape of a real site at {@code -Drate} requests per second in total, for {@code -Dduration}:
 * <ul>
 *   <li>60% user recommendations (Zipf users, {@code -Dunknown.share} unknown: cold start);</li>
 *   <li>15% similar items (Zipf items by popularity);</li>
 *   <li>10% anonymous sessions of 1-5 items;</li>
 *   <li>15% engaged users, each a flow of at least three requests: recommendations for a known user, a
 *       click event on the top item, then recommendations again, which must exclude that item. The
 *       gateway promises that within a second of acknowledging the event, so the flow polls every
 *       50 ms for up to a second (a retry is counted, not failed) and fails the request that still
 *       shows the item after that.</li>
 * </ul>
 * The events are real: they are written to the gateway's event store. After {@code -Dwarmup} of user
 * recommendations, assertions for each request kind: p99 within {@code -Dp99.ms} and failed requests
 * within {@code -Dmax.error.pct}; and no failure at all of "recommend after event". Parameters:
 * {@link LoadParams}.
 */
public final class MixedTraffic extends Simulation {

    static final double BROWSE_SHARE = 0.60;
    static final double SIMILAR_SHARE = 0.15;
    static final double ANONYMOUS_SHARE = 0.10;
    static final double ENGAGE_SHARE = 0.15;
    /** Requests per engaged flow when the first read after the event already excludes the item. */
    static final int ENGAGE_REQUESTS = 3;
    static final String RECOMMEND = "recommend";
    static final String SIMILAR = "similar";
    static final String ANONYMOUS = "anonymous";
    static final String BEFORE_EVENT = "recommend before event";
    static final String EVENT = "event";
    static final String AFTER_EVENT = "recommend after event";

    private static final Duration PROMISE = Duration.ofSeconds(1);
    private static final Duration POLL_PAUSE = Duration.ofMillis(50);
    private static final String RETRY = "retry";
    private static final String EXCLUDED = "excluded";
    private static final String SHOWN_LATE = "shown after 1 s";

    private final LoadParams params = LoadParams.fromSystemProperties();
    private final Traffic traffic = Traffic.forGateway(params);

    private final AtomicLong flows = new AtomicLong();
    private final AtomicLong excludedAtFirstRead = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final LongAccumulator slowestExclusionNanos = new LongAccumulator(Math::max, 0);

    private final ScenarioBuilder browse = scenario("browse")
            .feed(traffic.users(1))
            .exec(traffic.recommend(RECOMMEND));

    private final ScenarioBuilder similar = scenario("similar items")
            .feed(traffic.items(2))
            .exec(traffic.similar(SIMILAR));

    private final ScenarioBuilder anonymous = scenario("anonymous session")
            .feed(traffic.sessions(3))
            .exec(traffic.anonymous(ANONYMOUS));

    private final ScenarioBuilder engage = scenario("engaged user")
            .feed(traffic.knownUsers(4))
            .exec(http(BEFORE_EVENT).get(traffic.recommendPath())
                    .check(status().is(200), jsonPath("$.items[0].id").saveAs("picked")))
            .exitHereIfFailed()
            .exec(http(EVENT).post("/v1/events")
                    .header("Content-Type", "application/json")
                    .body(StringBody(s -> Traffic.json(Map.of("userId", s.getString(Traffic.USER),
                            "itemId", s.getString("picked"), "type", "click"))))
                    .check(status().is(200), jsonPath("$.accepted").ofInt().is(1)))
            .exitHereIfFailed()
            .exec(s -> {
                flows.incrementAndGet();
                return s.set("ackNanos", System.nanoTime()).set("verdict", RETRY).set("polls", 0);
            })
            .asLongAs(s -> RETRY.equals(s.getString("verdict"))).on(
                    exec(http(AFTER_EVENT).get(traffic.recommendPath())
                            .check(status().is(200),
                                    jsonPath("$.items[*].id").findAll().withDefault(List.of())
                                            .transformWithSession(this::verdict)
                                            .validate("item excluded within " + PROMISE.toMillis() + " ms of the ack",
                                                    MixedTraffic::refuseLate)
                                            .saveAs("verdict")))
                            .exitHereIfFailed()
                            .exec(this::countPoll)
                            .doIf(s -> RETRY.equals(s.getString("verdict"))).then(pause(POLL_PAUSE)));

    {
        double rate = params.rate();
        List<Assertion> assertions = new ArrayList<>(traffic.budgets(
                List.of(RECOMMEND, SIMILAR, ANONYMOUS, BEFORE_EVENT, EVENT, AFTER_EVENT), List.of(RECOMMEND)));
        assertions.add(details(AFTER_EVENT).failedRequests().count().is(0L));
        setUp(traffic.afterWarmUp(rate,
                browse.injectOpen(arrivals(BROWSE_SHARE * rate)),
                similar.injectOpen(arrivals(SIMILAR_SHARE * rate)),
                anonymous.injectOpen(arrivals(ANONYMOUS_SHARE * rate)),
                engage.injectOpen(arrivals(ENGAGE_SHARE * rate / ENGAGE_REQUESTS))))
                .protocols(traffic.protocol())
                .assertions(assertions);
    }

    private OpenInjectionStep arrivals(double perSecond) {
        return constantUsersPerSec(perSecond).during(params.duration()).randomized();
    }

    private String verdict(List<String> ids, Session s) {
        if (!ids.contains(s.getString("picked"))) {
            return EXCLUDED;
        }
        return System.nanoTime() - s.getLong("ackNanos") < PROMISE.toNanos() ? RETRY : SHOWN_LATE;
    }

    private static String refuseLate(String verdict, Session s) {
        if (SHOWN_LATE.equals(verdict)) {
            throw new IllegalStateException("item " + s.getString("picked") + " still recommended to "
                    + s.getString(Traffic.USER) + " " + PROMISE.toMillis() + " ms after its click was acknowledged");
        }
        return verdict;
    }

    private Session countPoll(Session s) {
        int polls = s.getInt("polls");
        if (EXCLUDED.equals(s.getString("verdict"))) {
            if (polls == 0) {
                excludedAtFirstRead.incrementAndGet();
            }
            slowestExclusionNanos.accumulate(System.nanoTime() - s.getLong("ackNanos"));
        } else {
            retries.incrementAndGet();
        }
        return s.set("polls", polls + 1);
    }

    @Override
    public void after() {
        System.out.printf(Locale.ROOT, "%nMixedTraffic: %d click events acknowledged; the item was gone from the "
                        + "next recommendations at the first read in %d flows, %d reads retried, slowest exclusion "
                        + "%.1f ms after the ack (promise: %d ms)%n", flows.get(), excludedAtFirstRead.get(),
                retries.get(), slowestExclusionNanos.get() / 1e6, PROMISE.toMillis());
    }
}
