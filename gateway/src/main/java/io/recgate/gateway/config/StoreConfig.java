package io.recgate.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where events and per-user state live. Immutable; built and validated by {@link ConfigLoader}.
 * Without {@code postgresUrl} events go to the embedded log under {@code dataDir}; without
 * {@code redisUrl} recent interactions and the response cache are in memory.
 *
 * @param dataDir                directory of the embedded event log (created if missing)
 * @param postgresUrl            {@code postgresql://user:password@host:port/db}; may hold a password, so
 *                               {@link #toString()} masks it
 * @param redisUrl               {@code redis://[:password@]host:port[/db]}; masked like {@code postgresUrl}
 * @param ioPoolSize             threads of the named worker pool for file I/O ({@code recgate-io})
 * @param postgresPoolSize       connections in the Postgres pool
 * @param connectTimeout         TCP connect timeout to Postgres and Redis
 * @param commandTimeout         longest wait for one Redis command or health check; a store that
 *                               accepts connections but does not answer counts as down after it
 * @param recentPerUser          interactions kept per user (newest first); older ones are dropped
 * @param recentMaxUsers         users kept by the in-memory recent store (least recently used evicted)
 * @param recentTtl              how long Redis keeps a user's recent list after its last event
 * @param responseCacheTtl       lifetime of a cached response
 * @param responseCacheMaxEntries entries kept by the in-memory response cache
 * @param replayMaxEvents        newest events replayed into recent interactions at start
 * @param healthCheckInterval    how often Redis and Postgres are pinged for readiness detail
 */
public record StoreConfig(
        Path dataDir,
        Optional<String> postgresUrl,
        Optional<String> redisUrl,
        int ioPoolSize,
        int postgresPoolSize,
        Duration connectTimeout,
        Duration commandTimeout,
        int recentPerUser,
        int recentMaxUsers,
        Duration recentTtl,
        Duration responseCacheTtl,
        int responseCacheMaxEntries,
        int replayMaxEvents,
        Duration healthCheckInterval) {

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(recentTtl, "recentTtl");
        Objects.requireNonNull(responseCacheTtl, "responseCacheTtl");
        Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
    }

    @Override
    public String toString() {
        return "StoreConfig[dataDir=" + dataDir
                + ", postgresUrl=" + postgresUrl.map(Secrets::redactUri).orElse("<none>")
                + ", redisUrl=" + redisUrl.map(Secrets::redactUri).orElse("<none>")
                + ", ioPoolSize=" + ioPoolSize + ", postgresPoolSize=" + postgresPoolSize
                + ", connectTimeout=" + connectTimeout + ", commandTimeout=" + commandTimeout
                + ", recentPerUser=" + recentPerUser
                + ", recentMaxUsers=" + recentMaxUsers + ", recentTtl=" + recentTtl
                + ", responseCacheTtl=" + responseCacheTtl + ", responseCacheMaxEntries=" + responseCacheMaxEntries
                + ", replayMaxEvents=" + replayMaxEvents + ", healthCheckInterval=" + healthCheckInterval + "]";
    }
}
