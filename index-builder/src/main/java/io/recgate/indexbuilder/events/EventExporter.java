package io.recgate.indexbuilder.events;

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
 * Exports the gateway's interaction events (table {@code recgate_events}, written by the gateway's
 * {@code PostgresEventStore}) to the CSV format that {@code rebuild --format csv} reads:
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
    private static final String TABLE = "recgate_events";

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
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
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
        if (summary.rowsWritten() == 0) {
            deleteQuietly(tmp);
            throw new IllegalArgumentException("no events to export from " + TABLE + " at " + db
                    + (since == null ? "" : " since " + since) + " (" + summary.eventsRead() + " read, "
                    + summary.skipped() + " counting for nothing with weights " + weights + "); " + target + " left unchanged");
        }
        publish(tmp, target);
        return summary;
    }

    private static ExportSummary write(Connection c, Instant since, EventWeights weights, Path tmp, Path target)
            throws SQLException {
        String sql = "SELECT user_id, item_id, event_type, value, event_time FROM " + TABLE
                + (since == null ? "" : " WHERE event_time >= ?") + " ORDER BY id";
        long read = 0;
        long written = 0;
        long skipped = 0;
        Instant first = null;
        Instant last = null;
        try (PreparedStatement st = c.prepareStatement(sql);
             FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING);
             Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8), 1 << 16)) {
            st.setFetchSize(FETCH_SIZE);
            if (since != null) {
                st.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            }
            w.write(USER_COLUMN + "," + ITEM_COLUMN + "," + WEIGHT_COLUMN + "," + TIMESTAMP_COLUMN + "\n");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    read++;
                    double value = rs.getDouble(4);
                    double weight = weights.weight(rs.getString(3), rs.wasNull() ? null : value);
                    if (Double.isNaN(weight)) {
                        skipped++;
                        continue;
                    }
                    Instant at = rs.getObject(5, OffsetDateTime.class).toInstant();
                    first = first == null || at.isBefore(first) ? at : first;
                    last = last == null || at.isAfter(last) ? at : last;
                    w.write(csv(rs.getString(1)));
                    w.write(',');
                    w.write(csv(rs.getString(2)));
                    w.write(',');
                    w.write(EventWeights.fmt(weight));
                    w.write(',');
                    w.write(Long.toString(at.getEpochSecond()));
                    w.write('\n');
                    written++;
                }
            }
            w.flush();
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        return new ExportSummary(read, written, skipped, first, last, target);
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
            return new IllegalArgumentException("no table " + TABLE + " in " + db
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
