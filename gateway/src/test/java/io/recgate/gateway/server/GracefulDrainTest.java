package io.recgate.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GatewayServer#drain}: what SIGTERM runs (GatewayCli's shutdown hook). */
class GracefulDrainTest {

    private static final int IN_FLIGHT = 40;
    private static final long SLOW_MILLIS = 600;

    @TempDir
    Path dataDir;

    @Test
    void drainUnderLoadFinishesEveryRequestInProgressTurnsUnreadyAndRefusesNewConnections() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayServer server = GatewayServer.builder(TestGateways.config(dataDir, Map.of("http.requestTimeout", "10s")))
                    // A route that answers after SLOW_MILLIS without blocking its event loop, so
                    // the requests are surely in progress when the drain starts.
                    .extension(s -> routes -> routes.add(HttpMethod.GET, "/v1/slow",
                            ctx -> vertx.setTimer(SLOW_MILLIS, id -> ctx.response().end("done"))))
                    .build(vertx);
            server.start().await(20, TimeUnit.SECONDS);
            server.readiness().condition(Readiness.BUNDLE).up("test");
            assertTrue(server.readiness().isReady());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            URI slow = URI.create("http://127.0.0.1:" + server.port() + "/v1/slow");

            List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                load.add(http.sendAsync(HttpRequest.newBuilder(slow).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.metrics().inFlight().get() < IN_FLIGHT && System.nanoTime() < waitUntil) {
                Thread.sleep(5);
            }
            assertEquals(IN_FLIGHT, server.metrics().inFlight().get(), "requests in flight before the drain");

            CompletableFuture<Void> drained = server.drain(Duration.ofSeconds(10)).toCompletionStage().toCompletableFuture();
            assertFalse(server.readiness().isReady(), "readiness turns false as the drain starts");
            assertFalse(server.readiness().condition(GatewayServer.SHUTDOWN).isUp());

            // A new client (a new connection) is refused while the old requests still run.
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            Thread.sleep(100);
            boolean refused;
            try {
                HttpResponse<String> late = fresh.send(HttpRequest.newBuilder(slow).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                refused = late.statusCode() == 503;
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused, "a request on a new connection after the drain started is refused");

            for (CompletableFuture<HttpResponse<String>> f : load) {
                HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertEquals("done", r.body());
            }
            drained.get(20, TimeUnit.SECONDS);
            assertEquals(0, server.metrics().inFlight().get());
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }
}
