package io.recgate.indexbuilder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExportEventsCommandTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void sinceTakesAnInstantADateOrAnAgeBeforeNow() {
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), ExportEventsCommand.parseSince("2026-01-31T10:00:00Z", NOW));
        assertEquals(Instant.parse("2026-01-31T00:00:00Z"), ExportEventsCommand.parseSince("2026-01-31", NOW));
        assertEquals(Instant.parse("2025-12-15T12:00:00Z"), ExportEventsCommand.parseSince("P90D", NOW));
        assertEquals(Instant.parse("2026-03-15T00:00:00Z"), ExportEventsCommand.parseSince("PT12H", NOW));
        assertEquals(Instant.parse("2025-03-15T12:00:00Z"), ExportEventsCommand.parseSince("p1y", NOW));
    }

    @Test
    void anUnreadableOrNegativeSinceIsRefusedNamingTheForms() {
        for (String bad : new String[] {"yesterday", "P-3D", "2026-13-01", "PT-1H"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportEventsCommand.parseSince(bad, NOW));
            assertEquals("--since '" + bad + "' is not an instant (2026-01-31T00:00:00Z), a date (2026-01-31) or a"
                    + " positive age (P90D, PT12H)", e.getMessage());
        }
    }
}
