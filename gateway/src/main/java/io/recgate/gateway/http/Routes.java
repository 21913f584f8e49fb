package io.recgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Objects;

/**
 * How features add routes: each route is labelled with its path template for metrics
 * ({@code recgate_http_requests_seconds{route="/v1/users/:userId/recent"}}) and gets the gateway's
 * failure handler, so a handler only throws or {@code ctx.fail}s an {@link ApiException}. Bodies are
 * already read (capped at {@code http.maxBodyBytes}) when handlers run; use {@link JsonBodies}.
 * Not thread-safe: use it only during assembly.
 */
public final class Routes {

    private final Router router;
    private final FailureHandler failureHandler;
    private final AdminAuth adminAuth;

    Routes(Router router, FailureHandler failureHandler, AdminAuth adminAuth) {
        this.router = router;
        this.failureHandler = failureHandler;
        this.adminAuth = adminAuth;
    }

    /**
     * Adds {@code method path} (Vert.x path syntax, {@code :name} for path parameters).
     *
     * @return the route, to add further handlers (e.g. a second, asynchronous step)
     */
    public Route add(HttpMethod method, String path, Handler<RoutingContext> handler) {
        Objects.requireNonNull(handler, "handler");
        return labelled(method, path).handler(handler);
    }

    /**
     * As {@link #add}, behind the admin bearer token ({@code http.adminToken}): 401 without it,
     * 403 when no token is configured.
     */
    public Route addAdmin(HttpMethod method, String path, Handler<RoutingContext> handler) {
        Objects.requireNonNull(handler, "handler");
        return labelled(method, path).handler(adminAuth).handler(handler);
    }

    /** The underlying router, for what {@link #add} cannot express (sub-routers, static files). */
    public Router router() {
        return router;
    }

    private Route labelled(HttpMethod method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        return router.route(method, path)
                .handler(ctx -> {
                    ctx.put(RequestAttributes.ROUTE, path);
                    ctx.next();
                })
                .failureHandler(failureHandler);
    }
}
