package io.recgate.gateway.store;

import io.recgate.gateway.cache.ResponseCache;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.ExternalServers;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recent interactions and the response cache in a real Redis (embedded, or RECGATE_TEST_REDIS_URL). */
@ExtendWith(VertxExtension.class)
class RedisStoresTest {

    private static ExternalServers.Redis redis;

    @TempDir
    Path dataDir;

    private GatewayServer server;
    private WebClient client;
    private Redis raw;

    @BeforeAll
    static void startRedis() {
        redis = ExternalServers.Redis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    private GatewayServer start(Vertx vertx, String redisUrl) throws Exception {
        server = GatewayServer.builder(TestGateways.config(dataDir, Map.of(
                        "store.redisUrl", redisUrl, "store.recentPerUser", "3", "store.recentTtl", "1h",
                        "store.connectTimeout", "500ms", "store.commandTimeout", "200ms", "http.requestTimeout", "5s")))
                .build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        server.readiness().condition(Readiness.BUNDLE).up("test bundle");
        client = WebClient.create(vertx);
        raw = Redis.createClient(vertx, redis.url());
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (raw != null) {
            raw.close().await(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop().await(10, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<Buffer> post(String user, String item) throws Exception {
        return client.post(server.port(), "127.0.0.1", "/v1/events")
                .sendJson(new JsonObject().put("userId", user).put("itemId", item).put("type", "click"))
                .await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(String uri) throws Exception {
        return client.get(server.port(), "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
    }

    private static String user() {
        return "u-" + UUID.randomUUID();
    }

    @Test
    void recentInteractionsAreCappedNewestFirstWithATtl(Vertx vertx) throws Exception {
        start(vertx, redis.url());
        String user = user();
        for (String item : List.of("a", "b", "c", "d", "e")) {
            assertEquals(200, post(user, item).statusCode());
        }
        JsonArray recent = get("/v1/users/" + user + "/recent").bodyAsJsonObject().getJsonArray("interactions");
        assertEquals(List.of("e", "d", "c"), recent.stream().map(o -> ((JsonObject) o).getString("itemId")).toList());

        String key = RedisRecentInteractions.KEY_PREFIX + user;
        assertEquals(3, raw.send(Request.cmd(Command.LLEN).arg(key)).await(5, TimeUnit.SECONDS).toInteger());
        long ttl = raw.send(Request.cmd(Command.PTTL).arg(key)).await(5, TimeUnit.SECONDS).toLong();
        assertTrue(ttl > 0 && ttl <= 3_600_000, "ttl " + ttl);
        assertEquals("redis", server.stores().recent().name());
    }

    @Test
    void aUsersEventsInvalidateOnlyThatUsersCachedResponses(Vertx vertx) throws Exception {
        start(vertx, redis.url());
        ResponseCache cache = server.stores().cache();
        String u1 = user();
        String u2 = user();
        cache.put(u1, "k=10", "{\"items\":[1]}").await(5, TimeUnit.SECONDS);
        cache.put(u1, "k=20", "{\"items\":[2]}").await(5, TimeUnit.SECONDS);
        cache.put(u2, "k=10", "{\"items\":[3]}").await(5, TimeUnit.SECONDS);
        assertEquals(Optional.of("{\"items\":[1]}"), cache.get(u1, "k=10").await(5, TimeUnit.SECONDS));

        assertEquals(200, post(u1, "x").statusCode());

        assertEquals(Optional.empty(), cache.get(u1, "k=10").await(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), cache.get(u1, "k=20").await(5, TimeUnit.SECONDS));
        assertEquals(Optional.of("{\"items\":[3]}"), cache.get(u2, "k=10").await(5, TimeUnit.SECONDS));
    }

    @Test
    void redisDownDegradesReadinessDetailButTheGatewayKeepsServing(Vertx vertx) throws Exception {
        start(vertx, "redis://:pw-do-not-show@127.0.0.1:" + TestGateways.closedPort());
        String user = user();
        assertEquals(200, post(user, "a").statusCode(), "events still go to the event log");
        HttpResponse<Buffer> recent = get("/v1/users/" + user + "/recent");
        assertEquals(200, recent.statusCode());
        assertEquals(0, recent.bodyAsJsonObject().getJsonArray("interactions").size());
        assertEquals(Optional.empty(), server.stores().cache().get(user, "k").await(5, TimeUnit.SECONDS));

        HttpResponse<Buffer> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.bodyAsString());
        JsonObject condition = ready.bodyAsJsonObject().getJsonObject("conditions").getJsonObject("redis");
        assertFalse(condition.getBoolean("up"));
        assertTrue(condition.getString("detail").startsWith("degraded: redis://***@127.0.0.1:"), condition.encode());
        assertFalse(ready.bodyAsString().contains("pw-do-not-show"));
        String metrics = get("/metrics").bodyAsString();
        assertTrue(metrics.contains("recgate_store_up{store=\"redis\"} 0"), metrics);
        assertTrue(metrics.contains("recgate_store_errors_total{operation=\"recent.record\",store=\"redis\"} 1"), metrics);
    }

    @Test
    void redisThatNeverAnswersCountsAsDownAndDoesNotHoldEvents(Vertx vertx) throws Exception {
        // Accepts connections and reads, never answers: a hung or black-holed Redis.
        NetServer blackHole = vertx.createNetServer().connectHandler(socket -> socket.handler(data -> { }))
                .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
        try {
            start(vertx, "redis://127.0.0.1:" + blackHole.actualPort());
            String user = user();
            assertEquals(200, post(user, "a").statusCode(), "acknowledged: the event log has it");
            HttpResponse<Buffer> recent = get("/v1/users/" + user + "/recent");
            assertEquals(200, recent.statusCode(), recent.bodyAsString());
            assertEquals(0, recent.bodyAsJsonObject().getJsonArray("interactions").size());
            JsonObject condition = get("/health/ready").bodyAsJsonObject().getJsonObject("conditions").getJsonObject("redis");
            assertFalse(condition.getBoolean("up"));
            assertTrue(condition.getString("detail").endsWith("no answer within 200 ms"), condition.encode());
        } finally {
            blackHole.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void readinessDetailRecoversWhenRedisComesBack(Vertx vertx) throws Exception {
        Assumptions.assumeTrue(redis.restartable(), "needs an embedded Redis it can stop and start");
        start(vertx, redis.url());
        assertTrue(server.readiness().condition("redis").isUp());
        redis.stop();
        try {
            assertEquals(200, post(user(), "a").statusCode());
            assertFalse(server.readiness().condition("redis").isUp());
        } finally {
            redis.restart();
        }
        // The health check runs every 200 ms; wait for it, bounded.
        for (int i = 0; i < 50 && !server.readiness().condition("redis").isUp(); i++) {
            Thread.sleep(100);
        }
        assertTrue(server.readiness().condition("redis").isUp(), server.readiness().condition("redis").detail());
    }
}
