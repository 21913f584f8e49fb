package io.recgate.gateway.http;

import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives each request an id for logs and error messages: the client's {@code X-Request-Id} when it is
 * short and plain ({@code [A-Za-z0-9._-]{1,64}}), else a random one; echoed in the response header.
 * Stateless; thread-safe.
 */
final class RequestIds implements PlatformHandler {

    static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches()
                ? given
                : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        ctx.put(RequestAttributes.REQUEST_ID, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }
}
