package io.recgate.indexbuilder.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of {@link Evaluator#evaluate}: rating metrics (explicit data only), the model's and
 * the popularity baseline's ranking metrics at K, and which dissimilarity diversity used.
 * Immutable.
 *
 * @param k                list length
 * @param rating           RMSE/MAE, or null for implicit data
 * @param model            the model's ranking metrics
 * @param baseline         the popularity baseline's ranking metrics on the same users
 * @param diversityMeasure {@link ItemDissimilarity#description()}, or {@code "none"}
 */
public record EvaluationReport(int k, RatingMetrics rating, RankingMetrics model, RankingMetrics baseline,
                               String diversityMeasure) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public EvaluationReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(diversityMeasure, "diversityMeasure");
    }

    /**
     * One JSON object: {@code rmse}, {@code mae} (null for implicit data), {@code precision@K},
     * {@code recall@K}, {@code ndcg@K}, {@code map@K}, {@code hitrate@K}, {@code coverage},
     * {@code diversity}, {@code novelty}, {@code baseline} (an object with the same ranking
     * keys), {@code k} and {@code users_evaluated}, where K is the actual list length. A metric
     * that could not be computed (NaN) is written as null.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        putNumber(root, "rmse", rating == null ? Double.NaN : rating.rmse());
        putNumber(root, "mae", rating == null ? Double.NaN : rating.mae());
        putRanking(root, model);
        root.set("baseline", putRanking(JSON.createObjectNode(), baseline));
        root.put("k", k);
        root.put("users_evaluated", model.usersEvaluated());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a tree of numbers", e);
        }
    }

    private ObjectNode putRanking(ObjectNode node, RankingMetrics m) {
        putNumber(node, "precision@" + k, m.precision());
        putNumber(node, "recall@" + k, m.recall());
        putNumber(node, "ndcg@" + k, m.ndcg());
        putNumber(node, "map@" + k, m.map());
        putNumber(node, "hitrate@" + k, m.hitRate());
        putNumber(node, "coverage", m.coverage());
        putNumber(node, "diversity", m.diversity());
        putNumber(node, "novelty", m.novelty());
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        // NaN is not valid JSON; null says "not measured".
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    /**
     * A fixed-width table, one metric per line, model and baseline columns, four decimals; "-"
     * where a value does not apply, followed by a line naming the diversity measure and user count.
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-14s %10s %10s%n", "metric", "model", "baseline");
        sb.append(header);
        sb.append("-".repeat(header.strip().length())).append(System.lineSeparator());
        row(sb, "rmse", rating == null ? Double.NaN : rating.rmse(), Double.NaN);
        row(sb, "mae", rating == null ? Double.NaN : rating.mae(), Double.NaN);
        row(sb, "precision@" + k, model.precision(), baseline.precision());
        row(sb, "recall@" + k, model.recall(), baseline.recall());
        row(sb, "ndcg@" + k, model.ndcg(), baseline.ndcg());
        row(sb, "map@" + k, model.map(), baseline.map());
        row(sb, "hitrate@" + k, model.hitRate(), baseline.hitRate());
        row(sb, "coverage", model.coverage(), baseline.coverage());
        row(sb, "diversity", model.diversity(), baseline.diversity());
        row(sb, "novelty", model.novelty(), baseline.novelty());
        sb.append(String.format(Locale.ROOT, "users evaluated: %d; diversity: %s%n", model.usersEvaluated(),
                diversityMeasure));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double model, double baseline) {
        sb.append(String.format(Locale.ROOT, "%-14s %10s %10s%n", name, cell(model), cell(baseline)));
    }

    private static String cell(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
