package io.recgate.gateway.store;

import io.recgate.gateway.events.Event;
import io.recgate.core.events.EventLogReader;
import io.recgate.core.events.EventSchema;
import io.recgate.core.events.EventType;
import io.recgate.core.events.LoggedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class EmbeddedEventLogTest {

    @TempDir
    Path dir;

    private WorkerExecutor io;

    @BeforeEach
    void pool(Vertx vertx) {
        io = vertx.createSharedWorkerExecutor("test-io-" + System.nanoTime(), 1);
    }

    @AfterEach
    void closePool() throws Exception {
        io.close().await(5, TimeUnit.SECONDS);
    }

    private static Event event(int i) {
        return new Event("u" + (i % 3), "i" + i, i % 2 == 0 ? EventType.VIEW : EventType.RATE,
                i % 2 == 0 ? null : 4.0, Instant.ofEpochMilli(1_000L + i));
    }

    private List<Event> replayAll(EmbeddedEventLog log) throws Exception {
        List<Event> out = new ArrayList<>();
        log.replay(Integer.MAX_VALUE, out::add).await(5, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void concurrentAppendsShareOneFsync(Vertx vertx, VertxTestContext ctx) throws Exception {
        EmbeddedEventLog log = EmbeddedEventLog.open(vertx, io, dir).await(5, TimeUnit.SECONDS);
        // Occupy the single I/O thread so that all appends queue up behind it, then release it.
        CountDownLatch release = new CountDownLatch(1);
        io.executeBlocking(() -> release.await(5, TimeUnit.SECONDS), false);
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            List<Future<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                acks.add(log.append(List.of(event(i))).onSuccess(x -> ctx.verify(() ->
                        assertSame(context, Vertx.currentContext(), "acknowledged on the caller's context"))));
            }
            release.countDown();
            Future.all(acks).onComplete(ctx.succeeding(all -> {
                ctx.verify(() -> assertEquals(1, log.syncCount(), "50 queued appends, one fsync"));
                List<Event> replayed = new ArrayList<>();
                log.replay(Integer.MAX_VALUE, replayed::add).onComplete(ctx.succeeding(n -> ctx.verify(() -> {
                    assertEquals(50L, n);
                    for (int i = 0; i < 50; i++) {
                        assertEquals(event(i), replayed.get(i), "appends keep their order");
                    }
                    log.close().onComplete(ctx.succeedingThenComplete());
                })));
            }));
        });
    }

    @Test
    void tornLastLineIsCutAtOpen(Vertx vertx) throws Exception {
        Path file = dir.resolve(EmbeddedEventLog.FILE_NAME);
        Files.writeString(file, event(1).toJson().encode() + "\n{\"userId\":\"u9\",\"item", StandardCharsets.UTF_8);
        EmbeddedEventLog log = EmbeddedEventLog.open(vertx, io, dir).await(5, TimeUnit.SECONDS);
        assertEquals(List.of(event(1)), replayAll(log));
        log.append(List.of(event(2), event(3))).await(5, TimeUnit.SECONDS);
        assertEquals(List.of(event(1), event(2), event(3)), replayAll(log));
        log.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void replayKeepsTheNewestEventsInOrder(Vertx vertx) throws Exception {
        EmbeddedEventLog log = EmbeddedEventLog.open(vertx, io, dir).await(5, TimeUnit.SECONDS);
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(event(i));
        }
        log.append(all).await(5, TimeUnit.SECONDS);
        List<Event> newest = new ArrayList<>();
        assertEquals(4L, log.replay(4, newest::add).await(5, TimeUnit.SECONDS));
        assertEquals(all.subList(6, 10), newest);
        log.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void corruptLineInTheMiddleFailsReplayNamingTheLine(Vertx vertx) throws Exception {
        Files.writeString(dir.resolve(EmbeddedEventLog.FILE_NAME),
                event(1).toJson().encode() + "\nnot json\n" + event(2).toJson().encode() + "\n");
        EmbeddedEventLog log = EmbeddedEventLog.open(vertx, io, dir).await(5, TimeUnit.SECONDS);
        Future<Long> replay = log.replay(10, x -> { });
        try {
            replay.await(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the cause is checked below
        }
        assertTrue(replay.failed());
        assertTrue(replay.cause().getMessage().contains("line 2 is corrupt"), replay.cause().getMessage());
        log.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void appendAfterCloseFails(Vertx vertx) throws Exception {
        EmbeddedEventLog log = EmbeddedEventLog.open(vertx, io, dir).await(5, TimeUnit.SECONDS);
        log.close().await(5, TimeUnit.SECONDS);
        Future<Void> f = log.append(List.of(event(1)));
        assertTrue(f.failed());
        assertTrue(f.cause().getMessage().contains("is closed"), f.cause().getMessage());
    }

    /** The index builder exports this log with core's reader: the two must agree on every field. */
    @Test
    void coresLogReaderReadsWhatTheGatewayAppends(Vertx vertx) throws Exception {
        EmbeddedEventLog log = EmbeddedEventLog.open(vertx, io, dir).await(5, TimeUnit.SECONDS);
        List<Event> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(event(i));
        }
        written.add(new Event("user, \"quoted\"", "item é", EventType.PURCHASE, null, Instant.ofEpochMilli(99)));
        log.append(written).await(5, TimeUnit.SECONDS);
        log.close().await(5, TimeUnit.SECONDS);
        List<LoggedEvent> read = new ArrayList<>();
        EventLogReader.read(dir.resolve(EventSchema.LOG_FILE), read::add);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            Event w = written.get(i);
            assertEquals(new LoggedEvent(w.userId(), w.itemId(), w.type(), w.value(), w.timestamp()), read.get(i));
        }
    }
}
