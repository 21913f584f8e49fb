package io.recgate.indexbuilder.events;

import io.recgate.core.events.EventLogReader;
import io.recgate.core.events.EventSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Exports the gateway's interaction events — its PostgreSQL table ({@link #export}) or its embedded
 * log ({@link #exportLog}), both laid out by core's {@link EventSchema} — to the CSV format that {@code rebuild --format csv} reads:
 * header {@code user_id,item_id,weight,timestamp}, one row per counted event, the weight from
 * {@link EventWeights}, the timestamp in epoch seconds. Read it with {@code --weight-column weight}
 * ({@link #WEIGHT_COLUMN}); repeated (user, item) pairs are summed by the reader.
 *
 * <p>Plain JDBC in one read-only REPEATABLE READ transaction (a consistent snapshot while the
 * gateways keep writing), streamed with a cursor ({@value #FETCH_SIZE} rows per round trip), so
 * memory does not grow with the table. The file is written beside its destination, fsynced and
 * renamed over it, so a reader sees the previous export or the new one, never half a file; nothing
 * is replaced when the export fails or finds no events.
 *
 * <p>Failures: {@link UncheckedIOException} when the server cannot be reached or the file cannot be
 * written (worth a retry); {@link IllegalArgumentException} for what a retry does not fix (refused
 * credentials, no such database, no event table, no events); {@link IllegalStateException} for any
 * other SQL error. Messages name the server without its password. Stateless and thread-safe.
 */
public final class EventExporter {

    /** The column names of the CSV. */
    public static final String USER_COLUMN = "user_id";
    public static final String ITEM_COLUMN = "item_id";
    public static final String WEIGHT_COLUMN = "weight";
    public static final String TIMESTAMP_COLUMN = "timestamp";

    static final int FETCH_SIZE = 10_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 15;

    private EventExporter() {
    }

    /**
     * Exports every event with {@code event_time >= since} (all when {@code since} is null).
     *
     * @param out the CSV to create or replace; its directory is created
     * @throws IllegalArgumentException when there is no event to export (the file is left as it was),
     *                                  or the server refuses the credentials, database or table
     * @throws UncheckedIOException     when the server is unreachable or the file cannot be written
     * @throws IllegalStateException    for other SQL errors
     */
    public static ExportSummary export(PostgresUrl db, Instant since, EventWeights weights, Path out) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(weights, "weights");
        Path target = prepare(out);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        ExportSummary summary;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.properties(CONNECT_TIMEOUT_SECONDS))) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            summary = write(c, since, weights, tmp, target);
            c.commit();
        } catch (SQLException e) {
            deleteQuietly(tmp);
            throw translate(db, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        return publishOrRefuse(summary, tmp, target, EventSchema.TABLE + " at " + db, since, weights);
    }

    private static ExportSummary write(Connection c, Instant since, EventWeights weights, Path tmp, Path target)
            throws SQLException {
        String sql = "SELECT " + EventSchema.USER_ID + ", " + EventSchema.ITEM_ID + ", " + EventSchema.EVENT_TYPE + ", "
                + EventSchema.VALUE + ", " + EventSchema.EVENT_TIME + " FROM " + EventSchema.TABLE
                + (since == null ? "" : " WHERE " + EventSchema.EVENT_TIME + " >= ?") + " ORDER BY id";
        try (PreparedStatement st = c.prepareStatement(sql); CsvRows csv = new CsvRows(tmp, weights)) {
            st.setFetchSize(FETCH_SIZE);
            if (since != null) {
                st.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(4);
                    csv.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : value,
                            rs.getObject(5, OffsetDateTime.class).toInstant());
                }
            }
            return csv.finish(target);
        }
    }

    /**
     * Exports the events of a gateway's embedded log ({@code dataDir/events.log}, see
     * {@link EventSchema}) with {@code timestamp >= since} (all when null), like {@link #export}.
     * Safe while the gateway appends: the export holds the complete lines present when it started.
     *
     * @throws IllegalArgumentException when the log is missing, has a line that is not an event
     *                                  (naming file and line), or holds no event to export
     * @throws UncheckedIOException     when a file cannot be read or written
     */
    public static ExportSummary exportLog(Path dataDir, Instant since, EventWeights weights, Path out) {
        Objects.requireNonNull(weights, "weights");
        Path log = dataDir.resolve(EventSchema.LOG_FILE);
        if (!Files.isRegularFile(log)) {
            throw new IllegalArgumentException("no embedded event log at " + log
                    + " (--data-dir is the gateway's --data-dir, where it writes " + EventSchema.LOG_FILE + ")");
        }
        Path target = prepare(out);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        ExportSummary summary;
        try (CsvRows csv = new CsvRows(tmp, weights)) {
            EventLogReader.read(log, e -> {
                if (since == null || !e.timestamp().isBefore(since)) {
                    csv.add(e.userId(), e.itemId(), e.type().wireName(), e.value(), e.timestamp());
                }
            });
            summary = csv.finish(target);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        return publishOrRefuse(summary, tmp, target, log.toString(), since, weights);
    }

    private static Path prepare(Path out) {
        Path target = out.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static ExportSummary publishOrRefuse(ExportSummary summary, Path tmp, Path target, String source,
                                                 Instant since, EventWeights weights) {
        if (summary.rowsWritten() == 0) {
            deleteQuietly(tmp);
            throw new IllegalArgumentException("no events to export from " + source
                    + (since == null ? "" : " since " + since) + " (" + summary.eventsRead() + " read, "
                    + summary.skipped() + " counting for nothing with weights " + weights + "); " + target
                    + " left unchanged");
        }
        publish(tmp, target);
        return summary;
    }

    /**
     * The CSV being written: header first, then one row per counted event, fsynced by
     * {@link #finish}. Both stores feed it, so both exports are the same format to the byte.
     */
    private static final class CsvRows implements AutoCloseable {
        private final EventWeights weights;
        private final FileChannel channel;
        private final Writer w;
        private long read;
        private long written;
        private long skipped;
        private Instant first;
        private Instant last;

        CsvRows(Path tmp, EventWeights weights) {
            this.weights = weights;
            try {
                this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                this.w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                        StandardCharsets.UTF_8), 1 << 16);
                w.write(USER_COLUMN + "," + ITEM_COLUMN + "," + WEIGHT_COLUMN + "," + TIMESTAMP_COLUMN + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
            }
        }

        void add(String user, String item, String type, Double value, Instant at) {
            read++;
            double weight = weights.weight(type, value);
            if (Double.isNaN(weight)) {
                skipped++;
                return;
            }
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            try {
                w.write(csv(user));
                w.write(',');
                w.write(csv(item));
                w.write(',');
                w.write(EventWeights.fmt(weight));
                w.write(',');
                w.write(Long.toString(at.getEpochSecond()));
                w.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
            }
            written++;
        }

        ExportSummary finish(Path target) {
            try {
                w.flush();
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
            }
            return new ExportSummary(read, written, skipped, first, last, target);
        }

        @Override
        public void close() {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the export: " + e.getMessage(), e);
            }
        }
    }

    /** RFC 4180: a field with a delimiter, quote, line break or edge blank is quoted, quotes doubled. */
    static String csv(String field) {
        boolean quote = !field.isEmpty() && (Character.isWhitespace(field.charAt(0))
                || Character.isWhitespace(field.charAt(field.length() - 1)));
        for (int i = 0; i < field.length() && !quote; i++) {
            char ch = field.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r' || ch == '\t';
        }
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static void publish(Path tmp, Path target) {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // The rename itself is durable only once the directory is synced.
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // Some file systems cannot sync a directory; the file's own data is already synced.
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot replace " + target + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeException translate(PostgresUrl db, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = db.mask(e.getMessage());
        if (state.startsWith("08")) {
            String text = "cannot reach PostgreSQL at " + db + ": " + message;
            return new UncheckedIOException(text, new IOException(text));
        }
        if (state.startsWith("28")) {
            return new IllegalArgumentException("PostgreSQL at " + db + " refused user '" + db.user() + "'"
                    + (db.hasPassword() ? "" : " (no password given: put it in the URL or PGPASSWORD)") + ": " + message);
        }
        if (state.equals("3D000")) {
            return new IllegalArgumentException("no such database at " + db + ": " + message);
        }
        if (state.equals("42P01")) {
            return new IllegalArgumentException("no table " + EventSchema.TABLE + " in " + db
                    + ": no gateway with store.postgresUrl has written events there yet");
        }
        return new IllegalStateException("PostgreSQL at " + db + " failed (SQLState " + state + "): " + message);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // only a leftover temporary file; the next export truncates it
        }
    }
}
