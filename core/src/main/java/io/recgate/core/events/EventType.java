package io.recgate.core.events;

import java.util.Locale;
import java.util.Optional;

/**
 * Kinds of user-item interaction the gateway accepts and the index builder exports; the wire name
 * (JSON, the PostgreSQL {@code event_type} column, the embedded log) is the lower-case constant name.
 * One definition for both sides: see {@link EventSchema}.
 */
public enum EventType {
    VIEW, CLICK, LIKE, RATE, PURCHASE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name used in JSON, e.g. {@code "rate"}. */
    public String wireName() {
        return wireName;
    }

    /** Whether events of this type must carry a {@code value} (only {@code rate}). */
    public boolean requiresValue() {
        return this == RATE;
    }

    /** The type with this wire name, or empty. */
    public static Optional<EventType> fromWire(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
