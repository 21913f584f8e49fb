package io.recgate.gateway.events;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.Consumer;

/**
 * The durable log of events. An event is acknowledged to a client only after the future of its
 * {@link #append} succeeded, so implementations complete it only once the events are durable
 * (fsynced, or committed). Methods never block the caller: they return futures completed on the
 * caller's Vert.x context. Thread-safe.
 */
public interface EventStore {

    /** Short name for metrics and readiness, e.g. {@code embedded} or {@code postgres}. */
    String name();

    /**
     * Makes the events durable, all or none.
     *
     * @return succeeds once all are durable; fails (with the cause) if any may not be, in which case
     *         the caller must not acknowledge them
     */
    Future<Void> append(List<Event> events);

    /**
     * Hands the newest {@code maxEvents} stored events, oldest first, to {@code sink} (on a worker or
     * the caller's context; the sink must be thread-safe), e.g. to rebuild in-memory recent interactions
     * at start.
     *
     * @return the number of events handed over
     */
    Future<Long> replay(int maxEvents, Consumer<Event> sink);

    /** Releases files and connections; appends after close fail. */
    Future<Void> close();
}
