package io.recgate.gateway.events;

import io.recgate.core.events.EventType;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * One of a user's recent interactions, as {@link RecentInteractions} returns it. Immutable.
 *
 * @param itemId    external item id
 * @param type      kind of interaction
 * @param value     rating of a {@code rate} event, {@code null} otherwise
 * @param timestamp when it happened
 */
public record Interaction(String itemId, EventType type, Double value, Instant timestamp) {

    public Interaction {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** {@code {"itemId","type","value"?,"timestamp": epoch millis}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("itemId", itemId).put("type", type.wireName());
        if (value != null) {
            json.put("value", value);
        }
        return json.put("timestamp", timestamp.toEpochMilli());
    }

    /**
     * Reads {@link #toJson()} back.
     *
     * @throws IllegalArgumentException when a field is missing or of the wrong kind
     */
    public static Interaction fromJson(JsonObject json) {
        Object item = json.getValue("itemId");
        Object type = json.getValue("type");
        Object value = json.getValue("value");
        Object millis = json.getValue("timestamp");
        if (!(item instanceof String i) || !(type instanceof String t) || !(millis instanceof Number ms)
                || (value != null && !(value instanceof Number))) {
            throw new IllegalArgumentException("malformed interaction " + json.encode());
        }
        EventType eventType = EventType.fromWire(t)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + t + "' in " + json.encode()));
        return new Interaction(i, eventType, value == null ? null : ((Number) value).doubleValue(),
                Instant.ofEpochMilli(ms.longValue()));
    }
}
