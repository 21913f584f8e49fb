package io.recgate.gateway.cache;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ResponseCache} in this process: at most {@code maxEntries} entries in all, the least recently
 * used user's entries evicted first; entries expire {@code ttl} after they were put. Synchronized
 * (operations are a few map lookups).
 */
public final class MemoryResponseCache implements ResponseCache {

    private final int maxEntries;
    private final long ttlNanos;
    private final LinkedHashMap<String, Map<String, Entry>> byUser = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    private record Entry(String value, long expiresAtNanos) {
    }

    /**
     * @param maxEntries entries kept in all; 0 disables caching
     * @param ttl        lifetime of an entry
     * @throws IllegalArgumentException on a negative size or non-positive ttl
     */
    public MemoryResponseCache(int maxEntries, Duration ttl) {
        if (maxEntries < 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " must be >= 0 and ttl " + ttl + " > 0");
        }
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized Future<Optional<String>> get(String userId, String key) {
        Map<String, Entry> entries = byUser.get(userId);
        Entry e = entries == null ? null : entries.get(key);
        if (e == null) {
            return Future.succeededFuture(Optional.empty());
        }
        if (System.nanoTime() - e.expiresAtNanos >= 0) {
            entries.remove(key);
            size--;
            return Future.succeededFuture(Optional.empty());
        }
        return Future.succeededFuture(Optional.of(e.value));
    }

    @Override
    public synchronized Future<Void> put(String userId, String key, String value) {
        if (maxEntries == 0) {
            return Future.succeededFuture();
        }
        Map<String, Entry> entries = byUser.computeIfAbsent(userId, u -> new HashMap<>());
        if (entries.put(key, new Entry(value, System.nanoTime() + ttlNanos)) == null) {
            size++;
        }
        Iterator<Map.Entry<String, Map<String, Entry>>> eldest = byUser.entrySet().iterator();
        while (size > maxEntries && eldest.hasNext()) {
            Map.Entry<String, Map<String, Entry>> victim = eldest.next();
            if (victim.getKey().equals(userId) && byUser.size() > 1) {
                continue;
            }
            size -= victim.getValue().size();
            eldest.remove();
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> invalidate(Collection<String> userIds) {
        for (String userId : userIds) {
            Map<String, Entry> removed = byUser.remove(userId);
            if (removed != null) {
                size -= removed.size();
            }
        }
        return Future.succeededFuture();
    }

    /** Entries currently held (expired ones included until touched). */
    public synchronized int size() {
        return size;
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
