package io.recgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How features add routes: each route is labelled with its path template for metrics
 * ({@code recgate_http_requests_seconds{route="/v1/users/:userId/recent"}}) and gets the gateway's
 * failure handler, so a handler only throws or {@code ctx.fail}s an {@link ApiException}. Bodies are
 * already read (capped at {@code http.maxBodyBytes}) when handlers run; use {@link JsonBodies}.
 * A route that declares its query parameters ({@link #add(HttpMethod, String, Set, Handler)} or
 * {@link #queryParams}) refuses any other with 400 {@code invalid_parameter} before its handler runs,
 * as unknown JSON fields are refused; every {@code /v1} route declares them. A GET route also answers
 * HEAD (headers only; {@link Responses} sets the Content-Length a GET would get).
 * Not thread-safe: use it only during assembly.
 */
public final class Routes {

    private final Router router;
    private final FailureHandler failureHandler;
    private final AdminAuth adminAuth;
    private final Map<String, Set<String>> declaredQueryParams = new HashMap<>();

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
     * As {@link #add(HttpMethod, String, Handler)}, refusing query parameters not in {@code queryParams}
     * (empty: none allowed) with 400 {@code invalid_parameter} naming the parameter and the allowed ones.
     */
    public Route add(HttpMethod method, String path, Set<String> queryParams, Handler<RoutingContext> handler) {
        queryParams(method, path, queryParams);
        return add(method, path, handler);
    }

    /**
     * Declares the query parameters of {@code method path} for a route another registrar adds later
     * (registration order): requests with any other parameter get 400 {@code invalid_parameter}.
     *
     * @throws IllegalStateException when the route's parameters were declared already
     */
    public void queryParams(HttpMethod method, String path, Set<String> queryParams) {
        Set<String> allowed = Set.copyOf(Objects.requireNonNull(queryParams, "queryParams"));
        if (declaredQueryParams.putIfAbsent(key(method, path), allowed) != null) {
            throw new IllegalStateException("query parameters of " + key(method, path) + " declared twice");
        }
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
        Set<String> allowed = declaredQueryParams.get(key(method, path));
        Route route = router.route(method, path);
        if (method == HttpMethod.GET) {
            // HEAD is GET without the body (RFC 9110): Responses and FailureHandler write headers only.
            route.method(HttpMethod.HEAD);
        }
        route
                .handler(ctx -> {
                    ctx.put(RequestAttributes.ROUTE, path);
                    ctx.next();
                })
                .failureHandler(failureHandler);
        if (allowed != null) {
            route.handler(ctx -> {
                QueryParams.allowOnly(ctx.queryParams(), allowed);
                ctx.next();
            });
        }
        return route;
    }

    private static String key(HttpMethod method, String path) {
        return Objects.requireNonNull(method, "method").name() + " " + Objects.requireNonNull(path, "path");
    }
}
