package io.recgate.gateway.http;

import io.recgate.gateway.config.HttpConfig;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.Set;

/**
 * Assembles the gateway's router: request ids, admission (in-flight bound, deadline, timing; probes
 * in {@link #PROBE_PATHS} exempt), body
 * reading with the size cap, a query string that must decode, then each registrar's routes, and the
 * JSON failure handler for everything, including URLs the router cannot decode (400), requests without
 * Host (400), unknown routes (404), wrong methods (405; 501 for a method no route could have) and
 * oversize bodies (413). Requests Vert.x refuses before routing (request line or headers too long) are
 * answered by {@link InvalidRequestHandler}.
 */
public final class GatewayRouter {

    /** Paths exempt from the in-flight limit and the deadline: probes must answer under load. */
    public static final Set<String> PROBE_PATHS = Set.of("/health/live", "/health/ready", "/metrics");

    private GatewayRouter() {
    }

    /**
     * Builds the router.
     *
     * @param registrars add the features' routes, in order (earlier wins on overlapping paths)
     */
    public static Router create(Vertx vertx, HttpConfig config, GatewayMetrics metrics, List<RouteRegistrar> registrars) {
        Router router = Router.router(vertx);
        FailureHandler failureHandler = new FailureHandler(config.retryAfterSeconds(), config.maxBodyBytes());
        router.route()
                .handler(new RequestIds())
                .handler(new AdmissionHandler(vertx, config.maxInFlight(), config.requestTimeout(), metrics, PROBE_PATHS))
                .failureHandler(failureHandler);
        router.route()
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(ctx -> {
                    QueryParams.requireDecodable(ctx);
                    ctx.next();
                })
                .failureHandler(failureHandler);
        Routes routes = new Routes(router, failureHandler, new AdminAuth(config.adminToken()));
        for (RouteRegistrar registrar : registrars) {
            registrar.register(routes);
        }
        router.errorHandler(400, failureHandler::undecodableUrl);
        router.errorHandler(404, failureHandler);
        router.errorHandler(405, failureHandler);
        router.errorHandler(413, failureHandler);
        router.errorHandler(500, failureHandler);
        return router;
    }
}
