package io.recgate.gateway.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.gateway.recommend.TestBundles;
import io.recgate.gateway.testing.RecommendingGateway;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /admin/bundles/live/sample}: real ids of the live bundle for load generators. */
@ExtendWith(VertxExtension.class)
class LiveSampleHandlerTest {

    private static final String TOKEN = "test-admin-token-0123456789";

    @TempDir
    Path dataDir;
    @TempDir
    Path bundles;

    private RecommendingGateway gateway;

    private void start(Vertx vertx, boolean publish, Map<String, String> config) throws Exception {
        if (publish) {
            TestBundles.publish(bundles, false, true, 3);
        }
        gateway = RecommendingGateway.start(vertx, bundles, dataDir, config);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private HttpResponse<Buffer> get(String query, String token) throws Exception {
        var request = gateway.client().get(gateway.server().port(), "127.0.0.1", LiveSampleHandler.PATH + query);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.send().await(5, TimeUnit.SECONDS);
    }

    private JsonObject sample(String query) throws Exception {
        HttpResponse<Buffer> r = get(query, TOKEN);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** The popularity order TestBundles writes: cluster 2 items, then 0, then 1, each by index. */
    private static List<String> popularityOrder() {
        List<String> order = new ArrayList<>();
        for (int c : new int[] {2, 0, 1}) {
            for (int i = c; i < TestBundles.ITEMS; i += TestBundles.CLUSTERS) {
                order.add("i" + i);
            }
        }
        return order;
    }

    @Test
    void wholeBundleComesBackUsersByActivityAndItemsByPopularity(Vertx vertx) throws Exception {
        start(vertx, true, Map.of("http.adminToken", TOKEN));
        JsonObject all = sample("?users=10000&items=10000");
        assertEquals("v000001", all.getString("bundleVersion"));
        assertEquals(TestBundles.USERS, all.getInteger("userCount"));
        assertEquals(TestBundles.ITEMS, all.getInteger("itemCount"));
        // Every test user has the same number of training items: ties keep bundle order.
        List<String> users = new ArrayList<>();
        for (int u = 0; u < TestBundles.USERS; u++) {
            users.add("u" + u);
        }
        assertEquals(users, all.getJsonArray("users").getList());
        assertEquals(popularityOrder(), all.getJsonArray("items").getList());
    }

    @Test
    void partialSampleIsDistinctOrderedAndReproducibleWithASeed(Vertx vertx) throws Exception {
        start(vertx, true, Map.of("http.adminToken", TOKEN));
        JsonObject a = sample("?users=7&items=9&seed=42");
        JsonArray users = a.getJsonArray("users");
        JsonArray items = a.getJsonArray("items");
        assertEquals(7, new HashSet<>(users.getList()).size(), users.encode());
        assertEquals(9, new HashSet<>(items.getList()).size(), items.encode());
        List<String> popularity = popularityOrder();
        for (int i = 1; i < items.size(); i++) {
            assertTrue(popularity.indexOf(items.getString(i - 1)) < popularity.indexOf(items.getString(i)),
                    "not most popular first: " + items.encode());
        }
        for (int i = 1; i < users.size(); i++) {
            assertTrue(index(users.getString(i - 1)) < index(users.getString(i)), "ties not in bundle order: " + users.encode());
        }
        assertEquals(a, sample("?users=7&items=9&seed=42"));
        assertNotEquals(a.getJsonArray("users"), sample("?users=7&items=9&seed=43").getJsonArray("users"));
        JsonObject defaults = sample("");
        assertEquals(TestBundles.USERS, defaults.getJsonArray("users").size());
        JsonObject none = sample("?users=0&items=0");
        assertEquals(0, none.getJsonArray("users").size());
        assertEquals(0, none.getJsonArray("items").size());
    }

    private static int index(String id) {
        return Integer.parseInt(id.substring(1));
    }

    @Test
    void badBoundsAndSeedsAreRefusedWithTheRange(Vertx vertx) throws Exception {
        start(vertx, true, Map.of("http.adminToken", TOKEN));
        Map<String, String> cases = Map.of(
                "?users=10001", "users must be in [0, 10000], got 10001",
                "?items=-1", "items must be in [0, 10000], got -1",
                "?seed=x", "seed must be an integer in [0, 2147483647], got 'x'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<Buffer> r = get(c.getKey(), TOKEN);
            assertEquals(400, r.statusCode(), r.bodyAsString());
            JsonObject error = TestGateways.error(r);
            assertEquals("invalid_parameter", error.getString("code"));
            assertEquals(c.getValue(), error.getString("message"));
        }
    }

    @Test
    void needsTheAdminToken(Vertx vertx) throws Exception {
        start(vertx, true, Map.of("http.adminToken", TOKEN));
        assertEquals(401, get("?users=3", null).statusCode());
        assertEquals(401, get("?users=3", "wrong-token-0123456789").statusCode());
    }

    @Test
    void isDisabledWithoutAConfiguredToken(Vertx vertx) throws Exception {
        start(vertx, true, Map.of());
        HttpResponse<Buffer> r = get("?users=3", TOKEN);
        assertEquals(403, r.statusCode());
        assertEquals("admin_disabled", TestGateways.error(r).getString("code"));
    }

    @Test
    void beforeAnyBundleAnswersBundleUnavailable(Vertx vertx) throws Exception {
        start(vertx, false, Map.of("http.adminToken", TOKEN));
        HttpResponse<Buffer> r = get("?users=3", TOKEN);
        assertEquals(503, r.statusCode(), r.bodyAsString());
        assertEquals("bundle_unavailable", TestGateways.error(r).getString("code"));
    }

    @Test
    void samplingDrawsDistinctIndicesInRangeAndAllWhenAskedForMore() {
        Random random = new Random(7);
        int[] some = LiveSampleHandler.sample(1_000_000, 500, random);
        Set<Integer> seen = new HashSet<>();
        for (int i : some) {
            assertTrue(i >= 0 && i < 1_000_000, "out of range: " + i);
            assertTrue(seen.add(i), "drawn twice: " + i);
        }
        assertEquals(500, seen.size());
        int[] all = LiveSampleHandler.sample(10, 50, random);
        assertEquals(10, all.length);
        assertEquals(10, new HashSet<>(java.util.Arrays.stream(all).boxed().toList()).size());
        assertEquals(0, LiveSampleHandler.sample(0, 5, random).length);
    }

    @Test
    void ordersByCountDescendingThenIndex() {
        int[] counts = {3, 9, 0, 9, 5};
        assertArrayEquals(new int[] {1, 3, 4, 0, 2},
                LiveSampleHandler.byCountDescending(new int[] {0, 1, 2, 3, 4}, i -> counts[i]));
        assertArrayEquals(new int[] {3, 4, 2},
                LiveSampleHandler.byCountDescending(new int[] {2, 4, 3}, i -> counts[i]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiveSampleHandler.byCountDescending(new int[] {1}, i -> -2));
        assertEquals("count of 1 is negative: -2", e.getMessage());
    }
}
