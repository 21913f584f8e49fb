package io.recgate.gateway.health;

import io.recgate.gateway.http.Responses;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * {@code GET /health/live}: 200 while the process serves HTTP. {@code GET /health/ready}: 200 when
 * {@link Readiness#isReady()}, else 503; the body always lists every condition with its detail.
 */
public final class HealthRoutes implements RouteRegistrar {

    private final Readiness readiness;

    public HealthRoutes(Readiness readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    @Override
    public void register(Routes routes) {
        routes.add(HttpMethod.GET, "/health/live", ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "live")));
        routes.add(HttpMethod.GET, "/health/ready", ctx -> {
            JsonObject body = readiness.toJson();
            Responses.json(ctx, readiness.isReady() ? 200 : 503, body);
        });
    }
}
