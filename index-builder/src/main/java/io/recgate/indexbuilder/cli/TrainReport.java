package io.recgate.indexbuilder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The report {@code train} and {@code evaluate} print: a table per model, or with {@code --json}
 * one JSON object whose top-level keys are the first model's metrics ({@code rmse}, {@code mae},
 * {@code precision@10}, ..., {@code baseline}), plus {@code model}, {@code train_seconds} and
 * {@code models} (every model's report by name).
 */
final class TrainReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainReport() {
    }

    static String json(TrainingResult result) {
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
            TrainedModel first = result.models().get(0);
            root.put("model", first.kind().cliName());
            root.setAll((ObjectNode) models.get(first.kind().cliName()).deepCopy());
            root.set("models", models);
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(TrainingResult result) {
        StringBuilder sb = new StringBuilder();
        for (TrainedModel m : result.models()) {
            sb.append(m.trainSeconds() > 0
                    ? String.format(Locale.ROOT, "%n== %s (trained in %.3f s)%n", m.kind(), m.trainSeconds())
                    : String.format(Locale.ROOT, "%n== %s%n", m.kind()));
            sb.append(m.evaluation() == null ? "not evaluated (no test set)\n" : m.evaluation().toTable());
        }
        return sb.toString();
    }
}
