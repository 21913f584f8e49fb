package io.recgate.gateway.recommend;

import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.serving.RecommendQuery;
import io.recgate.core.serving.RecommendationPipeline;
import io.recgate.core.serving.Recommendations;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import io.recgate.core.serving.UserSignals;
import io.recgate.gateway.testing.RecommendingGateway;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the gateway serves is what offline evaluation scores: the HTTP answers for 50 users (every
 * user of the test bundle, and anonymous sessions folded in from their items) equal the lists of
 * {@link RecommendationPipeline} (which the index builder's served evaluation runs) on the same
 * bundle, id for id and in order, for each reranker the bundle can be ordered by.
 */
@ExtendWith(VertxExtension.class)
class ServedListsTest {

    private static final int REQUESTS = 50;
    private static final int K = 10;
    private static final int CANDIDATES = 40;

    @TempDir
    Path dataDir;
    @TempDir
    Path bundles;

    private RecommendingGateway gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(Vertx vertx, RerankerKind reranker) throws Exception {
        TestBundles.publish(bundles, reranker, true, 3, Map.of());
        gateway = RecommendingGateway.start(vertx, bundles, dataDir, Map.of("http.maxCandidates", "100",
                "recommend.defaultCandidates", String.valueOf(CANDIDATES)));
    }

    private List<String> served(String query) throws Exception {
        HttpResponse<Buffer> r = gateway.client().get(gateway.server().port(), "127.0.0.1", query).send()
                .await(5, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<String> ids = new ArrayList<>();
        for (Object o : r.bodyAsJsonObject().getJsonArray("items")) {
            ids.add(((JsonObject) o).getString("id"));
        }
        return ids;
    }

    private static List<String> pipeline(ServableBundle b, int user, RerankerKind kind) {
        Recommendations r = RecommendationPipeline.recommend(b, UserSignals.of(user),
                RecommendQuery.of(K, CANDIDATES).withReranker(kind));
        List<String> ids = new ArrayList<>();
        for (int item : r.items()) {
            ids.add(b.items().id(item));
        }
        return ids;
    }

    @Test
    void gatewayListsEqualThePipelineListsForEveryReranker(Vertx vertx) throws Exception {
        start(vertx, RerankerKind.RANKING_FM);
        ServableBundle b = ServableBundle.load(BundleRoot.at(bundles).openCurrent());
        assertEquals(RerankerKind.RANKING_FM, b.reranker());
        int differentOrders = 0;
        int users = b.users().size();
        for (int u = 0; u < users; u++) {
            String user = b.users().id(u);
            List<String> byDefault = served("/v1/users/" + user + "/recommendations?k=" + K);
            assertEquals(pipeline(b, u, RerankerKind.RANKING_FM), byDefault, "user " + user);
            List<String> retrieval = served("/v1/users/" + user + "/recommendations?k=" + K + "&rerank=none");
            assertEquals(pipeline(b, u, RerankerKind.NONE), retrieval, "user " + user + ", rerank=none");
            assertEquals(pipeline(b, u, RerankerKind.RATING_FM),
                    served("/v1/users/" + user + "/recommendations?k=" + K + "&rerank=fm"), "user " + user + ", rerank=fm");
            if (!byDefault.equals(retrieval)) {
                differentOrders++;
            }
        }
        // The comparison means something only if the reranker actually reorders.
        assertTrue(differentOrders > users / 2, "the ranking FM reordered only " + differentOrders + " lists");
        for (int session = 0; session < REQUESTS - users; session++) {
            int[] items = TestBundles.seen(session);
            JsonArray ids = new JsonArray();
            float[] values = new float[items.length];
            for (int p = 0; p < items.length; p++) {
                ids.add(b.items().id(items[p]));
                values[p] = b.eventValue(null);
            }
            HttpResponse<Buffer> r = gateway.client().post(gateway.server().port(), "127.0.0.1",
                    "/v1/recommendations/anonymous").sendJson(new JsonObject().put("items", ids).put("k", K))
                    .await(5, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            Recommendations expected = RecommendationPipeline.recommend(b, new UserSignals(-1, items, values),
                    RecommendQuery.of(K, CANDIDATES));
            List<String> expectedIds = new ArrayList<>();
            for (int item : expected.items()) {
                expectedIds.add(b.items().id(item));
            }
            List<String> got = new ArrayList<>();
            for (Object o : r.bodyAsJsonObject().getJsonArray("items")) {
                got.add(((JsonObject) o).getString("id"));
            }
            assertEquals(expectedIds, got, "session " + session);
        }
    }

    @Test
    void aBundleWithoutAnAcceptedRerankerServesRetrievalOrderWithPredictedRatings(Vertx vertx) throws Exception {
        start(vertx, RerankerKind.NONE);
        ServableBundle b = ServableBundle.load(BundleRoot.at(bundles).openCurrent());
        HttpResponse<Buffer> r = gateway.client().get(gateway.server().port(), "127.0.0.1",
                "/v1/users/u3/recommendations?k=5").send().await(5, TimeUnit.SECONDS);
        JsonObject body = r.bodyAsJsonObject();
        assertEquals("none", body.getString("reranker"));
        JsonObject first = body.getJsonArray("items").getJsonObject(0);
        assertEquals(first.getFloat("retrievalScore"), first.getFloat("score"));
        assertTrue(first.containsKey("predictedRating"), body.encode());
        assertEquals(pipeline(b, 3, RerankerKind.NONE).subList(0, 5), served("/v1/users/u3/recommendations?k=5"));
    }

    @Test
    void anUnknownOrMissingRerankerIsAClientError(Vertx vertx) throws Exception {
        TestBundles.publish(bundles, false, true, 3);
        gateway = RecommendingGateway.start(vertx, bundles, dataDir, Map.of());
        HttpResponse<Buffer> r = gateway.client().get(gateway.server().port(), "127.0.0.1",
                "/v1/users/u1/recommendations?rerank=deep").send().await(5, TimeUnit.SECONDS);
        assertEquals(400, r.statusCode());
        assertEquals("invalid_parameter", TestGateways.error(r).getString("code"));
        assertTrue(TestGateways.error(r).getString("message").contains("none, ranking-fm, fm"), r.bodyAsString());
        r = gateway.client().get(gateway.server().port(), "127.0.0.1",
                "/v1/users/u1/recommendations?rerank=ranking-fm").send().await(5, TimeUnit.SECONDS);
        assertEquals(400, r.statusCode());
        assertTrue(TestGateways.error(r).getString("message").contains("has no such model (it has: none)"),
                r.bodyAsString());
        JsonObject plain = gateway.client().get(gateway.server().port(), "127.0.0.1",
                "/v1/users/u1/recommendations").send().await(5, TimeUnit.SECONDS).bodyAsJsonObject();
        assertEquals("none", plain.getString("reranker"));
        assertNull(plain.getJsonArray("items").getJsonObject(0).getValue("predictedRating"));
        assertNotEquals(0, plain.getJsonArray("items").size());
    }
}
