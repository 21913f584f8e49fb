package io.recgate.gateway.store;

import io.recgate.gateway.events.Event;
import io.recgate.core.events.EventType;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.ExternalServers;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events in a real PostgreSQL (embedded, or RECGATE_TEST_PG_URL). */
@ExtendWith(VertxExtension.class)
class PostgresEventStoreTest {

    private static ExternalServers.Postgres pg;

    @TempDir
    Path dataDir;

    private final List<GatewayServer> servers = new ArrayList<>();
    private WebClient client;

    @BeforeAll
    static void startPostgres() {
        pg = ExternalServers.Postgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        for (GatewayServer s : servers) {
            s.stop().await(10, TimeUnit.SECONDS);
        }
    }

    private GatewayServer start(Vertx vertx, String postgresUrl) throws Exception {
        GatewayServer server = GatewayServer.builder(TestGateways.config(dataDir, Map.of(
                        "store.postgresUrl", postgresUrl, "store.connectTimeout", "1s", "http.requestTimeout", "5s")))
                .build(vertx);
        servers.add(server);
        server.start().await(20, TimeUnit.SECONDS);
        if (client == null) {
            client = WebClient.create(vertx);
        }
        return server;
    }

    private HttpResponse<Buffer> post(GatewayServer server, Object body) throws Exception {
        return client.post(server.port(), "127.0.0.1", "/v1/events").sendJson(body).await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(GatewayServer server, String uri) throws Exception {
        return client.get(server.port(), "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
    }

    private static String user() {
        return "u-" + UUID.randomUUID();
    }

    private static PostgresEventStore store(GatewayServer server) {
        return (PostgresEventStore) server.stores().events();
    }

    @Test
    void eventsRoundTripThroughPostgres(Vertx vertx) throws Exception {
        GatewayServer server = start(vertx, pg.url());
        String user = user();
        HttpResponse<Buffer> r = post(server, new JsonArray()
                .add(new JsonObject().put("userId", user).put("itemId", "i1").put("type", "rate").put("value", 3.5)
                        .put("timestamp", "2025-06-01T10:00:00Z"))
                .add(new JsonObject().put("userId", user).put("itemId", "i2").put("type", "purchase")
                        .put("timestamp", 1_750_000_000_000L)));
        assertEquals(200, r.statusCode(), r.bodyAsString());

        List<Event> stored = store(server).eventsOf(user, 10).await(10, TimeUnit.SECONDS);
        assertEquals(List.of(
                new Event(user, "i2", EventType.PURCHASE, null, Instant.ofEpochMilli(1_750_000_000_000L)),
                new Event(user, "i1", EventType.RATE, 3.5, Instant.parse("2025-06-01T10:00:00Z"))), stored);

        JsonObject ready = get(server, "/health/ready").bodyAsJsonObject();
        assertTrue(ready.getJsonObject("conditions").getJsonObject("postgres").getBoolean("up"), ready.encode());
        String metrics = get(server, "/metrics").bodyAsString();
        assertTrue(metrics.contains("recgate_events_write_seconds_count{outcome=\"ok\",store=\"postgres\"} 1"), metrics);
        assertTrue(metrics.contains("recgate_store_up{store=\"postgres\"} 1"), metrics);
    }

    @Test
    void schemaMigrationIsIdempotentAndRecentIsRebuiltAtStart(Vertx vertx) throws Exception {
        GatewayServer first = start(vertx, pg.url());
        String user = user();
        assertEquals(200, post(first, new JsonObject().put("userId", user).put("itemId", "i7").put("type", "like")).statusCode());
        first.stop().await(10, TimeUnit.SECONDS);

        GatewayServer second = start(vertx, pg.url());
        JsonArray recent = get(second, "/v1/users/" + user + "/recent").bodyAsJsonObject().getJsonArray("interactions");
        assertEquals(1, recent.size(), recent.encode());
        assertEquals("i7", recent.getJsonObject(0).getString("itemId"));

        Pool pool = PgBuilder.pool().connectingTo(pg.url()).using(vertx).build();
        try {
            int versions = pool.query("SELECT count(*) AS n FROM recgate_schema_version").execute()
                    .await(10, TimeUnit.SECONDS).iterator().next().getInteger("n");
            assertEquals(1, versions, "schema v1 applied once across restarts");
        } finally {
            pool.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void eventsAre503WhenPostgresIsUnreachableAndTheGatewayStaysUp(Vertx vertx) throws Exception {
        String url = "postgresql://app:pw-do-not-show@127.0.0.1:" + TestGateways.closedPort() + "/recgate";
        GatewayServer server = start(vertx, url);
        server.readiness().condition(Readiness.BUNDLE).up("test bundle");

        HttpResponse<Buffer> r = post(server, new JsonObject().put("userId", "u1").put("itemId", "i1").put("type", "view"));
        assertEquals(503, r.statusCode(), r.bodyAsString());
        assertEquals("store_unavailable", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
        assertEquals("1", r.getHeader("Retry-After"));

        HttpResponse<Buffer> ready = get(server, "/health/ready");
        assertEquals(200, ready.statusCode(), "Postgres is optional for readiness: " + ready.bodyAsString());
        JsonObject condition = ready.bodyAsJsonObject().getJsonObject("conditions").getJsonObject("postgres");
        assertFalse(condition.getBoolean("up"));
        assertTrue(condition.getString("detail").startsWith("unavailable (postgresql://***@127.0.0.1:"), condition.encode());
        assertFalse(ready.bodyAsString().contains("pw-do-not-show"));
        String metrics = get(server, "/metrics").bodyAsString();
        assertTrue(metrics.contains("recgate_events_write_failures_total{store=\"postgres\"} 1"), metrics);
        assertTrue(metrics.contains("recgate_store_up{store=\"postgres\"} 0"), metrics);
    }

    @Test
    void nothingAcknowledgedIsLostWhilePostgresRestarts(Vertx vertx) throws Exception {
        Assumptions.assumeTrue(pg.restartable(), "needs an embedded Postgres it can stop and start");
        GatewayServer server = start(vertx, pg.url());
        String user = user();
        List<Integer> statuses = new ArrayList<>();
        statuses.add(post(server, new JsonObject().put("userId", user).put("itemId", "a").put("type", "view")).statusCode());
        pg.stop();
        try {
            statuses.add(post(server, new JsonObject().put("userId", user).put("itemId", "b").put("type", "view")).statusCode());
        } finally {
            pg.restart();
        }
        statuses.add(post(server, new JsonObject().put("userId", user).put("itemId", "c").put("type", "view")).statusCode());
        assertEquals(List.of(200, 503, 200), statuses);
        List<String> items = store(server).eventsOf(user, 10).await(10, TimeUnit.SECONDS).stream()
                .map(Event::itemId).toList();
        assertEquals(List.of("c", "a"), items, "exactly the acknowledged events");
    }
}
