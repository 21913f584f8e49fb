package io.recgate.indexbuilder.cli;

import io.recgate.core.serving.RerankerKind;
import io.recgate.indexbuilder.publish.ServedGate;
import io.recgate.indexbuilder.pipeline.ModelKind;
import java.util.List;
import picocli.CommandLine.Option;

/** How the served pipeline is evaluated and gated; shared by train, evaluate and rebuild. */
final class ServingOptions {

    @Option(names = "--reranker", defaultValue = "auto", paramLabel = "KIND",
            description = "Reranker judged for the served list: auto (ranking-fm when trained, else none), ranking-fm, "
                    + "fm (orders by predicted rating) or none (default ${DEFAULT-VALUE}).")
    String reranker;

    @Option(names = "--candidates", defaultValue = "" + RerankerKind.DEFAULT_CANDIDATES, paramLabel = "C",
            description = "Candidates retrieved before reranking, as the gateway serves by default (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--served-tolerance", defaultValue = "" + ServedGate.DEFAULT_TOLERANCE, paramLabel = "X",
            description = "Gate: a reranker whose served NDCG@K is below (1 - X) x retrieval alone's is not published"
                    + " (default ${DEFAULT-VALUE}).")
    double tolerance;

    /** The reranker to judge, given which models the model set has. */
    RerankerKind candidate(boolean hasRankingFm) {
        if (reranker.equalsIgnoreCase("auto")) {
            return hasRankingFm ? RerankerKind.RANKING_FM : RerankerKind.NONE;
        }
        return RerankerKind.parse(reranker);
    }

    /**
     * Checks the options against the models that will be trained, before any work is done.
     *
     * @throws IllegalArgumentException naming the problem
     */
    void check(List<ModelKind> models, int k) {
        RerankerKind candidate = candidate(models.contains(ModelKind.RANKING_FM));
        ModelKind needed = switch (candidate) {
            case NONE -> null;
            case RANKING_FM -> ModelKind.RANKING_FM;
            case RATING_FM -> ModelKind.FM;
        };
        if (needed != null && !models.contains(needed)) {
            throw new IllegalArgumentException("--reranker " + candidate + " needs " + needed + " in --model");
        }
        gate(models.contains(ModelKind.RANKING_FM), k, 1);
    }

    ServedGate.Options gate(boolean hasRankingFm, int k, int threads) {
        return new ServedGate.Options(candidate(hasRankingFm), candidates, tolerance, k, threads);
    }
}
