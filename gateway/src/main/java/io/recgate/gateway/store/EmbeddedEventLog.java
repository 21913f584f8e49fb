package io.recgate.gateway.store;

import io.recgate.core.events.EventSchema;
import io.recgate.gateway.events.Event;
import io.recgate.gateway.events.EventStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The default {@link EventStore}: an append-only log file ({@code events.log}, one JSON event per
 * line, UTF-8) under the data directory, fsynced before any append is acknowledged.
 *
 * <p>Group commit: appends from concurrent requests queue up; one drain task on the {@code io}
 * worker pool writes everything queued, calls {@link FileChannel#force} once, then completes all
 * their futures (each on its caller's context), and loops while more arrived meanwhile. So under
 * load many requests share one fsync. All file I/O runs on the worker pool, never on the event loop.
 *
 * <p>Crash safety: a line is acknowledged only after it and its newline are fsynced, so at open a
 * last line without its newline was never acknowledged and is cut off. After a failed write or
 * fsync the log refuses further appends (the file's tail is then unknown) until the gateway restarts.
 * Thread-safe.
 */
public final class EmbeddedEventLog implements EventStore {

    /** The file name under the data directory. */
    public static final String FILE_NAME = EventSchema.LOG_FILE;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEventLog.class);

    private final Vertx vertx;
    private final WorkerExecutor io;
    private final Path file;
    private final FileChannel channel;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Throwable broken;
    private volatile boolean closed;
    private final AtomicLong syncs = new java.util.concurrent.atomic.AtomicLong();

    private record Pending(byte[] bytes, Promise<Void> promise, Context context) {
    }

    private EmbeddedEventLog(Vertx vertx, WorkerExecutor io, Path file, FileChannel channel) {
        this.vertx = vertx;
        this.io = io;
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) {@code dataDir/events.log} on the worker pool, cutting off a torn
     * last line.
     *
     * @param io the named, bounded worker pool for file I/O
     * @return fails with {@link UncheckedIOException} if the directory or file cannot be opened
     */
    public static Future<EmbeddedEventLog> open(Vertx vertx, WorkerExecutor io, Path dataDir) {
        return io.executeBlocking(() -> {
            try {
                Files.createDirectories(dataDir);
                Path file = dataDir.resolve(FILE_NAME);
                boolean created = !Files.exists(file);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                cutTornTail(channel, file);
                channel.position(channel.size());
                if (created) {
                    syncDirectory(dataDir);
                }
                return new EmbeddedEventLog(vertx, io, file, channel);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open event log in " + dataDir + ": " + e.getMessage(), e);
            }
        });
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /** Whether appends are possible (not closed, no failed write). */
    public boolean healthy() {
        return broken == null && !closed;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Future<Void> append(List<Event> events) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("event log " + file + " is closed"));
        }
        Throwable failure = broken;
        if (failure != null) {
            return Future.failedFuture(new IllegalStateException("event log " + file + " failed earlier: "
                    + failure.getMessage(), failure));
        }
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        StringBuilder lines = new StringBuilder(events.size() * 96);
        for (Event e : events) {
            lines.append(e.toJson().encode()).append('\n');
        }
        Promise<Void> promise = Promise.promise();
        pending.add(new Pending(lines.toString().getBytes(StandardCharsets.UTF_8), promise, vertx.getOrCreateContext()));
        if (draining.compareAndSet(false, true)) {
            io.executeBlocking(this::drain, false);
        }
        return promise.future();
    }

    /** Worker pool: writes and fsyncs whatever is queued, in rounds, until the queue stays empty. */
    private Void drain() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending p;
            while ((p = pending.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // An append may have queued after the poll but seen draining == true: take it over.
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return null;
                }
                continue;
            }
            Throwable failure = broken;
            if (failure == null && !closed) {
                try {
                    writeAndSync(batch);
                } catch (IOException | RuntimeException e) {
                    broken = e;
                    failure = e;
                    LOG.error("event log {} write failed; refusing appends until restart", file, e);
                }
            } else if (failure == null) {
                failure = new IllegalStateException("event log " + file + " is closed");
            }
            for (Pending done : batch) {
                Throwable f = failure;
                done.context.runOnContext(v -> {
                    if (f == null) {
                        done.promise.complete();
                    } else {
                        done.promise.fail(f);
                    }
                });
            }
            batch.clear();
        }
    }

    private void writeAndSync(List<Pending> batch) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[batch.size()];
        long remaining = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(batch.get(i).bytes);
            remaining += buffers[i].remaining();
        }
        synchronized (channel) {
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
            // Data only: the file's size is part of what fdatasync makes durable; other metadata is not needed.
            channel.force(false);
        }
        syncs.incrementAndGet();
    }

    /** How many fsyncs appends have cost so far (group commit makes it fewer than appends). */
    public long syncCount() {
        return syncs.get();
    }

    @Override
    public Future<Long> replay(int maxEvents, Consumer<Event> sink) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents " + maxEvents + " must be >= 0");
        }
        return io.executeBlocking(() -> {
            ArrayDeque<Event> newest = new ArrayDeque<>();
            long lineNo = 0;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank() || maxEvents == 0) {
                        continue;
                    }
                    Event e;
                    try {
                        e = Event.fromJson(new JsonObject(line));
                    } catch (DecodeException | IllegalArgumentException ex) {
                        throw new IllegalStateException("event log " + file + " line " + lineNo + " is corrupt: "
                                + ex.getMessage(), ex);
                    }
                    if (newest.size() == maxEvents) {
                        newest.removeFirst();
                    }
                    newest.addLast(e);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read event log " + file + ": " + ex.getMessage(), ex);
            }
            long count = newest.size();
            for (Event e : newest) {
                sink.accept(e);
            }
            return count;
        });
    }

    @Override
    public Future<Void> close() {
        closed = true;
        // The lock waits for a write in progress; appends queued after it fail with "closed".
        return io.executeBlocking(() -> {
            synchronized (channel) {
                channel.close();
            }
            return null;
        });
    }

    private static void cutTornTail(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        long end = size;
        // Scan back to the last newline; everything after it is a line whose fsync never completed.
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            LOG.warn("event log {}: cutting {} bytes of a torn last line (never acknowledged)", file, size - end);
            channel.truncate(end);
            channel.force(true);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or sync a directory; the file's own fsync still holds its data.
            LOG.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }
}
