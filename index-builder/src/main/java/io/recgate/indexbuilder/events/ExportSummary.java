package io.recgate.indexbuilder.events;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@link EventExporter#export} did.
 *
 * @param eventsRead  rows read from {@code recgate_events}
 * @param rowsWritten CSV rows written (one per counted event; the reader merges repeated pairs)
 * @param skipped     events that count for nothing (unknown type, weight 0, a rate without a value)
 * @param first       the oldest exported event time
 * @param last        the newest exported event time
 * @param file        the CSV file, replaced atomically
 */
public record ExportSummary(long eventsRead, long rowsWritten, long skipped, Instant first, Instant last, Path file) {
}
