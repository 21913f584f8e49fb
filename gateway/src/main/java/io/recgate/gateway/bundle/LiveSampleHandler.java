package io.recgate.gateway.bundle;

import io.recgate.core.serving.ServableBundle;
import io.recgate.core.ids.IdMap;
import io.recgate.gateway.http.ApiException;
import io.recgate.gateway.http.QueryParams;
import io.recgate.gateway.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * {@code GET /admin/bundles/live/sample?users=n&items=m&seed=s} (admin token): user and item ids of the
 * live bundle for load generators, which need real ids to send realistic traffic.
 *
 * <p>Answers {@code {"bundleVersion","userCount","itemCount","users":[ids],"items":[ids]}}: up to
 * {@code n} distinct users drawn uniformly, ordered most active first (training interactions, ties by
 * bundle order), and up to {@code m} distinct items drawn uniformly from the popularity ranking, ordered
 * most popular first. The orders let a client put a Zipf-like skew over ranks so that active users and
 * popular items get most of the traffic, as on a real site. {@code n} and {@code m} are in
 * {@code [0, }{@value #MAX_IDS}{@code ]} (default {@value #DEFAULT_IDS}); with {@code seed} (a
 * non-negative int) the same bundle gives the same sample, without it each call draws anew.
 *
 * <p>400 {@code invalid_parameter} for a bad bound or seed, 503 {@code bundle_unavailable} before the
 * first bundle is live. Runs on the event loop: O((n + m) log(n + m)) with n, m bounded, about a
 * millisecond at the bound, and it is an admin route called once per load test. Thread-safe.
 */
final class LiveSampleHandler implements Handler<RoutingContext> {

    static final String PATH = "/admin/bundles/live/sample";
    static final int MAX_IDS = 10_000;
    static final int DEFAULT_IDS = 1_000;

    private final Supplier<ServableBundle> bundles;

    LiveSampleHandler(Supplier<ServableBundle> bundles) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        int userLimit = QueryParams.intParam(params, "users", DEFAULT_IDS, 0, MAX_IDS);
        int itemLimit = QueryParams.intParam(params, "items", DEFAULT_IDS, 0, MAX_IDS);
        Random random = params.contains("seed")
                ? new Random(QueryParams.intParam(params, "seed", 0, 0, Integer.MAX_VALUE))
                : ThreadLocalRandom.current();
        ServableBundle b = bundles.get();
        if (b == null) {
            throw ApiException.unavailable("bundle_unavailable", "no bundle is loaded yet", 0);
        }
        IdMap users = b.users();
        IdMap items = b.items();
        JsonObject body = new JsonObject()
                .put("bundleVersion", b.version())
                .put("userCount", users.size())
                .put("itemCount", items.size())
                .put("users", mostActiveFirst(b, sample(users.size(), userLimit, random)))
                .put("items", mostPopularFirst(b, sample(b.popularity().length, itemLimit, random)));
        Responses.json(ctx, 200, body);
    }

    /**
     * {@code min(take, size)} distinct indices of {@code [0, size)}, uniformly: the first slots of a
     * partial Fisher-Yates shuffle whose displaced entries live in a map, so the cost is O(take) however
     * large {@code size} is.
     */
    static int[] sample(int size, int take, Random random) {
        int n = Math.min(size, take);
        int[] out = new int[n];
        Map<Integer, Integer> displaced = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int atJ = displaced.getOrDefault(j, j);
            displaced.put(j, displaced.getOrDefault(i, i));
            out[i] = atJ;
        }
        return out;
    }

    private static JsonArray mostActiveFirst(ServableBundle b, int[] users) {
        JsonArray out = new JsonArray();
        for (int u : byCountDescending(users, u -> b.seenEnd(u) - b.seenStart(u))) {
            out.add(b.users().id(u));
        }
        return out;
    }

    /**
     * {@code indices} (each in {@code [0, 2^31)}) ordered by {@code count} descending, ties by index
     * ascending. Counts must be non-negative.
     */
    static int[] byCountDescending(int[] indices, IntUnaryOperator count) {
        // One long per index, (MAX - count) in the high half and the index in the low half: an ascending
        // primitive sort gives the order without boxing or a comparator.
        long[] keys = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int c = count.applyAsInt(indices[i]);
            if (c < 0) {
                throw new IllegalArgumentException("count of " + indices[i] + " is negative: " + c);
            }
            keys[i] = ((long) (Integer.MAX_VALUE - c) << 32) | indices[i];
        }
        Arrays.sort(keys);
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    private static JsonArray mostPopularFirst(ServableBundle b, int[] ranks) {
        Arrays.sort(ranks);
        int[] popularity = b.popularity();
        JsonArray out = new JsonArray();
        for (int rank : ranks) {
            out.add(b.items().id(popularity[rank]));
        }
        return out;
    }
}
