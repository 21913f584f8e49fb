package io.recgate.gateway.events;

import io.vertx.core.Future;

import java.util.List;

/**
 * Each user's most recent interactions (bounded per user), for excluding seen items and folding a
 * user in from their latest events. Best effort: it is a cache of the event log, not the record, so
 * a failed write loses nothing durable. Non-blocking and thread-safe.
 */
public interface RecentInteractions {

    /** Short name for metrics and readiness, e.g. {@code memory} or {@code redis}. */
    String name();

    /** Adds events (any users, any order within a user by timestamp is kept as given: later = newer). */
    Future<Void> record(List<Event> events);

    /**
     * The user's newest interactions first, at most {@code limit}; empty for an unknown user.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    Future<List<Interaction>> recent(String userId, int limit);

    /** Releases connections. */
    Future<Void> close();
}
