package io.recgate.gateway.metrics;

import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.vertx.core.http.HttpMethod;

import java.util.Objects;

/** {@code GET /metrics}: every meter in the Prometheus text format (version 0.0.4). */
public final class MetricsRoutes implements RouteRegistrar {

    private final GatewayMetrics metrics;

    public MetricsRoutes(GatewayMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void register(Routes routes) {
        routes.add(HttpMethod.GET, "/metrics", ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }
}
