package io.recgate.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads the gateway's embedded event log ({@link EventSchema}) from outside the gateway, e.g. to
 * export it for retraining. Reading while a gateway appends is safe: the log is append-only, and a
 * last line without its newline (an append in progress, or one torn by a crash and never
 * acknowledged) is skipped. Streams line by line: memory does not grow with the log.
 */
public final class EventLogReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLogReader() {
    }

    /**
     * Passes every complete line's event to {@code sink}, in log order.
     *
     * @return the number of events read
     * @throws IllegalArgumentException naming the file and line of a line that is not an event
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static long read(Path log, Consumer<LoggedEvent> sink) {
        long events = 0;
        long lineNumber = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(log), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNumber++;
                String text;
                try {
                    text = decoder.decode(ByteBuffer.wrap(line.toByteArray())).toString();
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException(log + ":" + lineNumber + ": not UTF-8 text", e);
                }
                line.reset();
                if (!text.isBlank()) {
                    sink.accept(parse(text, log, lineNumber));
                    events++;
                }
            }
            // Bytes after the last newline: an append in progress, or torn by a crash; never acknowledged.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event log " + log + ": " + e.getMessage(), e);
        }
        return events;
    }

    static LoggedEvent parse(String line, Path log, long lineNumber) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(log + ":" + lineNumber + ": not a JSON event: " + shorten(line));
        }
        JsonNode user = n.get(EventSchema.LOG_USER_ID);
        JsonNode item = n.get(EventSchema.LOG_ITEM_ID);
        JsonNode type = n.get(EventSchema.LOG_TYPE);
        JsonNode value = n.get(EventSchema.LOG_VALUE);
        JsonNode millis = n.get(EventSchema.LOG_TIMESTAMP);
        if (user == null || !user.isTextual() || item == null || !item.isTextual() || type == null
                || !type.isTextual() || millis == null || !millis.isIntegralNumber()
                || value != null && !value.isNull() && !value.isNumber()) {
            throw new IllegalArgumentException(log + ":" + lineNumber + ": not an event (" + EventSchema.LOG_USER_ID
                    + ", " + EventSchema.LOG_ITEM_ID + ", " + EventSchema.LOG_TYPE + ", " + EventSchema.LOG_TIMESTAMP
                    + " required): " + shorten(line));
        }
        EventType t = EventType.fromWire(type.asText()).orElseThrow(() -> new IllegalArgumentException(
                log + ":" + lineNumber + ": unknown event type '" + shorten(type.asText()) + "'"));
        return new LoggedEvent(user.asText(), item.asText(), t,
                value == null || value.isNull() ? null : value.asDouble(), Instant.ofEpochMilli(millis.asLong()));
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
