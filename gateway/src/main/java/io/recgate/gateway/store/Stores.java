package io.recgate.gateway.store;

import io.recgate.gateway.cache.MemoryResponseCache;
import io.recgate.gateway.cache.ResponseCache;
import io.recgate.gateway.config.StoreConfig;
import io.recgate.gateway.events.EventStore;
import io.recgate.gateway.events.RecentInteractions;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stores chosen by {@link StoreConfig}, opened together:
 * <ul>
 *   <li>events: Postgres when {@code store.postgresUrl} is set, else the embedded log in {@code store.dataDir};</li>
 *   <li>recent interactions and response cache: Redis when {@code store.redisUrl} is set, else memory.</li>
 * </ul>
 * In-memory recent interactions are rebuilt at open from the newest {@code store.replayMaxEvents}
 * events of the event store. Each store has an optional readiness condition ({@code embedded},
 * {@code postgres}, {@code redis}) and a {@code recgate_store_up} gauge; Redis and Postgres are
 * pinged every {@code store.healthCheckInterval}. Thread-safe.
 */
public final class Stores {

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private final Vertx vertx;
    private final EventStore events;
    private final RecentInteractions recent;
    private final ResponseCache cache;
    private final Optional<RedisStore> redis;
    private final List<Long> timers;

    private Stores(Vertx vertx, EventStore events, RecentInteractions recent, ResponseCache cache,
                   Optional<RedisStore> redis, List<Long> timers) {
        this.vertx = vertx;
        this.events = events;
        this.recent = recent;
        this.cache = cache;
        this.redis = redis;
        this.timers = timers;
    }

    /**
     * Opens the configured stores. Fails only when the embedded log cannot be opened or replayed;
     * an unreachable Postgres or Redis leaves the gateway running degraded.
     *
     * @param io the named worker pool for file I/O
     */
    public static Future<Stores> open(Vertx vertx, StoreConfig config, WorkerExecutor io, Readiness readiness,
                                      GatewayMetrics metrics) {
        List<Long> timers = new ArrayList<>();
        long interval = Math.max(10, config.healthCheckInterval().toMillis());

        Optional<RedisStore> redis = config.redisUrl().map(uri -> {
            Readiness.Condition condition = readiness.register(RedisStore.NAME, false);
            RedisStore store = RedisStore.create(vertx, uri, config, condition, metrics);
            metrics.registerStoreUp(RedisStore.NAME, condition::isUp);
            timers.add(vertx.setPeriodic(interval, id -> store.checkHealth()));
            return store;
        });
        RecentInteractions recent = redis.<RecentInteractions>map(r ->
                        new RedisRecentInteractions(r, config.recentPerUser(), config.recentTtl()))
                .orElseGet(() -> new MemoryRecentInteractions(config.recentPerUser(), config.recentMaxUsers()));
        ResponseCache cache = redis.<ResponseCache>map(r -> new RedisResponseCache(r, config.responseCacheTtl()))
                .orElseGet(() -> new MemoryResponseCache(config.responseCacheMaxEntries(), config.responseCacheTtl()));
        Future<Void> redisChecked = redis.map(RedisStore::checkHealth).orElse(Future.succeededFuture());

        Future<EventStore> eventStore;
        if (config.postgresUrl().isPresent()) {
            Readiness.Condition condition = readiness.register(PostgresEventStore.NAME, false);
            PostgresEventStore pg = PostgresEventStore.create(vertx, config.postgresUrl().get(), config, condition);
            metrics.registerStoreUp(PostgresEventStore.NAME, condition::isUp);
            timers.add(vertx.setPeriodic(interval, id -> pg.checkHealth()));
            eventStore = pg.start().map(v -> pg);
        } else {
            Readiness.Condition condition = readiness.register("embedded", false);
            eventStore = EmbeddedEventLog.open(vertx, io, config.dataDir()).map(log -> {
                condition.up("event log " + log.file());
                metrics.registerStoreUp("embedded", log::healthy);
                return log;
            });
        }
        boolean embedded = config.postgresUrl().isEmpty();
        return eventStore.compose(store -> redisChecked.compose(v -> {
            Stores stores = new Stores(vertx, store, recent, cache, redis, timers);
            if (!(recent instanceof MemoryRecentInteractions memory) || config.replayMaxEvents() == 0) {
                return Future.succeededFuture(stores);
            }
            Future<Long> replayed = store.replay(config.replayMaxEvents(), memory::add)
                    .onSuccess(n -> LOG.info("replayed {} events from {} into recent interactions", n, store.name()));
            // A corrupt embedded log must stop the start; an unreachable Postgres only costs history.
            Future<Long> tolerated = embedded ? replayed : replayed.recover(e -> {
                LOG.warn("could not replay events from {}: {}", store.name(), e.getMessage());
                return Future.succeededFuture(0L);
            });
            return tolerated.map(n -> stores)
                    .recover(e -> stores.close().transform(x -> Future.<Stores>failedFuture(e)));
        })).onFailure(e -> {
            timers.forEach(vertx::cancelTimer);
            redis.ifPresent(RedisStore::close);
        });
    }

    /** Where events are made durable. */
    public EventStore events() {
        return events;
    }

    /** Each user's recent interactions. */
    public RecentInteractions recent() {
        return recent;
    }

    /** Per-user response cache. */
    public ResponseCache cache() {
        return cache;
    }

    /** Stops health checks and closes every store. */
    public Future<Void> close() {
        timers.forEach(vertx::cancelTimer);
        List<Future<Void>> closing = new ArrayList<>();
        closing.add(events.close());
        closing.add(recent.close());
        closing.add(cache.close());
        redis.ifPresent(r -> closing.add(r.close()));
        return Future.join(closing).mapEmpty();
    }
}
