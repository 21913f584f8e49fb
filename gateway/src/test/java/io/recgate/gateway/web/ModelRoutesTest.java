package io.recgate.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.serving.RerankerKind;
import io.recgate.gateway.recommend.RecommendExtension;
import io.recgate.gateway.recommend.TestBundles;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.RecommendingGateway;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The page's own routes over HTTP: static files, the bundle summary and the user sample. */
@ExtendWith(VertxExtension.class)
class ModelRoutesTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path bundles;

    private RecommendingGateway gateway;
    private GatewayServer server;
    private RecommendExtension extension;
    private WebClient client;

    /** Starts the gateway over {@link #bundles}, first publishing the default test bundle when {@code publish}. */
    private void start(Vertx vertx, boolean publish) throws Exception {
        if (publish) {
            TestBundles.publish(bundles, false, true, 3, Map.of("implicit-als.ndcg@10", 0.25,
                    "ann.sweep.ef50.recall@10", 0.97));
        }
        gateway = RecommendingGateway.start(vertx, bundles, dataDir, Map.of());
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

    @Test
    void bundleSummaryCarriesManifestMetricsCategoriesAndTheLongTail(Vertx vertx) throws Exception {
        start(vertx, true);
        HttpResponse<Buffer> r = get("/v1/bundle");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject b = r.bodyAsJsonObject();
        assertEquals("v000001", b.getString("version"));
        assertEquals(TestBundles.USERS, b.getInteger("userCount"));
        assertEquals(TestBundles.ITEMS, b.getInteger("itemCount"));
        assertEquals(8, b.getInteger("dims"));
        assertFalse(b.getBoolean("fm"));
        assertEquals("none", b.getString("reranker"));
        assertEquals(0.25, b.getJsonObject("metrics").getDouble("implicit-als.ndcg@10"));
        assertEquals(0.97, b.getJsonObject("metrics").getDouble("ann.sweep.ef50.recall@10"));
        assertEquals(20, b.getJsonObject("params").getInteger("ann.ef"));
        JsonArray categories = b.getJsonArray("categories");
        assertEquals(3, categories.size());
        assertEquals(new JsonObject().put("name", "A").put("items", TestBundles.ITEMS / 3), categories.getJsonObject(0));
        JsonObject popularity = b.getJsonObject("popularity");
        assertEquals(TestBundles.USERS * TestBundles.SEEN_PER_USER, popularity.getLong("interactions"));
        JsonArray counts = popularity.getJsonArray("counts");
        assertEquals(TestBundles.ITEMS, counts.size());
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.getInteger(i) <= counts.getInteger(i - 1), "not decreasing at " + i + ": " + counts);
        }
        // Served again from the per-version cache: same answer.
        assertEquals(b, get("/v1/bundle").bodyAsJsonObject());
    }

    @Test
    void bundleSummaryNamesTheRerankerAndCarriesTheServedMetricsForThePage(Vertx vertx) throws Exception {
        TestBundles.publish(bundles, RerankerKind.RANKING_FM, true, 4, Map.of("served.ndcg@10", 0.49,
                "served.retrieval.ndcg@10", 0.46, "served.sweep.c100.ndcg@10", 0.49));
        start(vertx, false);
        JsonObject b = get("/v1/bundle").bodyAsJsonObject();
        assertEquals("ranking-fm", b.getString("reranker"));
        assertEquals("ranking-fm", b.getJsonObject("params").getString("rerank.model"));
        assertTrue(b.getBoolean("fm"), "the bundle carries the rating FM too");
        JsonObject metrics = b.getJsonObject("metrics");
        assertEquals(0.49, metrics.getDouble("served.ndcg@10"));
        assertEquals(0.46, metrics.getDouble("served.retrieval.ndcg@10"));
        assertEquals(0.49, metrics.getDouble("served.sweep.c100.ndcg@10"));
    }

    @Test
    void userSampleIsDistinctBundleUsersCappedAtTheBundleSize(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject five = get("/v1/users?sample=5").bodyAsJsonObject();
        assertEquals("v000001", five.getString("bundleVersion"));
        Set<Object> ids = new HashSet<>(five.getJsonArray("users").getList());
        assertEquals(5, ids.size(), five.encode());
        for (Object id : ids) {
            int u = Integer.parseInt(((String) id).substring(1));
            assertTrue(u >= 0 && u < TestBundles.USERS, "not a bundle user: " + id);
        }
        JsonArray all = get("/v1/users?sample=100").bodyAsJsonObject().getJsonArray("users");
        assertEquals(TestBundles.USERS, new HashSet<>(all.getList()).size());
        assertEquals(20, get("/v1/users").bodyAsJsonObject().getJsonArray("users").size());
    }

    @Test
    void badSampleSizesAreRefusedWithTheRange(Vertx vertx) throws Exception {
        start(vertx, true);
        for (String bad : new String[] {"0", "101", "x"}) {
            HttpResponse<Buffer> r = get("/v1/users?sample=" + bad);
            assertEquals(400, r.statusCode(), r.bodyAsString());
            JsonObject error = TestGateways.error(r);
            assertEquals("invalid_parameter", error.getString("code"));
            assertTrue(error.getString("message").contains("sample must be"), error.getString("message"));
            assertTrue(error.getString("message").contains("[1, 100]"), error.getString("message"));
        }
    }

    @Test
    void beforeAnyBundleBothRoutesAnswerBundleUnavailable(Vertx vertx) throws Exception {
        start(vertx, false);
        for (String uri : new String[] {"/v1/bundle", "/v1/users?sample=3"}) {
            HttpResponse<Buffer> r = get(uri);
            assertEquals(503, r.statusCode(), r.bodyAsString());
            assertEquals("bundle_unavailable", TestGateways.error(r).getString("code"));
        }
    }

    @Test
    void pageAndItsModulesAreServedFromTheClasspath(Vertx vertx) throws Exception {
        start(vertx, false);
        HttpResponse<Buffer> index = get("/");
        assertEquals(200, index.statusCode());
        assertTrue(index.getHeader("Content-Type").startsWith("text/html"), index.getHeader("Content-Type"));
        assertTrue(index.bodyAsString().contains("<script type=\"module\" src=\"/ui/app.js\">"));
        for (String module : new String[] {"app.js", "api.js", "dom.js", "model.js", "served.js"}) {
            HttpResponse<Buffer> js = get("/ui/" + module);
            assertEquals(200, js.statusCode(), module);
            assertTrue(js.getHeader("Content-Type").contains("javascript"), module + ": " + js.getHeader("Content-Type"));
        }
        assertTrue(get("/ui/style.css").getHeader("Content-Type").startsWith("text/css"));
        assertEquals(404, get("/ui/missing.js").statusCode());
        // The web root is a classpath directory beside logback.xml: no way out of it.
        for (String escape : new String[] {"/ui/%2e%2e/%2e%2e/logback.xml", "/ui/..%2f..%2flogback.xml",
                "/ui/%2e%2e%2f%2e%2e%2flogback.xml"}) {
            HttpResponse<Buffer> r = get(escape);
            assertFalse(r.statusCode() == 200 && r.bodyAsString().contains("<configuration"), escape + " escaped the web root");
        }
    }
    @Test
    void pageAndItsFilesCarrySecurityHeadersAndJsonIsNosniff(Vertx vertx) throws Exception {
        start(vertx, true);
        for (String uri : new String[] {"/", "/ui/app.js", "/ui/style.css"}) {
            HttpResponse<Buffer> r = get(uri);
            assertEquals(200, r.statusCode(), uri);
            String csp = r.getHeader("Content-Security-Policy");
            assertNotNull(csp, uri + ": no Content-Security-Policy");
            assertTrue(csp.contains("default-src 'self'"), uri + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), uri + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), uri + ": " + csp);
            assertEquals("DENY", r.getHeader("X-Frame-Options"), uri);
            assertEquals("nosniff", r.getHeader("X-Content-Type-Options"), uri);
            assertEquals("no-referrer", r.getHeader("Referrer-Policy"), uri);
        }
        for (String uri : new String[] {"/v1/bundle", "/v1/users?sample=2", "/v1/users?sample=0", "/v1/nowhere"}) {
            HttpResponse<Buffer> r = get(uri);
            assertTrue(r.getHeader("Content-Type").startsWith("application/json"), uri + ": " + r.getHeader("Content-Type"));
            assertEquals("nosniff", r.getHeader("X-Content-Type-Options"), uri + " " + r.statusCode());
        }
    }
}
