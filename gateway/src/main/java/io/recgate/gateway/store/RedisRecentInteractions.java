package io.recgate.gateway.store;

import io.recgate.gateway.events.Event;
import io.recgate.gateway.events.Interaction;
import io.recgate.gateway.events.RecentInteractions;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RecentInteractions} in Redis, shared by all gateway replicas: a list per user at
 * {@code recgate:recent:<userId>} holding JSON interactions newest first, trimmed to
 * {@code perUser} and expiring {@code ttl} after the user's last event (LPUSH + LTRIM + PEXPIRE,
 * pipelined). When Redis fails, writes are dropped and reads return an empty list (degraded: seen
 * items are not excluded); see {@link RedisStore} for how that shows. Thread-safe.
 */
public final class RedisRecentInteractions implements RecentInteractions {

    static final String KEY_PREFIX = "recgate:recent:";

    private final RedisStore redis;
    private final int perUser;
    private final long ttlMillis;

    /**
     * @throws IllegalArgumentException if {@code perUser < 1} or ttl is not positive
     */
    public RedisRecentInteractions(RedisStore redis, int perUser, Duration ttl) {
        if (perUser < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("perUser " + perUser + " must be >= 1 and ttl " + ttl + " > 0");
        }
        this.redis = redis;
        this.perUser = perUser;
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public String name() {
        return RedisStore.NAME;
    }

    @Override
    public Future<Void> record(List<Event> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, Request> pushes = new LinkedHashMap<>();
        for (Event e : events) {
            // LPUSH with several values pushes them in order, so the last given ends up first (newest).
            pushes.computeIfAbsent(e.userId(), u -> Request.cmd(Command.LPUSH).arg(KEY_PREFIX + u))
                    .arg(e.interaction().toJson().encode());
        }
        List<Request> requests = new ArrayList<>(pushes.size() * 3);
        for (Map.Entry<String, Request> push : pushes.entrySet()) {
            String key = KEY_PREFIX + push.getKey();
            requests.add(push.getValue());
            requests.add(Request.cmd(Command.LTRIM).arg(key).arg(0).arg(perUser - 1));
            requests.add(Request.cmd(Command.PEXPIRE).arg(key).arg(ttlMillis));
        }
        return redis.batch("recent.record", requests).<Void>mapEmpty().otherwiseEmpty();
    }

    @Override
    public Future<List<Interaction>> recent(String userId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be >= 1");
        }
        Request range = Request.cmd(Command.LRANGE).arg(KEY_PREFIX + userId).arg(0).arg(Math.min(limit, perUser) - 1);
        return redis.send("recent.read", range)
                .map(RedisRecentInteractions::parse)
                .otherwise(e -> List.of());
    }

    private static List<Interaction> parse(Response response) {
        if (response == null) {
            return List.of();
        }
        List<Interaction> out = new ArrayList<>(response.size());
        for (Response item : response) {
            try {
                out.add(Interaction.fromJson(new JsonObject(item.toString())));
            } catch (DecodeException | IllegalArgumentException e) {
                // A foreign or damaged entry: skip it rather than fail the user's requests.
            }
        }
        return out;
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
