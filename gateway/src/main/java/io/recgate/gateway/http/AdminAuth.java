package io.recgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards admin routes with {@code Authorization: Bearer <admin token>}. Without a configured token
 * the admin routes are disabled (403 {@code admin_disabled}); a missing or wrong token is 401
 * {@code unauthorized}. The comparison takes the same time whatever the guess; the token is never
 * logged or echoed. Immutable; thread-safe.
 */
final class AdminAuth implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    AdminAuth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token == null) {
            ctx.fail(new ApiException(403, "admin_disabled", "admin routes are disabled: no admin token is configured"));
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.startsWith(PREFIX)
                ? header.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(new ApiException(401, "unauthorized", "a valid admin bearer token is required"));
            return;
        }
        ctx.next();
    }
}
