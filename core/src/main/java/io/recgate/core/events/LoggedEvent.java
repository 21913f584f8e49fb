package io.recgate.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event as read back from a store.
 *
 * @param value the rating or other number, or null
 */
public record LoggedEvent(String userId, String itemId, EventType type, Double value, Instant timestamp) {

    public LoggedEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
