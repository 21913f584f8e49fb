package io.recgate.indexbuilder.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static final RankingMetrics MODEL = new RankingMetrics(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 8.5, 42);
    private static final RankingMetrics BASELINE =
            new RankingMetrics(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, Double.NaN, 5.5, 42);

    @Test
    void jsonHasExactlyTheAgreedKeysForExplicitData() throws Exception {
        EvaluationReport report = new EvaluationReport(10, new RatingMetrics(0.91, 0.72, 100), MODEL, BASELINE,
                "jaccard(categories)");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals(List.of("rmse", "mae", "precision@10", "recall@10", "ndcg@10", "map@10", "hitrate@10",
                "coverage", "diversity", "novelty", "baseline", "k", "users_evaluated"), fieldNames(json));
        assertEquals(List.of("precision@10", "recall@10", "ndcg@10", "map@10", "hitrate@10", "coverage",
                "diversity", "novelty"), fieldNames(json.get("baseline")));
        assertEquals(0.91, json.get("rmse").asDouble());
        assertEquals(0.3, json.get("ndcg@10").asDouble());
        assertEquals(0.03, json.get("baseline").get("ndcg@10").asDouble());
        assertTrue(json.get("baseline").get("diversity").isNull(), "NaN is written as null");
        assertEquals(10, json.get("k").asInt());
        assertEquals(42, json.get("users_evaluated").asInt());
    }

    @Test
    void jsonKeysUseTheActualKAndNullRatingsForImplicitData() throws Exception {
        EvaluationReport report = new EvaluationReport(20, null, MODEL, BASELINE, "none");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertTrue(json.get("rmse").isNull());
        assertTrue(json.get("mae").isNull());
        assertEquals(0.1, json.get("precision@20").asDouble());
        assertEquals(0.5, json.get("hitrate@20").asDouble());
        assertTrue(json.get("baseline").has("map@20"));
        assertTrue(!json.has("ndcg@10"));
    }

    @Test
    void tableAlignsModelAndBaselineColumns() {
        EvaluationReport report = new EvaluationReport(10, null, MODEL, BASELINE, "none");
        String[] lines = report.toTable().split("\\R");
        assertEquals("metric              model   baseline", lines[0]);
        assertEquals("rmse                    -          -", lines[2]);
        assertEquals("ndcg@10            0.3000     0.0300", lines[6]);
        assertEquals("novelty            8.5000     5.5000", lines[11]);
        assertEquals("users evaluated: 42; diversity: none", lines[12]);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
