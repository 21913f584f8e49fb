package io.recgate.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives each request an id for logs and error messages: the client's {@code X-Request-Id} when it is
 * short and plain ({@code [A-Za-z0-9._-]{1,64}}), else a random one; echoed in the response header.
 * Failures raised before this handler runs (the router refusing a request) get their id from
 * {@link #ensure}, so every response carries one. Stateless; thread-safe.
 */
final class RequestIds implements PlatformHandler {

    static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void handle(RoutingContext ctx) {
        ensure(ctx);
        ctx.next();
    }

    /** The request's id, assigned (and set as the response header) if it has none yet. */
    static String ensure(RoutingContext ctx) {
        String id = ctx.get(RequestAttributes.REQUEST_ID);
        if (id == null) {
            id = idFor(ctx.request());
            ctx.put(RequestAttributes.REQUEST_ID, id);
            ctx.response().putHeader(HEADER, id);
        }
        return id;
    }

    /** The id for a request: its own {@code X-Request-Id} when acceptable, else a random one. */
    static String idFor(HttpServerRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && ACCEPTED.matcher(given).matches()
                ? given
                : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
