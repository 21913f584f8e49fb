package io.recgate.indexbuilder.pipeline;

import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.indexbuilder.fm.RankingFmParams;
import io.recgate.indexbuilder.fm.RankingFmTrainer;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.als.AlsParams;
import io.recgate.indexbuilder.als.ExplicitAls;
import io.recgate.indexbuilder.als.ImplicitAls;
import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.fm.FmParams;
import io.recgate.indexbuilder.fm.FmTrainer;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.io.ReadResult;
import io.recgate.indexbuilder.split.Split;
import io.recgate.indexbuilder.split.Splits;
import io.recgate.indexbuilder.split.UnknownTestRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Import → split → train → evaluate, the part of {@code train} and {@code rebuild} before anything
 * is written. Every model is evaluated on the same split beside the popularity baseline.
 */
public final class TrainingPipeline {

    private TrainingPipeline() {
    }

    /**
     * Runs the pipeline.
     *
     * @throws io.recgate.indexbuilder.io.DataFormatException on malformed input data
     * @throws IllegalArgumentException on inconsistent options or data (unknown format, empty split)
     */
    public static TrainingResult run(TrainingOptions options, Reporter reporter) {
        Dataset all = read(options, reporter);
        Split split = split(all, options, reporter);
        Interactions trainRows = split == null ? all.interactions() : split.train();
        Interactions test = split == null ? null : split.test();
        Dataset train = new Dataset(trainRows, all.explicit(), all.catalog(), all.userFeatures(), all.itemFeatures());
        List<TrainedModel> models = new ArrayList<>();
        for (ModelKind kind : options.models()) {
            models.add(train(kind, train, test, options, reporter));
        }
        return new TrainingResult(train, test, models, options.retrievalModel());
    }

    private static Dataset read(TrainingOptions options, Reporter reporter) {
        // The reader knows the total size only once it has listed its files: start the step then.
        Reporter.Step[] step = new Reporter.Step[1];
        ReadResult result;
        try {
            result = DatasetReaders.read(options.format(), options.read(), (done, total) -> {
                if (step[0] == null) {
                    step[0] = reporter.step("read " + options.read().path().getFileName(), total, "bytes");
                }
                step[0].update(done);
            });
        } finally {
            if (step[0] != null) {
                step[0].close();
            }
        }
        Interactions x = result.dataset().interactions();
        reporter.line(String.format(Locale.ROOT, "read %,d interactions (%s) of %,d users on %,d items%s%s",
                x.size(), result.dataset().explicit() ? "ratings" : "implicit weights", x.users().size(),
                x.items().size(),
                result.skippedRows() > 0 ? String.format(Locale.ROOT, "; skipped %,d bad rows (first: %s)",
                        result.skippedRows(), result.firstSkipped()) : "",
                result.duplicatesMerged() > 0 ? String.format(Locale.ROOT, "; merged %,d duplicate pairs",
                        result.duplicatesMerged()) : ""));
        return result.dataset();
    }

    /**
     * Reads the given test set ({@code read.testSplit()} or {@code read.testFile()}) and maps it
     * onto the training ids: train and evaluate score a given test set the same way.
     *
     * @throws IllegalArgumentException naming the test set when {@code policy} is
     *                                  {@link UnknownTestRows#FAIL} and rows name ids unknown to the
     *                                  data set, or when no row is left
     */
    public static Split givenTestSet(String format, ReadOptions read, Interactions train, UnknownTestRows policy) {
        String source = givenTestSetName(read);
        if (source == null) {
            throw new IllegalArgumentException("no test set given: --test-split NAME or --test-file FILE");
        }
        Interactions test = DatasetReaders.readTest(format, read, null).dataset().interactions();
        try {
            return Splits.withTestSet(train, test, policy);
        } catch (IllegalArgumentException e) {
            String hint = policy == UnknownTestRows.FAIL ? " (--drop-unknown-test-rows)" : "";
            throw new IllegalArgumentException(source + ": " + e.getMessage() + hint, e);
        }
    }

    private static String givenTestSetName(ReadOptions read) {
        return read.testSplit() != null ? "test split " + read.testSplit()
                : read.testFile() != null ? "test file " + read.testFile() : null;
    }

    private static Split split(Dataset all, TrainingOptions options, Reporter reporter) {
        Split split;
        String how;
        if (options.hasGivenTestSet()) {
            split = givenTestSet(options.format(), options.read(), all.interactions(), options.unknownTest());
            how = givenTestSetName(options.read());
        } else {
            SplitSpec spec = options.split();
            Interactions x = all.interactions();
            split = switch (spec.kind()) {
                case NONE -> null;
                case RANDOM -> Splits.random(x, spec.fraction(), options.als().seed());
                case TIME -> Splits.byTime(x, spec.fraction());
                case LAST -> Splits.leaveLastN(x, spec.lastN());
            };
            // A split we make can leave a test row whose user or item has no training row (an item's
            // only row being some user's latest, for last:N). No model can score it and the input is
            // not at fault, so it is dropped and counted rather than failing the run.
            if (split != null) {
                split = Splits.requireKnown(split, UnknownTestRows.DROP);
            }
            how = "split " + spec;
        }
        if (split == null) {
            reporter.line("no test set: training on everything, no evaluation");
            return null;
        }
        String dropped = split.droppedTestRows() == 0 ? ""
                : options.hasGivenTestSet()
                ? String.format(Locale.ROOT, " (%,d test rows with ids unknown to the data set dropped)",
                        split.droppedTestRows())
                : String.format(Locale.ROOT, " (%,d test rows dropped: their user or item has no training row,"
                        + " so they cannot be scored)", split.droppedTestRows());
        reporter.line(String.format(Locale.ROOT, "%s: %,d train / %,d test interactions%s", how, split.train().size(),
                split.test().size(), dropped));
        return split;
    }

    private static TrainedModel train(ModelKind kind, Dataset train, Interactions test, TrainingOptions options,
                                      Reporter reporter) {
        long start = System.nanoTime();
        FactorModel factors = null;
        FmModel fm = null;
        RankingFmModel rankingFm = null;
        Map<String, Object> params;
        switch (kind) {
            case ALS -> {
                AlsParams p = options.als();
                params = alsParams(p);
                try (Reporter.Step step = reporter.step("train als", p.iterations(), "iterations")) {
                    factors = ExplicitAls.train(train.interactions(), p, (it, n, elapsed, loss) -> step.update(it));
                }
            }
            case IMPLICIT_ALS -> {
                AlsParams p = options.implicitAls();
                params = alsParams(p);
                params.put("alpha", p.alpha());
                params.put("confidence", p.confidence().name().toLowerCase(Locale.ROOT));
                params.put("weights", train.explicit() ? "binary" : "values");
                Interactions rows = train.explicit() ? binarized(train.interactions()) : train.interactions();
                try (Reporter.Step step = reporter.step("train implicit-als", p.iterations(), "iterations")) {
                    factors = ImplicitAls.train(rows, p, (it, n, elapsed, loss) -> step.update(it));
                }
            }
            case FM -> {
                FmParams p = options.fm();
                params = fmParams(p);
                try (Reporter.Step step = reporter.step("train fm", p.iterations(), "sweeps")) {
                    fm = FmTrainer.train(train, p, (it, n, rmse, kept) -> step.update(it));
                }
            }
            case RANKING_FM -> {
                RankingFmParams p = options.rankingFm();
                params = rankingFmParams(p);
                try (Reporter.Step step = reporter.step("train ranking-fm", p.folds() + p.epochs(), "steps")) {
                    rankingFm = RankingFmTrainer.train(train, options.implicitAls(), p,
                            (stage, done, total) -> step.update(stage.equals("epochs") ? p.folds() + done : done));
                }
            }
            default -> throw new IllegalStateException("unhandled model " + kind);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        reporter.line(String.format(Locale.ROOT, "trained %s in %.3f s (training step only)", kind, seconds));
        // The ranking FM reorders retrieval candidates; it has no ranking of its own to evaluate: the
        // served pipeline's evaluation judges it.
        EvaluationReport evaluation = test == null || kind == ModelKind.RANKING_FM ? null
                : ModelEvaluator.evaluate(kind, factors, fm, train, test, options.k(), options.threads());
        return new TrainedModel(kind, factors, fm, rankingFm, params, seconds, evaluation);
    }

    private static Map<String, Object> alsParams(AlsParams p) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rank", p.rank());
        params.put("iterations", p.iterations());
        params.put("lambda", p.lambda());
        params.put("threads", p.threads());
        params.put("seed", p.seed());
        return params;
    }

    private static Map<String, Object> fmParams(FmParams p) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("factors", p.factors());
        params.put("iterations", p.iterations());
        params.put("burn_in", p.burnIn());
        params.put("kept_samples", p.keptSamples());
        params.put("exported_factors", p.exportedFactors());
        params.put("seed", p.seed());
        params.put("user_tokens", p.userTokens());
        params.put("item_tokens", p.itemTokens());
        params.put("implicit", p.implicit());
        return params;
    }

    private static Map<String, Object> rankingFmParams(RankingFmParams p) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("factors", p.factors());
        params.put("epochs", p.epochs());
        params.put("learning_rate", p.learningRate());
        params.put("regularization", p.regularization());
        params.put("folds", p.folds());
        params.put("candidates", p.candidates());
        params.put("window", p.window());
        params.put("hard_negatives", p.hardNegatives());
        params.put("popular_negatives", p.popularNegatives());
        params.put("list_users", p.listUsers());
        params.put("features", String.join(",", p.features().stream().map(f -> f.fileName()).toList()));
        params.put("user_tokens", p.userTokens());
        params.put("item_tokens", p.itemTokens());
        params.put("history", p.history());
        params.put("seed", p.seed());
        return params;
    }

    /** Every rating becomes an interaction of weight 1: for implicit models on explicit data. */
    private static Interactions binarized(Interactions x) {
        float[] ones = new float[x.size()];
        java.util.Arrays.fill(ones, 1f);
        return new Interactions(x.users(), x.items(), x.userColumn(), x.itemColumn(), ones, x.timestampColumn());
    }
}
