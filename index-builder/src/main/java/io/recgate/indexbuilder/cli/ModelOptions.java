package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.als.AlsParams;
import io.recgate.indexbuilder.fm.FmParams;
import io.recgate.indexbuilder.fm.RankingFmParams;
import io.recgate.indexbuilder.pipeline.ModelKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which models to train with which parameters, and how to evaluate; shared by train and rebuild. */
final class ModelOptions {

    @Option(names = "--model", split = ",", defaultValue = "implicit-als,ranking-fm", paramLabel = "MODEL",
            description = "Models to train, comma-separated: als, implicit-als, fm (rating FM), ranking-fm (the reranker)"
                    + " (default ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--retrieval", paramLabel = "MODEL",
            description = "Factor model whose item vectors are retrieved by inner product (default: implicit-als if trained, else als).")
    String retrieval;

    @Option(names = "--rank", paramLabel = "N", description = "ALS rank (default: als 50, implicit-als 64).")
    Integer rank;

    @Option(names = "--iterations", paramLabel = "N", description = "ALS iterations (default 15).")
    Integer iterations;

    @Option(names = "--lambda", paramLabel = "X", description = "ALS regularisation (default: als 0.12, implicit-als 30).")
    Double lambda;

    @Option(names = "--alpha", paramLabel = "X", description = "implicit-als confidence scale (default 2).")
    Double alpha;

    @Option(names = "--fm-factors", paramLabel = "N", description = "FM factors per posterior sample (default 8).")
    Integer fmFactors;

    @Option(names = "--fm-iterations", paramLabel = "N", description = "FM MCMC sweeps (default 200).")
    Integer fmIterations;

    @Option(names = "--fm-samples", paramLabel = "N", description = "FM posterior samples kept in the served model (default 16).")
    Integer fmSamples;

    @Option(names = "--rank-fm-epochs", paramLabel = "N", description = "Ranking FM epochs over its triples (default 1).")
    Integer rankFmEpochs;

    @Option(names = "--rank-fm-folds", paramLabel = "N",
            description = "Ranking FM folds: each holds out 1/N of every user's items to make training lists (default 5).")
    Integer rankFmFolds;

    @Option(names = "--rank-fm-popular-negatives", paramLabel = "N",
            description = "Ranking FM negatives per positive drawn from the catalogue by popularity (default 0).")
    Integer rankFmPopularNegatives;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}); same seed and threads give the same models.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "-k", defaultValue = "10", description = "List length of the ranking metrics (default ${DEFAULT-VALUE}).")
    int k;

    List<ModelKind> modelKinds() {
        List<ModelKind> kinds = new ArrayList<>();
        for (String m : models) {
            ModelKind kind = ModelKind.parse(m);
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    ModelKind retrievalKind() {
        return retrieval == null ? null : ModelKind.parse(retrieval);
    }

    int threadCount() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    AlsParams als() {
        return tuned(AlsParams.defaults());
    }

    AlsParams implicitAls() {
        AlsParams p = tuned(AlsParams.implicitDefaults());
        return alpha != null ? p.withAlpha(alpha) : p;
    }

    private AlsParams tuned(AlsParams p) {
        p = p.withSeed(seed).withThreads(threadCount());
        if (rank != null) {
            p = p.withRank(rank);
        }
        if (iterations != null) {
            p = p.withIterations(iterations);
        }
        if (lambda != null) {
            p = p.withLambda(lambda);
        }
        return p;
    }

    /** Ranking FM defaults with the seed, and the epochs and folds when given. */
    RankingFmParams rankingFm() {
        RankingFmParams d = RankingFmParams.defaults().withSeed(seed);
        return new RankingFmParams(d.factors(), rankFmEpochs != null ? rankFmEpochs : d.epochs(), d.learningRate(),
                d.regularization(), d.batch(), rankFmFolds != null ? rankFmFolds : d.folds(), d.candidates(), d.window(),
                d.hardNegatives(), rankFmPopularNegatives != null ? rankFmPopularNegatives : d.popularNegatives(),
                d.listUsers(), d.features(), d.userTokens(), d.itemTokens(), d.history(), d.initStdev(), d.seed());
    }

    /** FM defaults, scaled when only the sweep count is changed: a quarter burn-in, at most 16 samples kept. */
    FmParams fm() {
        FmParams d = FmParams.defaults();
        int sweeps = fmIterations != null ? fmIterations : d.iterations();
        int burnIn = fmIterations != null ? Math.min(d.burnIn(), sweeps / 4) : d.burnIn();
        int kept = fmSamples != null ? fmSamples : Math.max(1, Math.min(d.keptSamples(), sweeps - burnIn));
        return new FmParams(fmFactors != null ? fmFactors : d.factors(), sweeps, burnIn, kept, d.initStdev(), seed,
                d.userTokens(), d.itemTokens(), d.implicit());
    }
}
