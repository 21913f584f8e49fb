package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.eval.RankingMetrics;
import io.recgate.indexbuilder.eval.ServedEvaluation;
import io.recgate.indexbuilder.pipeline.ModelKind;
import io.recgate.indexbuilder.publish.ServedGate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The report {@code train} and {@code evaluate} print: a table per model, or with {@code --json}
 * one JSON object. Its stable structure is {@code models} (every model's report by name) and
 * {@code served}; for scripts written against the first version, the top level also copies one
 * model's report ({@code rmse}, {@code mae}, {@code precision@10}, ..., {@code baseline},
 * {@code train_seconds}) and {@code model} names which: the first model in the result's order
 * that was evaluated (the ranking FM never is: the served list judges it), else the first model.
 */
final class TrainReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainReport() {
    }

    static String json(TrainingResult result) {
        return json(result, null);
    }

    static String table(TrainingResult result) {
        return table(result, null);
    }

    /** With the served pipeline's evaluation under {@code served} (omitted when null). */
    static String json(TrainingResult result, ServedGate.Decision served) {
        try {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode models = JSON.createObjectNode();
            for (TrainedModel m : result.models()) {
                ObjectNode node = m.evaluation() == null ? JSON.createObjectNode()
                        : (ObjectNode) JSON.readTree(m.evaluation().toJson());
                if (m.trainSeconds() > 0) {
                    node.put("train_seconds", m.trainSeconds());
                }
                models.set(m.kind().cliName(), node);
            }
            TrainedModel first = result.models().stream().filter(m -> m.evaluation() != null).findFirst()
                    .orElse(result.models().get(0));
            root.put("model", first.kind().cliName());
            root.setAll((ObjectNode) models.get(first.kind().cliName()).deepCopy());
            root.set("models", models);
            if (served != null) {
                root.set("served", servedJson(served));
            }
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(TrainingResult result, ServedGate.Decision served) {
        StringBuilder sb = new StringBuilder();
        for (TrainedModel m : result.models()) {
            sb.append(m.trainSeconds() > 0
                    ? String.format(Locale.ROOT, "%n== %s (trained in %.3f s)%n", m.kind(), m.trainSeconds())
                    : String.format(Locale.ROOT, "%n== %s%n", m.kind()));
            sb.append(m.evaluation() == null ? notEvaluated(m) : m.evaluation().toTable());
        }
        if (served != null) {
            sb.append(servedTable(served));
        }
        return sb.toString();
    }

    private static String notEvaluated(TrainedModel m) {
        return m.kind() == ModelKind.RANKING_FM ? "a reranker: judged by the served list below\n"
                : "not evaluated (no test set)\n";
    }

    /** The served list beside retrieval alone and popularity, then NDCG and recall per candidate count. */
    static String servedTable(ServedGate.Decision d) {
        ServedEvaluation.Result e = d.evaluation();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n== served pipeline (retrieve %d candidates, rerank: %s%s)%n",
                e.candidates(), d.reranker(), d.refused() != null ? "; " + d.refused() + " refused by the gate" : ""));
        String header = String.format(Locale.ROOT, "%-14s %10s %10s %10s %10s%n", "metric", "served", "candidate",
                "retrieval", "popularity");
        sb.append(header).append("-".repeat(header.strip().length())).append(System.lineSeparator());
        int k = e.k();
        row(sb, "precision@" + k, d.served().precision(), e.served().precision(), e.retrieval().precision(),
                e.popularity().precision());
        row(sb, "recall@" + k, d.served().recall(), e.served().recall(), e.retrieval().recall(), e.popularity().recall());
        row(sb, "ndcg@" + k, d.served().ndcg(), e.served().ndcg(), e.retrieval().ndcg(), e.popularity().ndcg());
        row(sb, "map@" + k, d.served().map(), e.served().map(), e.retrieval().map(), e.popularity().map());
        row(sb, "hitrate@" + k, d.served().hitRate(), e.served().hitRate(), e.retrieval().hitRate(),
                e.popularity().hitRate());
        row(sb, "coverage", d.served().coverage(), e.served().coverage(), e.retrieval().coverage(),
                e.popularity().coverage());
        row(sb, "diversity", d.served().diversity(), e.served().diversity(), e.retrieval().diversity(),
                e.popularity().diversity());
        row(sb, "novelty", d.served().novelty(), e.served().novelty(), e.retrieval().novelty(), e.popularity().novelty());
        sb.append(String.format(Locale.ROOT, "candidate = %s; users evaluated: %d%n", e.reranker(),
                e.served().usersEvaluated()));
        sb.append(String.format(Locale.ROOT, "%-12s %10s %10s%n", "candidates", "ndcg@" + k, "recall@" + k));
        for (ServedEvaluation.SweepPoint p : e.sweep()) {
            sb.append(String.format(Locale.ROOT, "%-12d %10.4f %10.4f%n", p.candidates(), p.served().ndcg(),
                    p.served().recall()));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double... values) {
        sb.append(String.format(Locale.ROOT, "%-14s", name));
        for (double v : values) {
            sb.append(String.format(Locale.ROOT, " %10s", Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v)));
        }
        sb.append(System.lineSeparator());
    }

    /** {@code {"k","candidates","reranker","candidate","refused","served":{..},"retrieval":{..},"popularity":{..},"sweep":[..]}}. */
    static ObjectNode servedJson(ServedGate.Decision d) {
        ServedEvaluation.Result e = d.evaluation();
        ObjectNode node = JSON.createObjectNode();
        node.put("k", e.k());
        node.put("candidates", e.candidates());
        node.put("reranker", d.reranker().cliName());
        node.put("candidate", e.reranker().cliName());
        if (d.refused() != null) {
            node.put("refused", d.refused().cliName());
        } else {
            node.putNull("refused");
        }
        node.set("served", metricsJson(d.served(), e.k()));
        node.set("candidate_served", metricsJson(e.served(), e.k()));
        node.set("retrieval", metricsJson(e.retrieval(), e.k()));
        node.set("popularity", metricsJson(e.popularity(), e.k()));
        var sweep = node.putArray("sweep");
        for (ServedEvaluation.SweepPoint p : e.sweep()) {
            ObjectNode point = metricsJson(p.served(), e.k());
            point.put("candidates", p.candidates());
            sweep.add(point);
        }
        return node;
    }

    private static ObjectNode metricsJson(RankingMetrics m, int k) {
        ObjectNode node = JSON.createObjectNode();
        number(node, "precision@" + k, m.precision());
        number(node, "recall@" + k, m.recall());
        number(node, "ndcg@" + k, m.ndcg());
        number(node, "map@" + k, m.map());
        number(node, "hitrate@" + k, m.hitRate());
        number(node, "coverage", m.coverage());
        number(node, "diversity", m.diversity());
        number(node, "novelty", m.novelty());
        node.put("users_evaluated", m.usersEvaluated());
        return node;
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
