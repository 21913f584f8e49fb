package io.recgate.gateway.recommend;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recommendation routes over HTTP on a small planted bundle with an FM reranker. */
@ExtendWith(VertxExtension.class)
class RecommendRoutesTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path bundles;

    private RecommendingGateway gateway;
    private GatewayServer server;
    private RecommendExtension extension;
    private WebClient client;
    private String version;

    private void start(Vertx vertx, boolean withFm) throws Exception {
        version = TestBundles.publish(bundles, withFm, true, 1);
        gateway = RecommendingGateway.start(vertx, bundles, dataDir, Map.of("http.maxK", "20",
                "http.maxCandidates", "50", "recommend.defaultCandidates", "30", "recommend.maxBatchUsers", "3"));
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

    private HttpResponse<Buffer> post(String uri, Object body) throws Exception {
        return client.post(server.port(), "127.0.0.1", uri).sendJson(body).await(5, TimeUnit.SECONDS);
    }

    private JsonObject ok(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static List<String> ids(JsonObject response) {
        List<String> ids = new ArrayList<>();
        for (Object o : response.getJsonArray("items")) {
            ids.add(((JsonObject) o).getString("id"));
        }
        return ids;
    }

    private static int item(String id) {
        return Integer.parseInt(id.substring(1));
    }

    private void assertError(HttpResponse<Buffer> r, int status, String code, String messagePart) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        JsonObject error = TestGateways.error(r);
        assertEquals(code, error.getString("code"), r.bodyAsString());
        assertTrue(error.getString("message").contains(messagePart), error.getString("message"));
    }

    @Test
    void knownUserGetsUnseenItemsOfTheirClusterNamingTheBundleVersion(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject r = ok(get("/v1/users/u1/recommendations?k=10"));
        assertEquals(version, r.getString("bundleVersion"));
        assertEquals("u1", r.getString("userId"));
        assertFalse(r.getBoolean("coldStart"));
        List<String> ids = ids(r);
        assertEquals(10, ids.size());
        Set<Integer> seen = new HashSet<>();
        for (int s : TestBundles.seen(1)) {
            seen.add(s);
        }
        for (String id : ids) {
            assertEquals(1, TestBundles.cluster(item(id)), "item " + id + " outside u1's cluster: " + ids);
            assertFalse(seen.contains(item(id)), "seen item " + id + " recommended");
        }
        JsonObject first = r.getJsonArray("items").getJsonObject(0);
        assertEquals("Item " + item(first.getString("id")), first.getString("title"));
        assertEquals(new JsonArray().add("B"), first.getJsonArray("categories"));
        assertTrue(first.containsKey("score") && first.containsKey("retrievalScore"), first.encode());
    }

    @Test
    void explainGivesFmContributionsAndTheUsersOwnSimilarItems(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject item = ok(get("/v1/users/u2/recommendations?k=3&explain=true")).getJsonArray("items").getJsonObject(0);
        JsonObject explanation = item.getJsonObject("explanation");
        assertEquals(item.getFloat("score"), explanation.getFloat("score"), 1e-4);
        assertTrue(explanation.getJsonObject("byUserGroup").containsKey("user_id"), explanation.encode());
        JsonArray because = item.getJsonArray("becauseYouLiked");
        assertEquals(2, because.size());
        Set<String> seen = new HashSet<>();
        for (int s : TestBundles.seen(2)) {
            seen.add("i" + s);
        }
        for (Object o : because) {
            assertTrue(seen.contains(((JsonObject) o).getString("id")), because.encode());
            assertTrue(((JsonObject) o).getDouble("similarity") > 0.9, because.encode());
        }
    }

    @Test
    void anAcknowledgedEventRemovesTheItemAndRefoldsTheUser(Vertx vertx) throws Exception {
        start(vertx, true);
        String top = ids(ok(get("/v1/users/u0/recommendations?k=5"))).get(0);
        assertEquals(200, post("/v1/events", new JsonObject().put("userId", "u0").put("itemId", top)
                .put("type", "click")).statusCode());
        List<String> after = ids(ok(get("/v1/users/u0/recommendations?k=5")));
        assertFalse(after.contains(top), top + " still in " + after);
        assertEquals(5, after.size());
        // The fold-in moves u0 (cluster A) towards cluster C after many C events.
        JsonArray events = new JsonArray();
        for (int i = 2; i < 60; i += 3) {
            events.add(new JsonObject().put("userId", "u0").put("itemId", "i" + i).put("type", "like"));
        }
        assertEquals(200, post("/v1/events", events).statusCode());
        assertEquals(new JsonArray(), new JsonArray(ids(ok(get("/v1/users/u0/recommendations?k=5&category=C")))));
    }

    @Test
    void anUnknownUserGetsThePopularityRankingMarkedColdStart(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject r = ok(get("/v1/users/stranger/recommendations?k=4"));
        assertTrue(r.getBoolean("coldStart"));
        assertEquals(List.of("i2", "i5", "i8", "i11"), ids(r));
        JsonObject filtered = ok(get("/v1/users/stranger/recommendations?k=3&category=A&exclude=i0,i3"));
        assertEquals(List.of("i6", "i9", "i12"), ids(filtered));
    }

    @Test
    void anUnknownUserWithEventsIsFoldedInNotColdStarted(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonArray events = new JsonArray();
        for (String item : List.of("i1", "i4", "i7")) {
            events.add(new JsonObject().put("userId", "newcomer").put("itemId", item).put("type", "purchase"));
        }
        assertEquals(200, post("/v1/events", events).statusCode());
        JsonObject r = ok(get("/v1/users/newcomer/recommendations?k=5"));
        assertFalse(r.getBoolean("coldStart"));
        for (String id : ids(r)) {
            assertEquals(1, TestBundles.cluster(item(id)), ids(r).toString());
            assertFalse(Set.of("i1", "i4", "i7").contains(id), ids(r).toString());
        }
    }

    @Test
    void excludeAndCategoryAreRespectedAndStillGiveKResults(Vertx vertx) throws Exception {
        start(vertx, true);
        List<String> plain = ids(ok(get("/v1/users/u0/recommendations?k=5")));
        List<String> excluded = ids(ok(get("/v1/users/u0/recommendations?k=5&exclude=" + plain.get(0) + "," + plain.get(1))));
        assertEquals(5, excluded.size());
        assertFalse(excluded.contains(plain.get(0)) || excluded.contains(plain.get(1)), excluded.toString());
        // u0 likes cluster A; asking for category B must still fill k=15 (20 B items, none seen).
        JsonObject b = ok(get("/v1/users/u0/recommendations?k=15&candidates=15&category=B"));
        assertEquals(15, ids(b).size());
        for (Object o : b.getJsonArray("items")) {
            assertEquals(new JsonArray().add("B"), ((JsonObject) o).getJsonArray("categories"));
        }
        assertError(get("/v1/users/u0/recommendations?category=nope"), 404, "unknown_category", "category 'nope'");
    }

    @Test
    void anUnknownCategoryIs404NamingItOnEveryRecommendationRoute(Vertx vertx) throws Exception {
        start(vertx, true);
        String message = "no item of bundle " + version + " has category 'Horror'";
        assertError(get("/v1/users/u0/recommendations?category=Horror"), 404, "unknown_category", message);
        assertError(get("/v1/users/stranger/recommendations?category=Horror"), 404, "unknown_category", message);
        assertError(post("/v1/recommendations/anonymous", new JsonObject().put("items", new JsonArray().add("i1"))
                .put("category", "Horror")), 404, "unknown_category", message);
        assertError(post("/v1/recommendations/batch", new JsonObject().put("users", new JsonArray().add("u0"))
                .put("category", "Horror")), 404, "unknown_category", message);
        assertError(get("/v1/users/u0/recommendations?category=" + "x".repeat(150)), 404, "unknown_category",
                "'" + "x".repeat(40) + "...'");
        // A category the bundle has but whose items the user has all seen or excluded is still 200 and empty.
        StringBuilder allOfA = new StringBuilder();
        for (int i = 0; i < TestBundles.ITEMS; i += TestBundles.CLUSTERS) {
            allOfA.append(allOfA.isEmpty() ? "" : ",").append("i").append(i);
        }
        assertEquals(List.of(), ids(ok(get("/v1/users/stranger/recommendations?category=A&exclude=" + allOfA))));
    }

    @Test
    void coldStartScoresAreTrainingSharesAndExplainSaysTheyArePopular(Vertx vertx) throws Exception {
        start(vertx, true);
        // Training counts of the planted bundle: i2 1, i5 2, i8 3 of 90 interactions (30 users x 3).
        JsonObject plain = ok(get("/v1/users/stranger/recommendations?k=3"));
        JsonArray items = plain.getJsonArray("items");
        assertEquals(1 / 90.0, items.getJsonObject(0).getDouble("score"), 1e-6);
        assertEquals(2 / 90.0, items.getJsonObject(1).getDouble("score"), 1e-6);
        assertFalse(items.getJsonObject(0).containsKey("explanation"), items.encode());

        JsonObject explained = ok(get("/v1/users/stranger/recommendations?k=3&explain=true"));
        assertTrue(explained.getBoolean("coldStart"));
        for (int r = 0; r < 3; r++) {
            JsonObject item = explained.getJsonArray("items").getJsonObject(r);
            JsonObject why = item.getJsonObject("explanation");
            assertEquals("popular", why.getString("reason"), item.encode());
            assertEquals(r + 1, why.getInteger("popularityRank"), item.encode());
            assertEquals(r + 1, why.getInteger("trainingInteractions"), item.encode());
            assertEquals((r + 1) / 90.0, why.getDouble("trainingShare"), 1e-9, item.encode());
            assertEquals(item.getDouble("score"), why.getDouble("trainingShare"), 1e-6, item.encode());
            assertFalse(item.containsKey("becauseYouLiked"), item.encode());
        }
        // Filtered cold start: the rank is the item's place in the whole popularity order.
        JsonObject a = ok(get("/v1/users/stranger/recommendations?k=1&category=A&explain=true"))
                .getJsonArray("items").getJsonObject(0);
        assertEquals("i0", a.getString("id"));
        assertEquals(TestBundles.ITEMS / TestBundles.CLUSTERS + 1, a.getJsonObject("explanation").getInteger("popularityRank"));
        // The batch route explains its cold starts the same way.
        JsonObject batch = ok(post("/v1/recommendations/batch", new JsonObject()
                .put("users", new JsonArray().add("nobody")).put("k", 1).put("explain", true)));
        assertEquals("popular", batch.getJsonArray("results").getJsonObject(0).getJsonArray("items").getJsonObject(0)
                .getJsonObject("explanation").getString("reason"));
    }

    @Test
    void itemRouteGivesMetadataAndTrainingPopularityFromTheLiveBundle(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject i5 = ok(get("/v1/items/i5"));
        assertEquals(new JsonObject().put("bundleVersion", version).put("id", "i5").put("title", "Item 5")
                .put("categories", new JsonArray().add("C")).put("popularityRank", 2).put("trainingInteractions", 2)
                .put("trainingShare", 2 / 90.0), i5);
        JsonObject i0 = ok(get("/v1/items/i0"));
        assertEquals(21, i0.getInteger("popularityRank"));
        assertEquals(1, i0.getInteger("trainingInteractions"));
        assertEquals(new JsonArray().add("A"), i0.getJsonArray("categories"));
        JsonObject unseen = ok(get("/v1/items/i59"));
        assertEquals(0, unseen.getInteger("trainingInteractions"));
        assertEquals(0.0, unseen.getDouble("trainingShare"));
        assertError(get("/v1/items/nope"), 404, "unknown_item", "item 'nope' is not in bundle " + version);
        assertError(get("/v1/items/i5?k=3"), 400, "invalid_parameter", "unknown query parameter 'k'");
        assertError(client.delete(server.port(), "127.0.0.1", "/v1/items/i5").send().await(5, TimeUnit.SECONDS),
                405, "method_not_allowed", "");
    }

    @Test
    void anItemIdNotInTheBundleIs404UnknownItemOnEveryRoute(Vertx vertx) throws Exception {
        start(vertx, true);
        assertError(post("/v1/events", new JsonObject().put("userId", "u0").put("itemId", "zzz").put("type", "view")),
                404, "unknown_item", "itemId: unknown item 'zzz'");
        assertError(post("/v1/events", new JsonArray()
                        .add(new JsonObject().put("userId", "u0").put("itemId", "i1").put("type", "view"))
                        .add(new JsonObject().put("userId", "u0").put("itemId", "zzz").put("type", "view"))),
                404, "unknown_item", "events[1].itemId: unknown item 'zzz'");
        assertEquals(0, ok(get("/v1/users/u0/recent")).getJsonArray("interactions").size(), "nothing stored");
        assertError(post("/v1/recommendations/anonymous", new JsonObject().put("items", new JsonArray().add("zzz"))),
                404, "unknown_item", "'zzz'");
        assertError(get("/v1/items/zzz/similar"), 404, "unknown_item", "'zzz'");
        assertError(get("/v1/items/zzz"), 404, "unknown_item", "'zzz'");
        // Excluding an id the bundle does not have is harmless and stays allowed.
        assertEquals(3, ids(ok(get("/v1/users/u0/recommendations?k=3&exclude=zzz"))).size());
    }

    @Test
    void unknownQueryParametersAreRefusedOnEveryV1RouteNamingTheAllowedOnes(Vertx vertx) throws Exception {
        start(vertx, true);
        assertError(get("/v1/users/u0/recommendations?k=3&limt=5"), 400, "invalid_parameter",
                "unknown query parameter 'limt'; allowed: candidates, category, exclude, explain, k, rerank");
        assertError(get("/v1/items/i1/similar?k=3&candidates=9"), 400, "invalid_parameter",
                "unknown query parameter 'candidates'; allowed: k");
        assertError(get("/v1/users/u0/recent?limit=3&since=0"), 400, "invalid_parameter", "'since'; allowed: limit");
        assertError(get("/v1/items/i1?verbose=true"), 400, "invalid_parameter",
                "'verbose'; this route takes no query parameters");
        assertError(get("/v1/bundle?x=1"), 400, "invalid_parameter", "'x'; this route takes no query parameters");
        assertError(get("/v1/users?sample=3&seed=1"), 400, "invalid_parameter", "'seed'; allowed: sample");
        assertError(post("/v1/events?dryRun=true", new JsonObject().put("userId", "u0").put("itemId", "i1")
                .put("type", "view")), 400, "invalid_parameter", "'dryRun'; this route takes no query parameters");
        assertEquals(0, ok(get("/v1/users/u0/recent")).getJsonArray("interactions").size(), "nothing stored");
        assertError(post("/v1/recommendations/anonymous?k=3", new JsonObject().put("items", new JsonArray().add("i1"))),
                400, "invalid_parameter", "'k'; this route takes no query parameters");
        assertError(post("/v1/recommendations/batch?k=3", new JsonObject().put("users", new JsonArray().add("u0"))),
                400, "invalid_parameter", "'k'; this route takes no query parameters");
        // Names are compared exactly, as JSON fields are; the echo is bounded.
        assertError(get("/v1/users/u0/recommendations?K=3"), 400, "invalid_parameter", "'K'");
        HttpResponse<Buffer> many = get("/v1/users/u0/recommendations?k=1&d=1&c=1&b=1&a" + "y".repeat(500) + "=1");
        assertError(many, 400, "invalid_parameter",
                "unknown query parameters 'a" + "y".repeat(39) + "...', 'b', 'c' and 1 more; allowed:");
        assertTrue(TestGateways.error(many).getString("message").length() < 200, many.bodyAsString());
        assertError(get("/v1/items/i1?%zz=1"), 400, "invalid_parameter", "cannot be decoded");
        assertError(get("/v1/users/u0/recommendations?k=%zz"), 400, "invalid_parameter", "cannot be decoded");
        // Declared parameters still work on each route.
        assertEquals(2, ids(ok(get("/v1/users/u0/recommendations?k=2&candidates=10&category=A&exclude=i3&explain=false&rerank=none"))).size());
        assertEquals(2, ids(ok(get("/v1/items/i1/similar?k=2"))).size());
        assertEquals(3, ok(get("/v1/users?sample=3")).getJsonArray("users").size());
        assertEquals(version, ok(get("/v1/bundle")).getString("version"));
        assertEquals(0, ok(get("/v1/users/u0/recent?limit=5")).getJsonArray("interactions").size());
    }

    @Test
    void anonymousFoldInPersonalisesToThePlantedCluster(Vertx vertx) throws Exception {
        start(vertx, false);
        JsonObject r = ok(post("/v1/recommendations/anonymous",
                new JsonObject().put("items", new JsonArray().add("i1").add("i4").add("i7")).put("k", 6)));
        assertFalse(r.getBoolean("coldStart"));
        List<String> ids = ids(r);
        assertEquals(6, ids.size());
        for (String id : ids) {
            assertEquals(1, TestBundles.cluster(item(id)), ids.toString());
            assertFalse(Set.of("i1", "i4", "i7").contains(id), ids.toString());
        }
        List<String> popular = ids(ok(get("/v1/users/nobody/recommendations?k=6")));
        assertNotEquals(popular, ids);
    }

    @Test
    void batchAnswersEachUserAndRefusesTooMany(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject r = ok(post("/v1/recommendations/batch",
                new JsonObject().put("users", new JsonArray().add("u0").add("u1").add("new")).put("k", 2)));
        assertEquals(version, r.getString("bundleVersion"));
        JsonArray results = r.getJsonArray("results");
        assertEquals(3, results.size());
        assertEquals("u1", results.getJsonObject(1).getString("userId"));
        assertEquals(2, results.getJsonObject(1).getJsonArray("items").size());
        assertTrue(results.getJsonObject(2).getBoolean("coldStart"));
        assertError(post("/v1/recommendations/batch", new JsonObject().put("users",
                new JsonArray().add("a").add("b").add("c").add("d"))), 400, "batch_too_large", "at most 3");
    }

    @Test
    void similarItemsComeFromTheSameCluster(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject r = ok(get("/v1/items/i4/similar?k=5"));
        assertEquals("i4", r.getString("itemId"));
        List<String> ids = ids(r);
        assertEquals(5, ids.size());
        assertFalse(ids.contains("i4"));
        for (String id : ids) {
            assertEquals(1, TestBundles.cluster(item(id)), ids.toString());
        }
    }

    @Test
    void everyClientMistakeGetsA4xxWithTheErrorBody(Vertx vertx) throws Exception {
        start(vertx, true);
        assertError(get("/v1/users/u0/recommendations?k=0"), 400, "invalid_parameter", "k must be in [1, 20]");
        assertError(get("/v1/users/u0/recommendations?k=21"), 400, "invalid_parameter", "got 21");
        assertError(get("/v1/users/u0/recommendations?k=x"), 400, "invalid_parameter", "'x'");
        assertError(get("/v1/users/u0/recommendations?k=10&candidates=5"), 400, "invalid_parameter", "candidates must be in [10, 50]");
        assertError(get("/v1/users/u0/recommendations?candidates=51"), 400, "invalid_parameter", "got 51");
        assertError(get("/v1/users/u0/recommendations?explain=yes"), 400, "invalid_parameter", "explain must be true or false");
        assertError(get("/v1/users/u0/recommendations?category=A&category=B"), 400, "invalid_parameter", "category is given 2 times");
        assertError(get("/v1/items/nope/similar"), 404, "unknown_item", "'nope'");
        assertError(get("/v1/items/i1/similar?k=99"), 400, "invalid_parameter", "got 99");
        String anon = "/v1/recommendations/anonymous";
        assertError(post(anon, new JsonObject().put("items", new JsonArray().add("i1").add("zzz"))), 404, "unknown_item", "'zzz'");
        assertError(post(anon, new JsonObject()), 400, "invalid_parameter", "items must be an array");
        assertError(post(anon, new JsonObject().put("items", new JsonArray())), 400, "invalid_parameter", "at least one");
        assertError(post(anon, new JsonObject().put("items", new JsonArray().add(3))), 400, "invalid_parameter", "items[0] must be a string");
        assertError(post(anon, new JsonObject().put("items", new JsonArray().add("i1")).put("k", 500)), 400, "invalid_parameter", "got 500");
        assertError(post(anon, new JsonObject().put("items", new JsonArray().add("i1")).put("bogus", 1)), 400, "invalid_parameter", "unknown field 'bogus'");
        assertError(post(anon, new JsonArray()), 400, "invalid_parameter", "body must be a JSON object");
        HttpResponse<Buffer> malformed = client.post(server.port(), "127.0.0.1", anon)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"items\":")).await(5, TimeUnit.SECONDS);
        assertError(malformed, 400, "malformed_json", "not valid JSON");
        assertError(post("/v1/recommendations/batch", new JsonObject().put("users", "u0")), 400, "invalid_parameter", "users must be an array");
        assertError(post("/v1/recommendations/batch", new JsonObject().put("users", new JsonArray().add(""))), 400, "invalid_parameter", "users[0] is required");
        assertError(client.delete(server.port(), "127.0.0.1", "/v1/items/i1/similar").send().await(5, TimeUnit.SECONDS),
                405, "method_not_allowed", "");
    }

    @Test
    void metricsShowStageTimingsColdStartsAndTheBundleVersion(Vertx vertx) throws Exception {
        start(vertx, true);
        ok(get("/v1/users/u0/recommendations"));
        ok(get("/v1/users/unknown/recommendations"));
        String metrics = get("/metrics").bodyAsString();
        for (String line : List.of("recgate_recommend_retrieval_seconds_count 1", "recgate_recommend_rerank_seconds_count 1",
                "recgate_recommend_candidates_count 1", "recgate_recommend_cold_start_total 1",
                "recgate_bundle_version " + Long.parseLong(version.substring(1)))) {
            assertTrue(metrics.contains(line), line + " missing from\n" + metrics);
        }
    }

    @Test
    void repeatedRequestsAreServedFromTheCacheUntilAnEvent(Vertx vertx) throws Exception {
        start(vertx, true);
        JsonObject first = ok(get("/v1/users/u3/recommendations?k=3"));
        assertEquals(first, ok(get("/v1/users/u3/recommendations?k=3")));
        assertTrue(get("/metrics").bodyAsString().contains("recgate_recommend_cache_total{result=\"hit\"} 1.0"));
        String top = ids(first).get(0);
        post("/v1/events", new JsonObject().put("userId", "u3").put("itemId", top).put("type", "view"));
        assertFalse(ids(ok(get("/v1/users/u3/recommendations?k=3"))).contains(top));
    }
}
