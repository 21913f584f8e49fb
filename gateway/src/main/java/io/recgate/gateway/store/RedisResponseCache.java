package io.recgate.gateway.store;

import io.recgate.gateway.cache.ResponseCache;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link ResponseCache} in Redis: one hash per user at {@code recgate:resp:<userId>}, a field per
 * request key, so invalidating a user is one DEL. Each value carries its own expiry time
 * ({@code <epochMillis>|<payload>}) because field-level TTLs need Redis 7.4; the hash itself expires
 * {@code ttl} after its last write. Failures are misses/no-ops (see {@link RedisStore}). Thread-safe.
 */
public final class RedisResponseCache implements ResponseCache {

    static final String KEY_PREFIX = "recgate:resp:";

    private final RedisStore redis;
    private final long ttlMillis;

    public RedisResponseCache(RedisStore redis, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl " + ttl + " must be > 0");
        }
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public String name() {
        return RedisStore.NAME;
    }

    @Override
    public Future<Optional<String>> get(String userId, String key) {
        return redis.send("cache.get", Request.cmd(Command.HGET).arg(KEY_PREFIX + userId).arg(key))
                .map(r -> {
                    if (r == null) {
                        return Optional.<String>empty();
                    }
                    String stored = r.toString();
                    int bar = stored.indexOf('|');
                    if (bar < 0) {
                        return Optional.<String>empty();
                    }
                    long expiresAt = Long.parseLong(stored.substring(0, bar));
                    return System.currentTimeMillis() < expiresAt
                            ? Optional.of(stored.substring(bar + 1))
                            : Optional.<String>empty();
                })
                .otherwise(e -> Optional.empty());
    }

    @Override
    public Future<Void> put(String userId, String key, String value) {
        String redisKey = KEY_PREFIX + userId;
        long expiresAt = System.currentTimeMillis() + ttlMillis;
        return redis.batch("cache.put", List.of(
                        Request.cmd(Command.HSET).arg(redisKey).arg(key).arg(expiresAt + "|" + value),
                        Request.cmd(Command.PEXPIRE).arg(redisKey).arg(ttlMillis)))
                .<Void>mapEmpty().otherwiseEmpty();
    }

    @Override
    public Future<Void> invalidate(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Future.succeededFuture();
        }
        // One DEL per key: keys of different users may live in different cluster slots.
        List<Request> deletes = new ArrayList<>(userIds.size());
        for (String userId : userIds) {
            deletes.add(Request.cmd(Command.DEL).arg(KEY_PREFIX + userId));
        }
        return redis.batch("cache.invalidate", deletes).<Void>mapEmpty().otherwiseEmpty();
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
