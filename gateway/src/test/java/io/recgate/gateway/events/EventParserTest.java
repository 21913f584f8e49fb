package io.recgate.gateway.events;

import io.recgate.core.events.EventType;
import io.recgate.gateway.config.EventsConfig;
import io.recgate.gateway.http.ApiException;
import io.vertx.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventParserTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final EventParser parser = new EventParser(new EventsConfig(3, 1, 5, Duration.ofMinutes(5), 8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private List<Event> parse(String json) {
        return parser.parse(Json.decodeValue(json));
    }

    private ApiException refused(String json) {
        return assertThrows(ApiException.class, () -> parse(json));
    }

    @Test
    void parsesOneEventWithDefaultTimestamp() {
        List<Event> events = parse("{\"userId\":\"u1\",\"itemId\":\"i9\",\"type\":\"view\"}");
        assertEquals(List.of(new Event("u1", "i9", EventType.VIEW, null, NOW)), events);
    }

    @Test
    void parsesABatchWithRatingsAndBothTimestampForms() {
        List<Event> events = parse("""
                [{"userId":"u1","itemId":"i1","type":"rate","value":4.5,"timestamp":1700000000000},
                 {"userId":"u2","itemId":"i2","type":"purchase","timestamp":"2025-12-31T23:59:00Z"}]""");
        assertEquals(2, events.size());
        assertEquals(4.5, events.get(0).value());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), events.get(0).timestamp());
        assertNull(events.get(1).value());
        assertEquals(Instant.parse("2025-12-31T23:59:00Z"), events.get(1).timestamp());
    }

    @Test
    void rateNeedsAValueInRange() {
        assertEquals("value: is required for type rate (a number in [1, 5])",
                refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"rate\"}").getMessage());
        assertEquals("value: rating must be in [1, 5], got 6",
                refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"rate\",\"value\":6}").getMessage());
        assertEquals("value: rating must be in [1, 5], got 0.5",
                refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"rate\",\"value\":0.5}").getMessage());
    }

    @Test
    void reportsEveryProblemOfABatchWithItsPath() {
        ApiException e = refused("""
                [{"userId":"u","itemId":"i","type":"like"},
                 {"userId":"","itemId":"123456789","type":"watch","extra":1},
                 42]""");
        assertEquals(400, e.status());
        assertEquals("invalid_event", e.code());
        String m = e.getMessage();
        assertTrue(m.contains("events[1].extra: unknown field"), m);
        assertTrue(m.contains("events[1].userId: must not be blank"), m);
        assertTrue(m.contains("events[1].itemId: is longer than 8 chars (9)"), m);
        assertTrue(m.contains("events[1].type: unknown type 'watch' (one of view, click, like, rate, purchase)"), m);
        assertTrue(m.contains("events[2]: must be an object, got number"), m);
        assertTrue(!m.contains("events[0]"), m);
    }

    @Test
    void refusesTimestampsInTheFutureOrMalformed() {
        assertTrue(refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":\"2026-01-01T01:00:00Z\"}")
                .getMessage().contains("is more than PT5M in the future"));
        assertTrue(refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":\"yesterday\"}")
                .getMessage().contains("'yesterday' is not an ISO-8601 instant"));
        assertTrue(refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":1.5}")
                .getMessage().contains("must be integer epoch milliseconds or an ISO-8601 string, got number"));
        assertTrue(refused("{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":-1}")
                .getMessage().contains("must be >= 0 epoch milliseconds, got -1"));
    }

    @Test
    void boundsTheBatch() {
        ApiException tooMany = refused("[{},{},{},{}]");
        assertEquals("batch_too_large", tooMany.code());
        assertEquals("4 events in one request; at most 3 are accepted", tooMany.getMessage());
        assertEquals("the event array is empty", refused("[]").getMessage());
        assertEquals("body must be an event object or an array of events, got string", refused("\"view\"").getMessage());
    }
}
