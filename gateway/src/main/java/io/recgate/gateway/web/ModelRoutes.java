package io.recgate.gateway.web;

import io.recgate.core.bundle.BundleMetadata;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.ids.IdMap;
import io.recgate.core.serving.ServableBundle;
import io.recgate.gateway.http.ApiException;
import io.recgate.gateway.http.QueryParams;
import io.recgate.gateway.http.Responses;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Read-only views of the live bundle for the page:
 * <ul>
 *   <li>{@code GET /v1/bundle}: {@code {"version","createdAt","dims","metric","userCount","itemCount",
 *       "params":{..},"metrics":{..},"categories":[{"name","items"}],"popularity":{"items","interactions",
 *       "counts":[..]}}}, where {@code counts} are the items' training interaction counts in decreasing
 *       order, sampled to at most {@value #MAX_CURVE_POINTS} evenly spaced ranks (the long tail);</li>
 *   <li>{@code GET /v1/users?sample=n}: {@code {"bundleVersion","users":[ids]}}, up to {@code n}
 *       (1..{@value #MAX_SAMPLE}, default {@value #DEFAULT_SAMPLE}) distinct user ids drawn at random.</li>
 * </ul>
 * Both answer 503 {@code bundle_unavailable} before the first bundle is live. The summary is computed
 * once per bundle version on the given worker pool (O(items)) and then reused. Thread-safe.
 */
public final class ModelRoutes implements RouteRegistrar {

    static final int MAX_CURVE_POINTS = 200;
    static final int MAX_SAMPLE = 100;
    static final int DEFAULT_SAMPLE = 20;

    private final Supplier<ServableBundle> bundles;
    private final WorkerExecutor pool;
    private final AtomicReference<Summary> summary = new AtomicReference<>();

    /**
     * @param bundles the live bundle (null before the first load), read once per request
     * @param pool    worker pool for the per-version summary
     */
    public ModelRoutes(Supplier<ServableBundle> bundles, WorkerExecutor pool) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public void register(Routes routes) {
        routes.add(HttpMethod.GET, "/v1/bundle", Set.of(), this::describe);
        routes.add(HttpMethod.GET, "/v1/users", Set.of("sample"), this::sampleUsers);
    }

    private void describe(RoutingContext ctx) {
        ServableBundle b = live();
        Summary cached = summary.get();
        if (cached != null && cached.bundle() == b) {
            Responses.json(ctx, 200, cached.json().copy());
            return;
        }
        Future<JsonObject> computed = pool.executeBlocking(() -> {
            JsonObject json = summarize(b);
            summary.set(new Summary(b, json));
            return json.copy();
        }, false);
        Responses.reply(ctx, computed);
    }

    private void sampleUsers(RoutingContext ctx) {
        int n = QueryParams.intParam(ctx.queryParams(), "sample", DEFAULT_SAMPLE, 1, MAX_SAMPLE);
        ServableBundle b = live();
        IdMap users = b.users();
        int size = users.size();
        int take = Math.min(n, size);
        // Partial Fisher-Yates over the first `take` slots of a lazily materialised permutation:
        // a map of displaced entries keeps it O(take) even for millions of users.
        Map<Integer, Integer> displaced = new HashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        JsonArray out = new JsonArray();
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(size - i);
            int atJ = displaced.getOrDefault(j, j);
            int atI = displaced.getOrDefault(i, i);
            displaced.put(j, atI);
            out.add(users.id(atJ));
        }
        Responses.json(ctx, 200, new JsonObject().put("bundleVersion", b.version()).put("users", out));
    }

    private ServableBundle live() {
        ServableBundle b = bundles.get();
        if (b == null) {
            throw ApiException.unavailable("bundle_unavailable", "no bundle is loaded yet", 0);
        }
        return b;
    }

    static JsonObject summarize(ServableBundle b) {
        BundleMetadata meta = b.manifest().metadata();
        int items = b.items().size();
        Map<String, Integer> categories = new TreeMap<>();
        for (int i = 0; i < items; i++) {
            ItemMetadata m = b.item(i);
            for (String c : m.categories()) {
                categories.merge(c, 1, Integer::sum);
            }
        }
        JsonArray categoryJson = new JsonArray();
        categories.forEach((name, count) -> categoryJson.add(new JsonObject().put("name", name).put("items", count)));
        return new JsonObject()
                .put("version", b.version())
                .put("createdAt", b.manifest().createdAt().toString())
                .put("dims", meta.dims())
                .put("metric", meta.metric())
                .put("userCount", meta.userCount())
                .put("itemCount", meta.itemCount())
                .put("fm", b.ratingFm() != null)
                .put("reranker", b.reranker().cliName())
                .put("params", new JsonObject(new LinkedHashMap<>(meta.params())))
                .put("metrics", new JsonObject(new LinkedHashMap<>(meta.metrics())))
                .put("categories", categoryJson)
                .put("popularity", popularity(b));
    }

    /** Interaction counts in decreasing order, sampled at evenly spaced ranks; null counts when unknown. */
    private static JsonObject popularity(ServableBundle b) {
        int items = b.items().size();
        int[] counts = new int[items];
        long total = 0;
        for (int i = 0; i < items; i++) {
            int c = b.itemCount(i);
            if (c < 0) {
                return new JsonObject().put("items", items).putNull("interactions").put("counts", new JsonArray());
            }
            counts[i] = c;
            total += c;
        }
        Arrays.sort(counts);
        JsonArray curve = new JsonArray();
        int points = Math.min(items, MAX_CURVE_POINTS);
        for (int p = 0; p < points; p++) {
            int rank = points == 1 ? 0 : (int) ((long) p * (items - 1) / (points - 1));
            curve.add(counts[items - 1 - rank]);
        }
        return new JsonObject().put("items", items).put("interactions", total).put("counts", curve);
    }

    private record Summary(ServableBundle bundle, JsonObject json) {
    }
}
