package io.recgate.gateway.http;

import io.vertx.ext.web.RoutingContext;

/** Keys and accessors for what the gateway's common handlers store on a {@link RoutingContext}. */
public final class RequestAttributes {

    static final String REQUEST_ID = "recgate.requestId";
    static final String ROUTE = "recgate.route";
    static final String DEADLINE_NANOS = "recgate.deadlineNanos";

    private RequestAttributes() {
    }

    /** The request id (also sent back as {@code X-Request-Id}), or {@code "-"} before it is assigned. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** The route template the request matched (e.g. {@code /v1/events}), or {@code unmatched}. */
    public static String route(RoutingContext ctx) {
        String route = ctx.get(ROUTE);
        return route == null ? "unmatched" : route;
    }

    /**
     * Nanoseconds left before the request's deadline ({@link System#nanoTime()} based), for work that
     * can stop early; {@link Long#MAX_VALUE} when no deadline is set.
     */
    public static long remainingNanos(RoutingContext ctx) {
        Long deadline = ctx.get(DEADLINE_NANOS);
        return deadline == null ? Long.MAX_VALUE : deadline - System.nanoTime();
    }
}
