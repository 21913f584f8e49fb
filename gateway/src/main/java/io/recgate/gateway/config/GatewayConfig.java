package io.recgate.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole gateway's configuration: one record per component. Immutable; build it with
 * {@link ConfigLoader} (defaults &lt; JSON file &lt; environment &lt; flags).
 *
 * @param http       HTTP server, limits and admin token
 * @param events     event ingestion limits
 * @param store      event log, Postgres, Redis
 * @param bundlesDir directory of the bundle root the bundle manager serves and watches
 * @param recommend  bundle polling and the recommendation pipeline
 */
public record GatewayConfig(HttpConfig http, EventsConfig events, StoreConfig store, Optional<Path> bundlesDir,
                            RecommendConfig recommend) {

    public GatewayConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(bundlesDir, "bundlesDir");
        Objects.requireNonNull(recommend, "recommend");
    }
}
