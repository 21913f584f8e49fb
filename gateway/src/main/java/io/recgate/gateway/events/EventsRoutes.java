package io.recgate.gateway.events;

import io.recgate.gateway.cache.ResponseCache;
import io.recgate.gateway.http.ApiException;
import io.recgate.gateway.http.JsonBodies;
import io.recgate.gateway.http.QueryParams;
import io.recgate.gateway.http.RequestAttributes;
import io.recgate.gateway.http.Responses;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Event routes.
 * <ul>
 *   <li>{@code POST /v1/events}: one event or an array (see {@link EventParser}). Answers 200
 *       {@code {"accepted":n}} only once all events are durable in the {@link EventStore}; then the
 *       users' recent interactions are updated and their cached responses dropped (best effort).
 *       400 {@code invalid_event}/{@code batch_too_large}/{@code malformed_json}; 404
 *       {@code unknown_item} when an item id is not in {@link KnownItems} (as on every route that looks
 *       an item id up in the bundle; nothing of the request is stored); 503 {@code store_unavailable}
 *       with Retry-After when the store failed (nothing of the request was acknowledged; retrying is
 *       safe but may store duplicates of events whose write actually reached the store).</li>
 *   <li>{@code GET /v1/users/:userId/recent?limit=n}: the user's newest interactions,
 *       {@code {"userId":..,"interactions":[{"itemId","type","value"?,"timestamp"}..]}}, limit in
 *       {@code [1, store.recentPerUser]} (default 20 or less).</li>
 * </ul>
 * Other query parameters are refused (400 {@code invalid_parameter}), as unknown JSON fields are.
 */
public final class EventsRoutes implements RouteRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(EventsRoutes.class);
    private static final int DEFAULT_RECENT_LIMIT = 20;

    private final EventParser parser;
    private final KnownItems knownItems;
    private final EventStore store;
    private final RecentInteractions recent;
    private final ResponseCache cache;
    private final GatewayMetrics metrics;
    private final int maxRecent;
    private final int maxIdLength;

    /**
     * @param maxRecent   largest {@code limit} of the recent route ({@code store.recentPerUser})
     * @param maxIdLength longest user id accepted in paths ({@code events.maxIdLength})
     */
    public EventsRoutes(EventParser parser, KnownItems knownItems, EventStore store, RecentInteractions recent,
                        ResponseCache cache, GatewayMetrics metrics, int maxRecent, int maxIdLength) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.knownItems = Objects.requireNonNull(knownItems, "knownItems");
        this.store = Objects.requireNonNull(store, "store");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxRecent = maxRecent;
        this.maxIdLength = maxIdLength;
    }

    @Override
    public void register(Routes routes) {
        routes.add(HttpMethod.POST, "/v1/events", Set.of(), this::postEvents);
        routes.add(HttpMethod.GET, "/v1/users/:userId/recent", Set.of("limit"), this::getRecent);
    }

    private void postEvents(RoutingContext ctx) {
        List<Event> events = parser.parse(JsonBodies.value(ctx));
        checkKnownItems(events);
        long start = System.nanoTime();
        store.append(events)
                .onComplete(ar -> metrics.recordEventWrite(store.name(), ar.succeeded(), events.size(), System.nanoTime() - start))
                .recover(e -> {
                    // Debug only: an outage fails every request; the store logs its transitions and
                    // recgate_events_write_failures_total counts them.
                    LOG.debug("request {}: {} events not stored in {}: {}", RequestAttributes.requestId(ctx), events.size(),
                            store.name(), e.getMessage());
                    return Future.failedFuture(ApiException.unavailable("store_unavailable",
                            "the events could not be stored and were not accepted; retry later", 0));
                })
                .compose(v -> afterDurable(ctx, events))
                .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("accepted", events.size())))
                .onFailure(e -> Responses.fail(ctx, e));
    }

    /**
     * Updates recent interactions and drops cached responses, waiting for them (read-your-writes) but
     * at most half the time left before the deadline: the events are durable already, and a slow
     * best-effort store must not turn their acknowledgement into a 503 that invites a duplicate retry.
     */
    private Future<Void> afterDurable(RoutingContext ctx, List<Event> events) {
        Set<String> users = new LinkedHashSet<>();
        for (Event e : events) {
            users.add(e.userId());
        }
        Future<?> updates = Future.join(recent.record(events), cache.invalidate(users));
        if (updates.isComplete()) {
            return Future.succeededFuture();
        }
        long remainingNanos = RequestAttributes.remainingNanos(ctx);
        long waitMillis = remainingNanos == Long.MAX_VALUE ? 1000 : Math.max(1, remainingNanos / 2_000_000);
        Promise<Void> done = Promise.promise();
        long timer = ctx.vertx().setTimer(waitMillis, id -> done.tryComplete());
        updates.onComplete(ar -> {
            ctx.vertx().cancelTimer(timer);
            done.tryComplete();
        });
        return done.future();
    }

    private void checkKnownItems(List<Event> events) {
        StringBuilder unknown = null;
        int count = 0;
        for (int i = 0; i < events.size(); i++) {
            String itemId = events.get(i).itemId();
            if (!knownItems.contains(itemId)) {
                if (count++ < 10) {
                    unknown = unknown == null ? new StringBuilder() : unknown.append("; ");
                    unknown.append(events.size() == 1 ? "" : "events[" + i + "].").append("itemId: unknown item '")
                            .append(itemId.length() <= 40 ? itemId : itemId.substring(0, 40) + "...").append('\'');
                }
            }
        }
        if (unknown != null) {
            if (count > 10) {
                unknown.append("; and ").append(count - 10).append(" more");
            }
            throw new ApiException(404, "unknown_item", unknown.toString());
        }
    }

    private void getRecent(RoutingContext ctx) {
        String userId = QueryParams.requiredString("userId", ctx.pathParam("userId"), maxIdLength);
        int limit = QueryParams.intParam(ctx.queryParams(), "limit", Math.min(DEFAULT_RECENT_LIMIT, maxRecent), 1, maxRecent);
        recent.recent(userId, limit)
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    for (Interaction i : list) {
                        items.add(i.toJson());
                    }
                    Responses.json(ctx, 200, new JsonObject().put("userId", userId).put("interactions", items));
                })
                .onFailure(e -> Responses.fail(ctx, e));
    }
}
