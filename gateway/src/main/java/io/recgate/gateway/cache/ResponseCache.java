package io.recgate.gateway.cache;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Optional;

/**
 * Short-lived cache of rendered responses, keyed per user so that a user's new events drop all of
 * that user's entries at once. Best effort: methods never fail; a backend failure is counted in the
 * metrics and behaves as a miss (get) or a no-op (put, invalidate). An invalidation lost while the
 * backend is down lets a stale entry live at most {@code store.responseCacheTtl}. Non-blocking and
 * thread-safe.
 */
public interface ResponseCache {

    /** Short name for metrics, e.g. {@code memory} or {@code redis}. */
    String name();

    /** The cached value for this user and request key, or empty (miss, expired, or backend down). */
    Future<Optional<String>> get(String userId, String key);

    /** Caches {@code value} for the configured TTL. */
    Future<Void> put(String userId, String key, String value);

    /** Drops every entry of these users. */
    Future<Void> invalidate(Collection<String> userIds);

    /** Releases connections. */
    Future<Void> close();
}
