package io.recgate.indexbuilder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void exportsTheEmbeddedLogToTheCsvRebuildReads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path data = java.nio.file.Files.createDirectories(dir.resolve("gateway-data"));
        java.nio.file.Files.writeString(data.resolve("events.log"), """
                {"userId":"u1","itemId":"i1","type":"view","timestamp":1700000000000}
                {"userId":"u1","itemId":"i2","type":"purchase","timestamp":1700000100000}
                {"userId":"u2,x","itemId":"i1","type":"rate","value":4.0,"timestamp":1700000200000}
                {"userId":"u2","itemId":"i3","type":"rate","timestamp":1700000300000}
                {"userId":"u3","itemId":"i9","type":"cli""");
        java.nio.file.Path out = dir.resolve("input/interactions.csv");
        CliRun run = CliRun.of("export-events", "--data-dir", data.toString(), "--out", out.toString(),
                "--weight", "view=0");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("exported 2 events (4 read, 2 counting for nothing) from "), run.out());
        assertEquals("""
                user_id,item_id,weight,timestamp
                u1,i2,8,1700000100
                "u2,x",i1,4,1700000200
                """, java.nio.file.Files.readString(out));
        run = CliRun.of("export-events", "--data-dir", data.toString(), "--out", out.toString(),
                "--since", "2023-11-14T22:15:00Z");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(2, java.nio.file.Files.readAllLines(out).size() - 1, "the purchase and the rating at or after --since");
        CliRun missing = CliRun.of("export-events", "--data-dir", dir.resolve("nowhere").toString(), "--out",
                out.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
        assertTrue(missing.errorLines().contains("no embedded event log at "), missing.errorLines());
    }
}
