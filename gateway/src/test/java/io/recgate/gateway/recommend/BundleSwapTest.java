package io.recgate.gateway.recommend;

import io.recgate.core.bundle.BundleFiles;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.RecommendingGateway;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading, swapping, rolling back and refusing bundles while the gateway serves. */
@ExtendWith(VertxExtension.class)
class BundleSwapTest {

    private static final String TOKEN = "test-admin-token-0123456789";

    @TempDir
    Path dataDir;
    @TempDir
    Path bundles;

    private RecommendingGateway gateway;
    private GatewayServer server;
    private RecommendExtension extension;
    private WebClient client;

    private void start(Vertx vertx) throws Exception {
        gateway = RecommendingGateway.start(vertx, bundles, dataDir, Map.of("http.adminToken", TOKEN,
                "bundles.pollInterval", "100ms", "bundles.warmupQueries", "5"));
        server = gateway.server();
        extension = gateway.extension();
        client = gateway.client();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private HttpResponse<Buffer> get(String uri) throws Exception {
        return client.get(server.port(), "127.0.0.1", uri).send().await(5, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> admin(HttpRequest<Buffer> request) throws Exception {
        return request.bearerTokenAuthentication(TOKEN).send().await(20, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> activate(String version) throws Exception {
        return admin(client.post(server.port(), "127.0.0.1", "/admin/bundles/" + version + "/activate"));
    }

    private String liveVersion() throws Exception {
        HttpResponse<Buffer> r = get("/v1/users/u0/recommendations?k=1");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("bundleVersion");
    }

    @Test
    void swappingBackAndForthUnderLoadFailsNoRequest(Vertx vertx) throws Exception {
        String v1 = TestBundles.publish(bundles, true, true, 1);
        String v2 = TestBundles.publish(bundles, false, false, 2);
        start(vertx);
        assertEquals(v1, liveVersion());
        List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 40; i++) {
                String uri = i % 4 == 3 ? "/v1/items/i" + i + "/similar?k=3"
                        : "/v1/users/u" + (i % 35) + "/recommendations?k=5&candidates=" + (10 + round);
                requests.add(client.get(server.port(), "127.0.0.1", uri).send());
            }
            HttpResponse<Buffer> swap = activate(round % 2 == 0 ? v2 : v1);
            assertEquals(200, swap.statusCode(), swap.bodyAsString());
        }
        Future.join(requests).await(60, TimeUnit.SECONDS);
        Set<String> versionsSeen = new HashSet<>();
        for (Future<HttpResponse<Buffer>> f : requests) {
            assertTrue(f.succeeded(), String.valueOf(f.cause()));
            assertEquals(200, f.result().statusCode(), f.result().bodyAsString());
            versionsSeen.add(f.result().bodyAsJsonObject().getString("bundleVersion"));
        }
        assertEquals(Set.of(v1, v2), versionsSeen);
        assertEquals(v1, liveVersion());
    }

    @Test
    void aCorruptVersionIsRefusedAndTheOldOneKeepsServing(Vertx vertx) throws Exception {
        String v1 = TestBundles.publish(bundles, true, true, 1);
        String v2 = TestBundles.publish(bundles, true, false, 2);
        Path factors = bundles.resolve(v2).resolve(BundleFiles.ITEM_FACTORS);
        byte[] bytes = Files.readAllBytes(factors);
        bytes[17] ^= 0x40;
        Files.write(factors, bytes);
        start(vertx);
        HttpResponse<Buffer> refused = activate(v2);
        assertEquals(422, refused.statusCode(), refused.bodyAsString());
        JsonObject error = TestGateways.error(refused);
        assertEquals("bundle_invalid", error.getString("code"));
        assertTrue(error.getString("message").contains(BundleFiles.ITEM_FACTORS), error.getString("message"));
        assertEquals(v1, liveVersion());
        JsonObject listing = admin(client.get(server.port(), "127.0.0.1", "/admin/bundles")).bodyAsJsonObject();
        assertEquals(v1, listing.getString("live"));
        assertEquals(v1, listing.getString("current"));
        assertEquals(2, listing.getJsonArray("versions").size());
        assertTrue(get("/metrics").bodyAsString().contains("recgate_bundle_swaps_total{outcome=\"refused\"} 1.0"));
    }

    @Test
    void adminRoutesNeedTheTokenAndNameExistingVersions(Vertx vertx) throws Exception {
        TestBundles.publish(bundles, false, true, 1);
        start(vertx);
        HttpResponse<Buffer> noToken = client.post(server.port(), "127.0.0.1", "/admin/bundles/v000001/activate")
                .send().await(5, TimeUnit.SECONDS);
        assertEquals(401, noToken.statusCode(), noToken.bodyAsString());
        HttpResponse<Buffer> unknown = activate("v000009");
        assertEquals(404, unknown.statusCode(), unknown.bodyAsString());
        assertEquals("unknown_version", TestGateways.error(unknown).getString("code"));
        HttpResponse<Buffer> badName = activate("latest");
        assertEquals(400, badName.statusCode(), badName.bodyAsString());
        assertTrue(TestGateways.error(badName).getString("message").contains("'latest'"));
    }

    @Test
    void aCraftedVersionPathCannotForgeLogLines(Vertx vertx) throws Exception {
        TestBundles.publish(bundles, false, true, 1);
        start(vertx);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        HttpResponse<Buffer> forged;
        try {
            forged = activate("v1%0d%0aINFO%20forged%1b%5b31m");
        } finally {
            root.detachAppender(appender);
        }
        assertEquals(400, forged.statusCode(), forged.bodyAsString());
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            lines.add(event.getFormattedMessage());
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("v1\\r\\nINFO forged\\x1b[31m")), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains("\r") || line.contains("\n") || line.contains("\u001b"), line);
        }
    }

    @Test
    void aNewlyPublishedCurrentVersionIsPickedUpByThePoller(Vertx vertx) throws Exception {
        start(vertx);
        assertEquals(503, get("/health/ready").statusCode());
        HttpResponse<Buffer> none = get("/v1/users/u0/recommendations");
        assertEquals(503, none.statusCode(), none.bodyAsString());
        assertEquals("bundle_unavailable", TestGateways.error(none).getString("code"));
        String v1 = TestBundles.publish(bundles, false, true, 1);
        awaitLive(v1);
        assertEquals(200, get("/health/ready").statusCode());
        String v2 = TestBundles.publish(bundles, true, true, 2);
        awaitLive(v2);
        // An event about an item the bundle does not have is refused once a bundle is live.
        HttpResponse<Buffer> event = client.post(server.port(), "127.0.0.1", "/v1/events")
                .sendJson(new JsonObject().put("userId", "u0").put("itemId", "not-an-item").put("type", "click"))
                .await(5, TimeUnit.SECONDS);
        assertEquals(404, event.statusCode(), event.bodyAsString());
        assertEquals("unknown_item", TestGateways.error(event).getString("code"));
        assertFalse(get("/health/ready").bodyAsString().contains("no bundle"));
    }

    private void awaitLive(String version) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (extension.manager().live() != null && extension.manager().live().version().equals(version)) {
                return;
            }
            vertx().timer(50).await(1, TimeUnit.SECONDS);
        }
        throw new AssertionError("bundle " + version + " not live within 20 s");
    }

    private Vertx vertx() {
        return server.vertx();
    }
}
