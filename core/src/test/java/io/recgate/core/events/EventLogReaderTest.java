package io.recgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogReaderTest {

    @TempDir
    Path dir;

    private List<LoggedEvent> read(String content) throws IOException {
        Path log = Files.write(dir.resolve(EventSchema.LOG_FILE), content.getBytes(StandardCharsets.UTF_8));
        List<LoggedEvent> events = new ArrayList<>();
        long n = EventLogReader.read(log, events::add);
        assertEquals(events.size(), n);
        return events;
    }

    @Test
    void readsEveryCompleteLineAndSkipsATornLastOne() throws IOException {
        List<LoggedEvent> events = read("""
                {"userId":"u1","itemId":"i9","type":"click","timestamp":1700000000000}
                {"userId":"u2","itemId":"é","type":"rate","value":4.5,"timestamp":1700000001000}

                {"userId":"u3","itemId":"i1","type":"view","timestamp":1700000002000}
                {"userId":"u4","itemId":"i2","type":"li""");
        assertEquals(3, events.size());
        assertEquals(new LoggedEvent("u1", "i9", EventType.CLICK, null, Instant.ofEpochMilli(1700000000000L)),
                events.get(0));
        assertEquals(new LoggedEvent("u2", "é", EventType.RATE, 4.5, Instant.ofEpochMilli(1700000001000L)),
                events.get(1));
        assertEquals("u3", events.get(2).userId());
    }

    @Test
    void aLineThatIsNotAnEventIsRefusedNamingFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("""
                {"userId":"u1","itemId":"i9","type":"click","timestamp":1700000000000}
                {"userId":"u1","type":"click","timestamp":1700000000000}
                """));
        assertTrue(e.getMessage().contains(EventSchema.LOG_FILE + ":2: not an event"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("""
                {"userId":"u1","itemId":"i9","type":"share","timestamp":1}
                """));
        assertTrue(e.getMessage().endsWith(":1: unknown event type 'share'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("garbage\n"));
        assertTrue(e.getMessage().contains(":1: not a JSON event: garbage"), e.getMessage());
    }

    @Test
    void invalidUtf8IsNamedWithItsLine() throws IOException {
        Path log = dir.resolve("bad.log");
        byte[] good = "{\"userId\":\"u1\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":1}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 3];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xC3;
        bytes[good.length + 1] = (byte) 0x28;
        bytes[good.length + 2] = '\n';
        Files.write(log, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventLogReader.read(log, x -> { }));
        assertTrue(e.getMessage().contains("bad.log:2: not UTF-8 text"), e.getMessage());
    }
}
