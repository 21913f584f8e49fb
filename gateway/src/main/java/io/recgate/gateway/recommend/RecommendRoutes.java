package io.recgate.gateway.recommend;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.recgate.core.serving.ServableBundle;
import io.recgate.core.serving.RecommendQuery;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.UserSignals;
import io.recgate.gateway.cache.ResponseCache;
import io.recgate.gateway.config.HttpConfig;
import io.recgate.gateway.config.RecommendConfig;
import io.recgate.gateway.events.Interaction;
import io.recgate.gateway.events.RecentInteractions;
import io.recgate.gateway.http.ApiException;
import io.recgate.gateway.http.JsonBodies;
import io.recgate.gateway.http.QueryParams;
import io.recgate.gateway.http.Responses;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The recommendation routes:
 * <ul>
 *   <li>{@code GET /v1/users/:userId/recommendations?k&candidates&category&exclude=id1,id2&explain=true&rerank};
 *       {@code rerank} ({@code none}, {@code ranking-fm} or {@code fm}) overrides the bundle's reranker
 *       for this request (400 when the bundle has no such model);</li>
 *   <li>{@code POST /v1/recommendations/anonymous} {@code {"items":[ids], "k"?, "candidates"?, "category"?,
 *       "exclude"?:[ids], "explain"?}}: a session folded in from its items (404 {@code unknown_item}
 *       for an item the bundle does not have, 400 beyond {@code store.recentPerUser} items);</li>
 *   <li>{@code POST /v1/recommendations/batch} {@code {"users":[ids], ...same options}}: at most
 *       {@code recommend.maxBatchUsers} users (400 {@code batch_too_large});</li>
 *   <li>{@code GET /v1/items/:itemId/similar?k}: cosine neighbours (404 {@code unknown_item});</li>
 *   <li>{@code GET /v1/items/:itemId}: the item's metadata and training popularity
 *       {@code {"bundleVersion","id","title","categories","popularityRank","trainingInteractions"?,
 *       "trainingShare"?}} (404 {@code unknown_item}).</li>
 * </ul>
 * A {@code category} no item of the bundle has is 404 {@code unknown_category}; query parameters other
 * than those listed are 400 {@code invalid_parameter} (the POST routes take theirs in the body).
 * Every answer names {@code bundleVersion}; before the first bundle is loaded they answer 503
 * {@code bundle_unavailable}. A request reads the live bundle once and finishes on it even if a swap
 * happens meanwhile.
 *
 * <p><b>Where the CPU work runs.</b> Measured in-process ({@code RecommendBench} in the tests, one
 * thread, 3,000 random users per configuration after warm-up) on a 200,000 items × 64 dims bundle
 * with FM rerank: mean CPU per request 0.09 ms (hnswlib) / 0.09 ms (native) at candidates=100 and
 * 0.13 / 0.17 ms at candidates=200, p99 wall time 0.2–0.5 ms on a quiet machine; but a search whose
 * filter starves a large norm range falls back to an exact scan of that range, a few milliseconds
 * on 75,000 items. Such tails must not stall every connection of an event loop, so this work runs
 * off the event loop, on the bounded {@value #POOL} worker pool ({@code recommend.poolSize}
 * threads, default one per core; its queue is bounded by {@code http.maxInFlight}). Running it
 * inline on the event loop was measured under wrk and gained nothing clear. On the event loop:
 * validation, reading recent events, the response cache and writing the JSON.
 *
 * <p>Responses of the user route are cached in the {@link ResponseCache} under the user, keyed by
 * bundle version, request parameters and a fingerprint of the user's recent interactions (count and
 * newest timestamp), so a cached answer can never be older than the user's events.
 *
 * <p>Metrics: {@code recgate_recommend_retrieval_seconds}, {@code recgate_recommend_rerank_seconds},
 * {@code recgate_recommend_candidates} (distribution), {@code recgate_recommend_cold_start_total},
 * {@code recgate_recommend_cache_total{result=hit|miss}}.
 */
public final class RecommendRoutes implements RouteRegistrar {

    /** Name of the worker pool running retrieval and rerank. */
    public static final String POOL = "recgate-recommend";

    private static final int MAX_EXCLUDE = 1000;
    private static final int MAX_CATEGORY_CHARS = 200;
    private static final Set<String> USER_QUERY_PARAMS = Set.of("k", "candidates", "category", "exclude", "explain",
            "rerank");

    private final Supplier<ServableBundle> bundles;
    private final RecentInteractions recent;
    private final ResponseCache cache;
    private final WorkerExecutor pool;
    private final HttpConfig http;
    private final RecommendConfig config;
    private final int recentPerUser;
    private final int maxIdLength;
    private final Recommender recommender;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    /**
     * @param bundles       the live bundle, or null before the first load (read once per request)
     * @param pool          where retrieval and rerank run
     * @param recentPerUser how many recent interactions to fold in (and the cap of a session's items)
     * @param maxIdLength   longest user or item id
     */
    public RecommendRoutes(Supplier<ServableBundle> bundles, RecentInteractions recent, ResponseCache cache,
                           GatewayMetrics metrics, WorkerExecutor pool, HttpConfig http, RecommendConfig config,
                           int recentPerUser, int maxIdLength) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.http = Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
        this.recentPerUser = recentPerUser;
        this.maxIdLength = maxIdLength;
        if (config.defaultK() > http.maxK()) {
            throw new IllegalArgumentException("defaultK " + config.defaultK() + " > maxK " + http.maxK());
        }
        var registry = metrics.registry();
        Duration[] slos = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100)};
        Timer retrieval = Timer.builder("recgate.recommend.retrieval").serviceLevelObjectives(slos)
                .description("user vector and candidate retrieval per request").register(registry);
        Timer rerank = Timer.builder("recgate.recommend.rerank").serviceLevelObjectives(slos)
                .description("rerank and top-k per request").register(registry);
        DistributionSummary candidates = DistributionSummary.builder("recgate.recommend.candidates")
                .serviceLevelObjectives(10, 50, 100, 200, 500, 1000, 2000)
                .description("candidates retrieved per request").register(registry);
        Counter coldStart = Counter.builder("recgate.recommend.cold.start")
                .description("requests answered from the popularity ranking").register(registry);
        cacheHits = Counter.builder("recgate.recommend.cache").tag("result", "hit")
                .description("response cache lookups of the user route").register(registry);
        cacheMisses = Counter.builder("recgate.recommend.cache").tag("result", "miss")
                .description("response cache lookups of the user route").register(registry);
        this.recommender = new Recommender((retrievalNanos, rerankNanos, n, cold) -> {
            if (cold) {
                coldStart.increment();
                return;
            }
            retrieval.record(retrievalNanos, TimeUnit.NANOSECONDS);
            rerank.record(rerankNanos, TimeUnit.NANOSECONDS);
            candidates.record(n);
        });
    }

    @Override
    public void register(Routes routes) {
        routes.add(HttpMethod.GET, "/v1/users/:userId/recommendations", USER_QUERY_PARAMS, this::forUser);
        routes.add(HttpMethod.POST, "/v1/recommendations/anonymous", Set.of(), this::anonymous);
        routes.add(HttpMethod.POST, "/v1/recommendations/batch", Set.of(), this::batch);
        routes.add(HttpMethod.GET, "/v1/items/:itemId/similar", Set.of("k"), this::similar);
        routes.add(HttpMethod.GET, "/v1/items/:itemId", Set.of(), this::item);
    }

    private void forUser(RoutingContext ctx) {
        String userId = QueryParams.requiredString("userId", ctx.pathParam("userId"), maxIdLength);
        Options o = options(ctx.queryParams());
        ServableBundle b = live();
        RecommendQuery q = o.query(b);
        recent.recent(userId, recentPerUser).compose(interactions -> {
            String key = cacheKey(b, o, interactions);
            return cache.get(userId, key).compose(hit -> {
                if (hit.isPresent()) {
                    cacheHits.increment();
                    return Future.succeededFuture(hit.get());
                }
                cacheMisses.increment();
                return run(() -> forUser(b, userId, interactions, q, o.explain()).encode())
                        .compose(body -> cache.put(userId, key, body).map(body));
            });
        }).onComplete(ar -> {
            if (ar.failed()) {
                Responses.fail(ctx, ar.cause());
            } else if (!ctx.response().headWritten() && !ctx.response().ended()) {
                ctx.response().putHeader("Content-Type", "application/json").end(ar.result());
            }
        });
    }

    private void anonymous(RoutingContext ctx) {
        JsonObject body = object(JsonBodies.value(ctx));
        Options o = options(bodyParams(body, "items"));
        ServableBundle b = live();
        JsonArray ids = stringArray(body, "items", recentPerUser);
        if (ids.isEmpty()) {
            throw ApiException.badRequest("invalid_parameter", "items must name at least one item");
        }
        int[] items = new int[ids.size()];
        float[] values = new float[ids.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = b.items().indexOf(ids.getString(i));
            if (items[i] < 0) {
                throw unknownItem(b, ids.getString(i));
            }
            values[i] = b.eventValue(null);
        }
        RecommendQuery q = o.query(b);
        Responses.reply(ctx, run(() -> {
            JsonObject result = recommender.recommend(b, new UserSignals(-1, items, values), q, o.explain());
            return new JsonObject().put("bundleVersion", b.version()).mergeIn(result);
        }));
    }

    private void batch(RoutingContext ctx) {
        JsonObject body = object(JsonBodies.value(ctx));
        Options o = options(bodyParams(body, "users"));
        ServableBundle b = live();
        JsonArray users = body.getValue("users") instanceof JsonArray a && a.size() > config.maxBatchUsers()
                ? tooLarge(a.size()) : stringArray(body, "users", Integer.MAX_VALUE);
        RecommendQuery q = o.query(b);
        List<Future<List<Interaction>>> reads = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            reads.add(recent.recent(users.getString(i), recentPerUser));
        }
        Responses.reply(ctx, Future.all(reads).compose(all -> run(() -> {
            JsonArray results = new JsonArray();
            for (int i = 0; i < users.size(); i++) {
                results.add(forUser(b, users.getString(i), all.resultAt(i), q, o.explain()));
            }
            return new JsonObject().put("bundleVersion", b.version()).put("results", results);
        })));
    }

    private void similar(RoutingContext ctx) {
        String itemId = QueryParams.requiredString("itemId", ctx.pathParam("itemId"), maxIdLength);
        int k = QueryParams.k(ctx.queryParams(), config.defaultK(), http.maxK());
        ServableBundle b = live();
        int item = b.items().indexOf(itemId);
        if (item < 0) {
            throw unknownItem(b, itemId);
        }
        Responses.reply(ctx, run(() -> new JsonObject().put("itemId", itemId).put("bundleVersion", b.version())
                .mergeIn(recommender.similar(b, item, k))));
    }

    private void item(RoutingContext ctx) {
        String itemId = QueryParams.requiredString("itemId", ctx.pathParam("itemId"), maxIdLength);
        ServableBundle b = live();
        int item = b.items().indexOf(itemId);
        if (item < 0) {
            throw unknownItem(b, itemId);
        }
        if (recommender.describeIsCheap(b)) {
            Responses.json(ctx, 200, describeItem(b, item));
        } else {
            // The first call per bundle version inverts the popularity order: O(items), off the loop.
            Responses.reply(ctx, run(() -> describeItem(b, item)));
        }
    }

    private JsonObject describeItem(ServableBundle b, int item) {
        return new JsonObject().put("bundleVersion", b.version()).mergeIn(recommender.describeItem(b, item));
    }

    private JsonObject forUser(ServableBundle b, String userId, List<Interaction> interactions, RecommendQuery q,
                               boolean explain) {
        int n = 0;
        int[] items = new int[interactions.size()];
        float[] values = new float[interactions.size()];
        for (Interaction i : interactions) {
            int item = b.items().indexOf(i.itemId());
            if (item >= 0) {
                items[n] = item;
                values[n++] = b.eventValue(i.value());
            }
        }
        UserSignals s = new UserSignals(b.users().indexOf(userId), Arrays.copyOf(items, n), Arrays.copyOf(values, n));
        return new JsonObject().put("userId", userId).put("bundleVersion", b.version())
                .mergeIn(recommender.recommend(b, s, q, explain));
    }

    private <T> Future<T> run(Callable<T> work) {
        return pool.executeBlocking(work, false);
    }

    private ServableBundle live() {
        ServableBundle b = bundles.get();
        if (b == null) {
            throw ApiException.unavailable("bundle_unavailable", "no bundle is loaded yet", 0);
        }
        return b;
    }

    private Options options(MultiMap params) {
        int k = QueryParams.k(params, config.defaultK(), http.maxK());
        int candidates = QueryParams.candidates(params, k, config.defaultCandidates(), http.maxCandidates());
        List<String> categories = params.getAll("category");
        if (categories.size() > 1) {
            throw ApiException.badRequest("invalid_parameter", "category is given " + categories.size()
                    + " times; give it once");
        }
        String category = categories.isEmpty() ? null
                : QueryParams.requiredString("category", categories.get(0), MAX_CATEGORY_CHARS);
        List<String> exclude = new ArrayList<>();
        for (String value : params.getAll("exclude")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    exclude.add(id.strip());
                }
            }
        }
        if (exclude.size() > MAX_EXCLUDE) {
            throw ApiException.badRequest("invalid_parameter", "exclude names " + exclude.size()
                    + " items; at most " + MAX_EXCLUDE);
        }
        String explain = params.get("explain");
        if (explain != null && !Set.of("true", "false").contains(explain)) {
            throw ApiException.badRequest("invalid_parameter", "explain must be true or false, got '"
                    + (explain.length() > 20 ? explain.substring(0, 20) + "..." : explain) + "'");
        }
        return new Options(k, candidates, category, exclude, "true".equals(explain), reranker(params.get("rerank")));
    }

    /**
     * Validated request options; {@link #query} resolves them against a bundle: unknown excluded ids are
     * ignored (excluding what cannot be recommended is harmless), an unknown category is 404.
     */
    private record Options(int k, int candidates, String category, List<String> exclude, boolean explain,
                           RerankerKind reranker) {
        RecommendQuery query(ServableBundle b) {
            int[] indices = new int[exclude.size()];
            int n = 0;
            for (String id : exclude) {
                int item = b.items().indexOf(id);
                if (item >= 0) {
                    indices[n++] = item;
                }
            }
            int[] sorted = Arrays.copyOf(indices, n);
            Arrays.sort(sorted);
            if (category != null && b.category(category) == null) {
                String shown = category.length() > 40 ? category.substring(0, 40) + "..." : category;
                throw new ApiException(404, "unknown_category", "no item of bundle " + b.version()
                        + " has category '" + shown + "' (GET /v1/bundle lists the categories)");
            }
            if (reranker != null && !b.hasReranker(reranker)) {
                throw ApiException.badRequest("invalid_parameter", "rerank=" + reranker.cliName()
                        + ": bundle " + b.version() + " has no such model (it has: " + available(b) + ")");
            }
            return new RecommendQuery(k, candidates, category, sorted, reranker);
        }
    }

    /** The {@code rerank} parameter: a reranker name, or null for the bundle's own. */
    private static RerankerKind reranker(String value) {
        if (value == null) {
            return null;
        }
        try {
            return RerankerKind.parse(value);
        } catch (IllegalArgumentException e) {
            String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
            throw ApiException.badRequest("invalid_parameter", "rerank must be one of "
                    + Arrays.stream(RerankerKind.values()).map(RerankerKind::cliName).toList() + ", got '" + shown + "'");
        }
    }

    private static String available(ServableBundle b) {
        return Arrays.stream(RerankerKind.values()).filter(b::hasReranker).map(RerankerKind::cliName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String cacheKey(ServableBundle b, Options o, List<Interaction> interactions) {
        List<String> exclude = new ArrayList<>(o.exclude());
        exclude.sort(null);
        long newest = interactions.isEmpty() ? 0 : interactions.get(0).timestamp().toEpochMilli();
        return "rec|" + b.version() + "|k=" + o.k() + "|c=" + o.candidates() + "|cat=" + o.category()
                + "|x=" + String.join(",", exclude) + "|e=" + o.explain() + "|rr=" + o.reranker() + "|r=" + interactions.size() + "@" + newest;
    }

    /** The body's k, candidates, category, exclude, explain and rerank as query parameters, for one validation path. */
    private static MultiMap bodyParams(JsonObject body, String listField) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (String field : body.fieldNames()) {
            Object value = body.getValue(field);
            switch (field) {
                case "k", "candidates", "category", "explain", "rerank" -> {
                    if (value instanceof JsonObject || value instanceof JsonArray || value == null) {
                        throw ApiException.badRequest("invalid_parameter", field + " must be a scalar");
                    }
                    params.add(field, value.toString());
                }
                case "exclude" -> {
                    for (Object id : asStrings(body, "exclude", MAX_EXCLUDE)) {
                        params.add("exclude", id.toString());
                    }
                }
                default -> {
                    if (!field.equals(listField)) {
                        throw ApiException.badRequest("invalid_parameter", "unknown field '"
                                + (field.length() > 40 ? field.substring(0, 40) + "..." : field) + "'");
                    }
                }
            }
        }
        return params;
    }

    private JsonArray stringArray(JsonObject body, String field, int max) {
        JsonArray a = asStrings(body, field, max);
        for (int i = 0; i < a.size(); i++) {
            QueryParams.requiredString(field + "[" + i + "]", a.getString(i), maxIdLength);
        }
        return a;
    }

    private static JsonArray asStrings(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonArray a)) {
            throw ApiException.badRequest("invalid_parameter", field + " must be an array of ids");
        }
        if (a.size() > max) {
            throw ApiException.badRequest("invalid_parameter", field + " has " + a.size() + " entries; at most " + max);
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof String)) {
                throw ApiException.badRequest("invalid_parameter", field + "[" + i + "] must be a string id");
            }
        }
        return a;
    }

    private JsonArray tooLarge(int size) {
        throw ApiException.badRequest("batch_too_large", "users has " + size + " entries; at most "
                + config.maxBatchUsers());
    }

    private static JsonObject object(Object body) {
        if (!(body instanceof JsonObject o)) {
            throw ApiException.badRequest("invalid_parameter", "body must be a JSON object");
        }
        return o;
    }

    private ApiException unknownItem(ServableBundle b, String id) {
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        return new ApiException(404, "unknown_item", "item '" + shown + "' is not in bundle " + b.version());
    }
}
