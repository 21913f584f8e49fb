package io.recgate.gateway.events;

import io.recgate.core.events.EventType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {

    @Test
    void eventsAndInteractionsRoundTrip() {
        Event rated = new Event("u", "i", EventType.RATE, 3.5, Instant.ofEpochMilli(42));
        Event viewed = new Event("u", "j", EventType.VIEW, null, Instant.ofEpochMilli(43));
        assertEquals(rated, Event.fromJson(new JsonObject(rated.toJson().encode())));
        assertEquals(viewed, Event.fromJson(new JsonObject(viewed.toJson().encode())));
        assertEquals(rated.interaction(), Interaction.fromJson(new JsonObject(rated.interaction().toJson().encode())));
        assertEquals(viewed.interaction(), Interaction.fromJson(viewed.interaction().toJson()));
    }

    @Test
    void malformedStoredEventsAreRefusedWithTheirText() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Event.fromJson(new JsonObject().put("userId", "u").put("type", "view").put("timestamp", 1)));
        assertTrue(missing.getMessage().startsWith("malformed event {\"userId\":\"u\""), missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> Interaction.fromJson(
                new JsonObject().put("itemId", "i").put("type", "watch").put("timestamp", 1)));
        assertTrue(type.getMessage().startsWith("unknown event type 'watch'"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Event.fromJson(new JsonObject()
                .put("userId", "u").put("itemId", "i").put("type", "rate").put("value", "x").put("timestamp", 1)));
    }
}
