package io.recgate.gateway.store;

import io.recgate.gateway.config.Secrets;
import io.recgate.gateway.config.StoreConfig;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared Redis client of the best-effort stores, with their health: every failed call marks the
 * optional readiness condition {@code redis} down (with the reason) and counts
 * {@code recgate_store_errors_total{store="redis"}}; a success or a health-check PING marks it up
 * again. Callers recover from failures (the gateway degrades, it does not stop). Thread-safe.
 */
public final class RedisStore {

    /** Readiness condition and metrics name. */
    public static final String NAME = "redis";

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

    private final Redis client;
    private final String redactedUri;
    private final Readiness.Condition condition;
    private final GatewayMetrics metrics;
    private final long commandTimeoutMillis;

    private RedisStore(Redis client, String redactedUri, Readiness.Condition condition, GatewayMetrics metrics,
                       long commandTimeoutMillis) {
        this.client = client;
        this.redactedUri = redactedUri;
        this.condition = condition;
        this.metrics = metrics;
        this.commandTimeoutMillis = commandTimeoutMillis;
    }

    /** Creates the client for {@code redis://[:password@]host:port[/db]}; connects lazily. */
    public static RedisStore create(Vertx vertx, String uri, StoreConfig config, Readiness.Condition condition,
                                    GatewayMetrics metrics) {
        RedisOptions options = new RedisOptions()
                .setConnectionString(uri)
                .setMaxPoolSize(8)
                .setMaxPoolWaiting(1024)
                .setMaxWaitingHandlers(4096)
                .setNetClientOptions(new NetClientOptions()
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis())));
        condition.down("not connected yet");
        return new RedisStore(Redis.createClient(vertx, options), Secrets.redactUri(uri), condition, metrics,
                Math.max(1, config.commandTimeout().toMillis()));
    }

    /** One command; a failure is recorded (readiness, metrics) and passed on. */
    Future<Response> send(String operation, Request request) {
        return observe(operation, client.send(request));
    }

    /** Pipelined commands; a failure is recorded and passed on. */
    Future<List<Response>> batch(String operation, List<Request> requests) {
        return observe(operation, client.batch(requests));
    }

    private <T> Future<T> observe(String operation, Future<T> call) {
        // The client has no command timeout of its own: a Redis that accepts but never answers would
        // otherwise hold requests until their deadline and never show as down.
        return call.timeout(commandTimeoutMillis, TimeUnit.MILLISECONDS).onSuccess(v -> {
            if (!condition.isUp()) {
                condition.up("connected to " + redactedUri);
            }
        }).onFailure(e -> {
            metrics.recordStoreError(NAME, operation);
            String reason = e instanceof TimeoutException
                    ? "no answer within " + commandTimeoutMillis + " ms"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (condition.isUp()) {
                LOG.warn("Redis {} {} failed, serving degraded: {}", redactedUri, operation, reason);
            }
            condition.down("degraded: " + redactedUri + " unavailable: " + reason);
        });
    }

    /** PINGs Redis to refresh the readiness condition; never fails. */
    public Future<Void> checkHealth() {
        return send("ping", Request.cmd(Command.PING)).<Void>mapEmpty().otherwiseEmpty();
    }

    /** Whether the last call or health check succeeded. */
    public boolean isUp() {
        return condition.isUp();
    }

    /** Closes the client. */
    public Future<Void> close() {
        return client.close();
    }
}
