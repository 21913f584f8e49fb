package io.recgate.gateway.events;

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
        try {
            String typeName = json.getString("type");
            EventType type = EventType.fromWire(typeName)
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + typeName + "'"));
            return new Interaction(json.getString("itemId"), type, json.getDouble("value"),
                    Instant.ofEpochMilli(json.getLong("timestamp")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("malformed interaction " + json.encode() + ": " + e.getMessage(), e);
        }
    }
}
