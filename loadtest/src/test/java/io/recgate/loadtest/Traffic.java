package io.recgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The traffic the simulations share: the HTTP protocol, the feeders (users and items drawn with a
 * Zipf skew over the {@link IdSample}, plus a share of unknown users for cold start) and the requests
 * with their checks. Feeders are infinite and seeded; their {@code next()} is synchronized (Gatling may
 * poll a feeder from several threads).
 */
final class Traffic {

    /** Session keys the feeders fill. */
    static final String USER = "userId";
    static final String KNOWN = "knownUser";
    static final String ITEM = "itemId";
    static final String SESSION_ITEMS = "sessionItems";

    /** Prefix of generated unknown user ids (cold start): no bundle has them. */
    static final String UNKNOWN_PREFIX = "loadtest-new-";

    /** Name of the requests sent during {@code -Dwarmup}, which no latency assertion covers. */
    static final String WARM_UP = "warm-up";

    /** Suffix of the request name for unknown users. */
    static final String COLD_START = " (cold start)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadParams params;
    private final IdSample sample;
    private final Zipf userRanks;
    private final Zipf itemRanks;

    Traffic(LoadParams params, IdSample sample) {
        this.params = params;
        this.sample = sample;
        this.userRanks = new Zipf(sample.users().size(), params.zipfExponent());
        this.itemRanks = new Zipf(sample.items().size(), params.zipfExponent());
    }

    /** Loads the id sample (see {@link IdSample#load}) and prints where the traffic comes from. */
    static Traffic forGateway(LoadParams params) {
        IdSample sample = IdSample.load(params);
        System.out.printf("loadtest: %s, bundle %s: %d users (most active first), %d items (most popular first), "
                        + "zipf exponent %.2f, unknown users %.1f%%%n", params.baseUrl(), sample.bundleVersion(),
                sample.users().size(), sample.items().size(), params.zipfExponent(), 100 * params.unknownShare());
        return new Traffic(params, sample);
    }

    /**
     * Base URL, JSON accept header, one connection pool shared by all virtual users (a service calling
     * the gateway reuses connections; one new TCP connection per request would measure the handshake),
     * warm-up against the gateway's own liveness route.
     */
    HttpProtocolBuilder protocol() {
        return http.baseUrl(params.baseUrl())
                .acceptHeader("application/json")
                .userAgentHeader("recgate-loadtest")
                .shareConnections()
                .warmUp(params.baseUrl() + "/health/live");
    }

    /**
     * Users: with probability {@code unknown.share} a fresh unknown id ({@link #KNOWN} false), else a
     * sampled user by Zipf rank ({@link #KNOWN} true).
     */
    Iterator<Map<String, Object>> users(long stream) {
        return users(stream, params.unknownShare());
    }

    /** As {@link #users(long)} with only known users (for flows whose checks need a personalised answer). */
    Iterator<Map<String, Object>> knownUsers(long stream) {
        return users(stream, 0);
    }

    private Iterator<Map<String, Object>> users(long stream, double unknownShare) {
        SplittableRandom random = new SplittableRandom(params.seed() * 31 + stream);
        List<String> users = sample.users();
        return new Feeder(() -> {
            if (unknownShare > 0 && random.nextDouble() < unknownShare) {
                return Map.of(USER, UNKNOWN_PREFIX + Long.toUnsignedString(random.nextLong(), 36), KNOWN, false);
            }
            return Map.of(USER, users.get(userRanks.next(random)), KNOWN, true);
        });
    }

    /** Items by Zipf rank of popularity, under {@link #ITEM}. */
    Iterator<Map<String, Object>> items(long stream) {
        SplittableRandom random = new SplittableRandom(params.seed() * 31 + stream);
        List<String> items = sample.items();
        return new Feeder(() -> Map.of(ITEM, items.get(itemRanks.next(random))));
    }

    /**
     * Anonymous sessions: 1 to 5 distinct items by Zipf rank, as the JSON body of
     * {@code POST /v1/recommendations/anonymous} under {@link #SESSION_ITEMS}.
     */
    Iterator<Map<String, Object>> sessions(long stream) {
        SplittableRandom random = new SplittableRandom(params.seed() * 31 + stream);
        List<String> items = sample.items();
        return new Feeder(() -> {
            int n = Math.min(items.size(), 1 + random.nextInt(5));
            List<String> chosen = new ArrayList<>(n);
            while (chosen.size() < n) {
                String item = items.get(itemRanks.next(random));
                if (!chosen.contains(item)) {
                    chosen.add(item);
                }
            }
            return Map.of(SESSION_ITEMS, json(Map.of("items", chosen, "k", params.k(), "candidates", params.candidates())));
        });
    }

    /**
     * Warm-up traffic rising from a tenth of {@code rate} to {@code rate} over {@code -Dwarmup} (user
     * recommendations named {@link #WARM_UP}), or null when the warm-up is 0. Gatling's own JVM is cold
     * too and shares the machine: starting at full rate would measure both JITs at once. Start the
     * measured scenarios after it with {@code andThen}.
     */
    PopulationBuilder warmUp(double rate) {
        if (params.warmup().isZero()) {
            return null;
        }
        return scenario("warm-up").feed(users(99)).exec(recommend(WARM_UP))
                .injectOpen(rampUsersPerSec(rate / 10).to(rate).during(params.warmup()).randomized());
    }

    /** {@code measured}, started after the warm-up at {@code rate} when there is one. */
    PopulationBuilder[] afterWarmUp(double rate, PopulationBuilder... measured) {
        PopulationBuilder warm = warmUp(rate);
        return warm == null ? measured : new PopulationBuilder[] {warm.andThen(measured)};
    }

    /**
     * The budget for each of {@code names}, and for its cold-start twin when unknown users are sent
     * ({@code recommend} → {@code recommend (cold start)}) for each in {@code withColdStart}: p99 within
     * {@code -Dp99.ms} and failed requests within {@code -Dmax.error.pct}. The warm-up is in neither.
     */
    List<Assertion> budgets(List<String> names, List<String> withColdStart) {
        List<String> all = new ArrayList<>(names);
        if (params.unknownShare() > 0) {
            for (String name : withColdStart) {
                all.add(name + COLD_START);
            }
        }
        List<Assertion> out = new ArrayList<>();
        for (String name : all) {
            out.add(details(name).responseTime().percentile(99.0).lte(params.p99Millis()));
            out.add(details(name).failedRequests().percent().lte(params.maxErrorPercent()));
        }
        return out;
    }

    /** Recommendation path and query for the fed user. */
    String recommendPath() {
        return "/v1/users/#{" + USER + "}/recommendations?k=" + params.k() + "&candidates=" + params.candidates();
    }

    /**
     * {@code GET /v1/users/{user}/recommendations}: 200, a non-empty list, and the cold-start flag matching
     * whether the bundle knows the user. Requests for unknown users are named {@code name} +
     * {@value #COLD_START}, so the report shows the cold-start path apart.
     */
    HttpRequestActionBuilder recommend(String name) {
        String cold = name + COLD_START;
        return http(s -> s.getBoolean(KNOWN) ? name : cold).get(recommendPath())
                .check(status().is(200),
                        jsonPath("$.items[0].id").exists(),
                        jsonPath("$.coldStart").ofBoolean().is(s -> !s.getBoolean(KNOWN)));
    }

    /** {@code GET /v1/items/{item}/similar}: 200 and a non-empty list. */
    HttpRequestActionBuilder similar(String name) {
        return http(name).get("/v1/items/#{" + ITEM + "}/similar?k=" + params.k())
                .check(status().is(200), jsonPath("$.items[0].id").exists());
    }

    /** {@code POST /v1/recommendations/anonymous} with the fed session: 200 and a non-empty list. */
    HttpRequestActionBuilder anonymous(String name) {
        return http(name).post("/v1/recommendations/anonymous")
                .header("Content-Type", "application/json")
                .body(StringBody("#{" + SESSION_ITEMS + "}"))
                .check(status().is(200), jsonPath("$.items[0].id").exists());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An infinite feeder over a record supplier; synchronized so the seeded sequence stays consistent. */
    private static final class Feeder implements Iterator<Map<String, Object>> {
        private final Supplier<Map<String, Object>> next;

        Feeder(Supplier<Map<String, Object>> next) {
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public synchronized Map<String, Object> next() {
            return next.get();
        }
    }
}
