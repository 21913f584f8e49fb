package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleVersion;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.indexbuilder.hnsw.HnswBuildConfig;
import io.recgate.indexbuilder.pipeline.ModelKind;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import io.recgate.indexbuilder.publish.BundlePublisher;
import io.recgate.indexbuilder.publish.ModelSet;
import io.recgate.indexbuilder.publish.ModelSetPublisher;
import io.recgate.indexbuilder.publish.ScratchDirectory;
import io.recgate.indexbuilder.publish.ServedGate;
import java.nio.file.Path;

/**
 * After training, measure what would be served and publish the model set with the verdict: the
 * model set goes to a scratch root, its indexes are built, the served-quality gate judges the
 * reranker on the test set ({@link ServedGate}), and the model set is published with the decision
 * and the served metrics in its manifest (so {@code build} serves what the gate accepted). The
 * indexes are kept for {@code rebuild}'s bundle: they depend only on the factors, which are the same.
 */
final class ServedStep {

    private ServedStep() {
    }

    /**
     * What the step produced.
     *
     * @param modelSetDir the published model set, or null when not published
     * @param indexes     the indexes built for the evaluation, or null when nothing was evaluated
     * @param decision    the gate's decision, or null without a test set or retrieval model
     */
    record Outcome(Path modelSetDir, IndexBuilding.Indexes indexes, ServedGate.Decision decision) {

        BundlePublisher.Serving serving() {
            return decision != null ? decision.serving() : BundlePublisher.Serving.retrievalOrder();
        }
    }

    /**
     * @param modelRoot where to publish the model set, or null to publish nothing
     */
    static Outcome run(TrainingResult result, Path modelRoot, HnswBuildConfig indexConfig, ServingOptions serving,
                       int k, int threads) {
        boolean hasRankingFm = result.model(ModelKind.RANKING_FM) != null;
        if (result.test() == null || result.retrieval() == null) {
            if (hasRankingFm) {
                System.err.println("served pipeline not evaluated (" + (result.test() == null ? "no test set"
                        : "no retrieval model") + "): the ranking FM is kept in the model set but bundles serve"
                        + " retrieval order");
            }
            Path dir = modelRoot == null ? null : ModelSetPublisher.publish(modelRoot, result,
                    BundlePublisher.Serving.retrievalOrder(), BundleWriter.DEFAULT_RETAIN).dir();
            return new Outcome(dir, null, null);
        }
        try (ScratchDirectory scratch = ScratchDirectory.create("recgate-modelset-")) {
            BundleVersion trial = ModelSetPublisher.publish(scratch.path(), result,
                    BundlePublisher.Serving.retrievalOrder(), 1);
            ModelSet set = ModelSet.open(trial.dir());
            IndexBuilding.Indexes indexes = IndexBuilding.build(new BundlePublisher.FromModelSet(set), indexConfig);
            ServedGate.Decision decision;
            try (Progress progress = Progress.start("evaluate served pipeline", 1, "runs")) {
                decision = ServedGate.decide(set, result.test(), indexes.retrieval(), indexes.similar(),
                        serving.gate(hasRankingFm, k, threads));
                progress.update(1);
            }
            System.err.println(decision.summary());
            Path dir = modelRoot == null ? null
                    : ModelSetPublisher.publish(modelRoot, result, decision.serving(), BundleWriter.DEFAULT_RETAIN).dir();
            return new Outcome(dir, indexes, decision);
        }
    }
}
