package io.recgate.indexbuilder.publish;

import io.recgate.core.serving.BundleParams;
import io.recgate.indexbuilder.pipeline.ModelKind;
import io.recgate.core.bundle.BundleMetadata;
import io.recgate.core.bundle.BundleVersion;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes what {@code train} produced as a model set: a directory in the bundle format (same
 * manifest, checksums and atomic publish), without the ANN indexes that {@code build} adds.
 * Parameters and offline metrics of every model go into the manifest under {@code <model>.<name>}.
 */
public final class ModelSetPublisher {

    private ModelSetPublisher() {
    }

    /**
     * Writes a new version into {@code root} and makes it current.
     *
     * @param serving how a bundle built from this model set serves (the served-quality gate's
     *                decision and metrics), recorded in the manifest for {@code build}
     */
    public static BundleVersion publish(Path root, TrainingResult result, BundlePublisher.Serving serving, int retain) {
        try (BundleWriter writer = BundleWriter.open(root, retain, java.time.Clock.systemUTC())) {
            ModelFiles.writeData(writer, result.train());
            TrainedModel retrieval = result.retrieval() == null ? null : result.model(result.retrieval());
            if (retrieval != null) {
                ModelFiles.writeFactors(writer, retrieval.factors());
            }
            for (TrainedModel m : result.models()) {
                if (m.factors() != null && m != retrieval) {
                    ModelFiles.writeOtherFactors(writer, m.kind().cliName(), m.factors());
                }
            }
            TrainedModel fm = result.model(ModelKind.FM);
            if (fm != null) {
                ModelFiles.writeFm(writer, fm.fm());
            }
            TrainedModel ranking = result.model(ModelKind.RANKING_FM);
            if (ranking != null) {
                ModelFiles.writeRankingFm(writer, ranking.rankingFm());
            }
            int dims = retrieval != null ? retrieval.factors().dims()
                    : fm != null ? fm.fm().k() : ranking.rankingFm().k();
            Map<String, Object> params = params(result);
            serving.putInto(params);
            Map<String, Double> metrics = metrics(result);
            metrics.putAll(serving.metrics());
            return writer.publish(new BundleMetadata(dims, BundleMetadata.METRIC_INNER_PRODUCT,
                    result.train().interactions().users().size(), result.train().interactions().items().size(),
                    params, metrics));
        }
    }

    static Map<String, Object> params(TrainingResult result) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(BundleParams.RETRIEVAL_MODEL.name(), result.retrieval() == null ? "none"
                : result.retrieval().cliName());
        params.put(BundleParams.DATA_EXPLICIT.name(), result.train().explicit());
        params.put("data.train_interactions", result.train().interactions().size());
        for (TrainedModel m : result.models()) {
            m.params().forEach((k, v) -> params.put(m.kind().cliName() + "." + k, v));
        }
        return params;
    }

    static Map<String, Double> metrics(TrainingResult result) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (TrainedModel m : result.models()) {
            String prefix = m.kind().cliName() + ".";
            metrics.put(prefix + "train_seconds", m.trainSeconds());
            EvaluationReport e = m.evaluation();
            if (e == null) {
                continue;
            }
            if (e.rating() != null) {
                putFinite(metrics, prefix + "rmse", e.rating().rmse());
                putFinite(metrics, prefix + "mae", e.rating().mae());
            }
            e.model().putInto(metrics, prefix, e.k());
            e.baseline().putInto(metrics, "baseline.", e.k());
        }
        return metrics;
    }

    private static void putFinite(Map<String, Double> metrics, String key, double value) {
        if (Double.isFinite(value)) {
            metrics.put(key, value);
        }
    }
}
