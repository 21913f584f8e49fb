package io.recgate.gateway.events;

import io.recgate.core.events.EventSchema;
import io.recgate.core.events.EventType;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated user-item interaction. Immutable.
 *
 * @param userId    external user id, non-empty
 * @param itemId    external item id, non-empty
 * @param type      kind of interaction
 * @param value     the rating of a {@code rate} event; {@code null} when the event carries none
 * @param timestamp when it happened (the client's time, or the arrival time when the client sent none)
 */
public record Event(String userId, String itemId, EventType type, Double value, Instant timestamp) {

    public Event {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        if (userId.isEmpty() || itemId.isEmpty()) {
            throw new IllegalArgumentException("empty id: userId '" + userId + "', itemId '" + itemId + "'");
        }
    }

    /** The interaction part (without the user), as kept by {@link RecentInteractions}. */
    public Interaction interaction() {
        return new Interaction(itemId, type, value, timestamp);
    }

    /**
     * The canonical JSON form, as stored in the embedded log and returned by the API:
     * {@code {"userId","itemId","type","value"?,"timestamp": epoch millis}}.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put(EventSchema.LOG_USER_ID, userId)
                .put(EventSchema.LOG_ITEM_ID, itemId)
                .put(EventSchema.LOG_TYPE, type.wireName());
        if (value != null) {
            json.put(EventSchema.LOG_VALUE, value);
        }
        return json.put(EventSchema.LOG_TIMESTAMP, timestamp.toEpochMilli());
    }

    /**
     * Reads {@link #toJson()} back. Trusts its input (it is our own log), so it checks structure only.
     *
     * @throws IllegalArgumentException when a field is missing or of the wrong kind
     */
    public static Event fromJson(JsonObject json) {
        Object user = json.getValue(EventSchema.LOG_USER_ID);
        Object item = json.getValue(EventSchema.LOG_ITEM_ID);
        Object type = json.getValue(EventSchema.LOG_TYPE);
        Object value = json.getValue(EventSchema.LOG_VALUE);
        Object millis = json.getValue(EventSchema.LOG_TIMESTAMP);
        if (!(user instanceof String u) || !(item instanceof String i) || !(type instanceof String t)
                || !(millis instanceof Number ms) || (value != null && !(value instanceof Number))) {
            throw new IllegalArgumentException("malformed event " + json.encode());
        }
        EventType eventType = EventType.fromWire(t)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + t + "' in " + json.encode()));
        return new Event(u, i, eventType, value == null ? null : ((Number) value).doubleValue(),
                Instant.ofEpochMilli(ms.longValue()));
    }
}
