package io.recgate.gateway.server;

import io.recgate.gateway.events.KnownItems;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default (no flags) gateway: events acknowledged are in the local log and survive a restart. */
@ExtendWith(VertxExtension.class)
class EmbeddedGatewayTest {

    @TempDir
    Path dataDir;

    private GatewayServer server;
    private WebClient client;

    private GatewayServer start(Vertx vertx) throws Exception {
        server = GatewayServer.builder(TestGateways.config(dataDir, Map.of("store.recentPerUser", "50")))
                .knownItems(KnownItems.of(Set.of("i1", "i2", "i3")))
                .build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        client = WebClient.create(vertx);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop().await(10, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<Buffer> post(Object body) throws Exception {
        return client.post(server.port(), "127.0.0.1", "/v1/events").sendJson(body).await(5, TimeUnit.SECONDS);
    }

    private JsonArray recent(String user) throws Exception {
        HttpResponse<Buffer> r = client.get(server.port(), "127.0.0.1", "/v1/users/" + user + "/recent?limit=10")
                .send().await(5, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("interactions");
    }

    @Test
    void acknowledgedEventsSurviveARestart(Vertx vertx) throws Exception {
        start(vertx);
        HttpResponse<Buffer> batch = post(new JsonArray()
                .add(new JsonObject().put("userId", "u1").put("itemId", "i1").put("type", "view").put("timestamp", 1000))
                .add(new JsonObject().put("userId", "u1").put("itemId", "i2").put("type", "rate").put("value", 4)
                        .put("timestamp", 2000)));
        assertEquals(200, batch.statusCode(), batch.bodyAsString());
        assertEquals(2, batch.bodyAsJsonObject().getInteger("accepted"));
        HttpResponse<Buffer> one = post(new JsonObject().put("userId", "u2").put("itemId", "i3").put("type", "click"));
        assertEquals(200, one.statusCode(), one.bodyAsString());
        assertEquals(3, Files.readAllLines(dataDir.resolve("events.log")).size(), "fsynced before the 200");

        server.stop().await(10, TimeUnit.SECONDS);
        client.close();
        start(vertx);

        JsonArray u1 = recent("u1");
        assertEquals(2, u1.size(), u1.encode());
        assertEquals(new JsonObject().put("itemId", "i2").put("type", "rate").put("value", 4.0).put("timestamp", 2000),
                u1.getJsonObject(0), "newest first, value kept");
        assertEquals("i1", u1.getJsonObject(1).getString("itemId"));
        assertEquals("i3", recent("u2").getJsonObject(0).getString("itemId"));
        assertEquals(0, recent("u3").size());
    }

    @Test
    void unknownItemsAre404AndNothingIsStored(Vertx vertx) throws Exception {
        start(vertx);
        HttpResponse<Buffer> r = post(new JsonArray()
                .add(new JsonObject().put("userId", "u1").put("itemId", "i1").put("type", "view"))
                .add(new JsonObject().put("userId", "u1").put("itemId", "nope").put("type", "view")));
        assertEquals(404, r.statusCode());
        JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
        assertEquals("unknown_item", error.getString("code"));
        assertEquals("events[1].itemId: unknown item 'nope'", error.getString("message"));
        assertEquals(0, recent("u1").size());
        assertTrue(Files.readAllLines(dataDir.resolve("events.log")).isEmpty());
    }

    @Test
    void corruptLogStopsTheStartWithTheLineNumber(Vertx vertx) throws Exception {
        Files.writeString(dataDir.resolve("events.log"), "{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":1}\n"
                + "garbage\n{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":2}\n");
        GatewayServer broken = GatewayServer.builder(TestGateways.config(dataDir, Map.of())).build(vertx);
        Exception e = assertThrows(Exception.class, () -> broken.start().await(20, TimeUnit.SECONDS));
        assertTrue(e.getMessage().contains("events.log line 2 is corrupt"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> broken.start().await(5, TimeUnit.SECONDS),
                "a server starts once");
    }

    @Test
    void recentLimitIsValidated(Vertx vertx) throws Exception {
        start(vertx);
        HttpResponse<Buffer> r = client.get(server.port(), "127.0.0.1", "/v1/users/u1/recent?limit=51")
                .send().await(5, TimeUnit.SECONDS);
        assertEquals(400, r.statusCode());
        assertEquals("limit must be in [1, 50], got 51", r.bodyAsJsonObject().getJsonObject("error").getString("message"));
    }
}
