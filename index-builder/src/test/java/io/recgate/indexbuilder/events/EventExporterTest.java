package io.recgate.indexbuilder.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.indexbuilder.cli.Main;
import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.io.ReadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recgate export-events} against a real PostgreSQL holding the gateway's event table. */
class EventExporterTest {

    private static TestPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        pg.close();
    }

    @BeforeEach
    void freshTable() {
        pg.execute("DROP TABLE IF EXISTS recgate_events", TestPostgres.GATEWAY_SCHEMA_V1);
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void insert(String user, String item, String type, String value, String time) {
        pg.execute("INSERT INTO recgate_events (user_id, item_id, event_type, value, event_time) VALUES ('"
                + user.replace("'", "''") + "', '" + item + "', '" + type + "', " + value + ", '" + time + "')");
    }

    @Test
    void exportsOneWeightedRowPerEventThatTheRebuildsCsvReaderReads() throws IOException {
        insert("u1", "i1", "view", "NULL", "2026-01-01T00:00:00Z");
        insert("u1", "i1", "view", "NULL", "2026-01-01T00:00:10Z");
        insert("u1", "i2", "purchase", "NULL", "2026-01-02T00:00:00Z");
        insert("u2", "i1", "rate", "4.5", "2026-01-03T00:00:00Z");
        insert("u,3 \"q\"", "i2", "like", "NULL", "2026-01-04T00:00:00Z");
        insert("u2", "i2", "rate", "NULL", "2026-01-05T00:00:00Z");
        insert("u2", "i3", "share", "NULL", "2026-01-05T00:00:00Z");
        Path out = dir.resolve("input/interactions.csv");

        Run run = cli("export-events", "--postgres", pg.url(), "--out", out.toString());

        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("user_id,item_id,weight,timestamp",
                "u1,i1,1,1767225600",
                "u1,i1,1,1767225610",
                "u1,i2,8,1767312000",
                "u2,i1,4.5,1767398400",
                "\"u,3 \"\"q\"\"\",i2,4,1767484800"), Files.readAllLines(out));
        assertTrue(run.out().startsWith("exported 5 events (7 read, 2 counting for nothing) from postgresql://"), run.out());
        assertFalse(run.out().contains(":postgres@"), "the password is shown: " + run.out());

        ReadResult read = DatasetReaders.read("csv", ReadOptions.builder(out).userColumn(EventExporter.USER_COLUMN)
                .itemColumn(EventExporter.ITEM_COLUMN).weightColumn(EventExporter.WEIGHT_COLUMN)
                .timestampColumn(EventExporter.TIMESTAMP_COLUMN).build(), null);
        Interactions x = read.dataset().interactions();
        assertFalse(read.dataset().explicit());
        assertEquals(4, x.size(), "the two views of (u1, i1) are merged");
        assertEquals(1, read.duplicatesMerged());
        assertEquals(List.of("u1", "u2", "u,3 \"q\""), x.users().ids());
        for (int r = 0; r < x.size(); r++) {
            if (x.users().id(x.user(r)).equals("u1") && x.items().id(x.item(r)).equals("i1")) {
                assertEquals(2f, x.value(r), "summed weight");
                assertEquals(1767225610L, x.timestamp(r), "latest timestamp kept");
            }
        }
        assertTrue(Files.notExists(dir.resolve("input/.interactions.csv.tmp")), "temporary file left behind");
    }

    @Test
    void sinceExportsOnlyLaterEventsAndWeightsAreConfigurable() throws IOException {
        insert("u1", "i1", "view", "NULL", "2026-01-01T00:00:00Z");
        insert("u1", "i2", "click", "NULL", "2026-02-01T00:00:00Z");
        insert("u2", "i1", "rate", "2", "2026-03-01T00:00:00Z");
        Path out = dir.resolve("e.csv");

        Run run = cli("export-events", "--postgres", pg.url(), "--out", out.toString(), "--since", "2026-02-01",
                "--weight", "click=0.5,rate=10");

        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("user_id,item_id,weight,timestamp", "u1,i2,0.5,1769904000", "u2,i1,10,1772323200"),
                Files.readAllLines(out));
    }

    @Test
    void noEventsExitsTwoAndLeavesThePreviousExportAsItWas() throws IOException {
        insert("u1", "i1", "view", "NULL", "2026-01-01T00:00:00Z");
        Path out = Files.writeString(dir.resolve("e.csv"), "previous export\n");

        Run run = cli("export-events", "--postgres", pg.url(), "--out", out.toString(), "--since", "2030-01-01T00:00:00Z");

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("recgate: no events to export from recgate_events at postgresql://"), run.err());
        assertTrue(run.err().contains(" since 2030-01-01T00:00:00Z (0 read, 0 counting for nothing with weights"
                + " view=1,click=2,like=4,rate=value,purchase=8); " + out + " left unchanged"), run.err());
        assertEquals("previous export\n", Files.readString(out));
        assertEquals(List.of(out), Files.list(dir).toList(), "temporary file left behind");
    }

    @Test
    void aDatabaseWithoutTheEventTableIsBadInput() {
        pg.execute("DROP TABLE recgate_events");
        Run run = cli("export-events", "--postgres", pg.url(), "--out", dir.resolve("e.csv").toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("recgate: no table recgate_events in postgresql://"), run.err());
        assertTrue(run.err().strip().endsWith(": no gateway with store.postgresUrl has written events there yet"), run.err());
    }

    @Test
    void aRefusedLoginIsBadInputAndNeverShowsThePassword() {
        String url = pg.url().replaceFirst("//[^@]*@", "//nobody:hunter22-secret@");
        Run run = cli("export-events", "--postgres", url, "--out", dir.resolve("e.csv").toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("recgate: PostgreSQL at postgresql://nobody:***@"), run.err());
        assertTrue(run.err().contains(" refused user 'nobody': "), run.err());
        assertFalse(run.err().contains("hunter22"), run.err());
    }

    @Test
    void anUnreachableServerExitsOneSoTheJobRetriesAndNeverShowsThePassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run run = cli("export-events", "--postgres", "postgresql://u:hunter22-secret@127.0.0.1:" + closed + "/db",
                "--out", dir.resolve("e.csv").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().startsWith("recgate: I/O error: cannot reach PostgreSQL at postgresql://u:***@127.0.0.1:"
                + closed + "/db: "), run.err());
        assertFalse(run.err().contains("hunter22"), run.err());
    }

    @Test
    void theUrlCanComeFromAnEnvironmentVariableAndAMissingOneIsBadInput() {
        Run run = cli("export-events", "--postgres-env", "RECGATE_TEST_SURELY_UNSET_VARIABLE", "--out", dir.resolve("e.csv").toString());
        assertEquals(2, run.code(), run.err());
        assertEquals("recgate: environment variable RECGATE_TEST_SURELY_UNSET_VARIABLE (--postgres-env) is not set",
                run.err().strip());
        Run both = cli("export-events", "--postgres", pg.url(), "--postgres-env", "X", "--out", dir.resolve("e.csv").toString());
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }
}
