package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.model.FactorModel;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import io.recgate.indexbuilder.eval.EvalOptions;
import io.recgate.indexbuilder.eval.ItemDissimilarity;
import io.recgate.indexbuilder.eval.ServedEvaluation;
import io.recgate.indexbuilder.hnsw.HnswBuildConfig;
import io.recgate.indexbuilder.publish.BundlePublisher;
import io.recgate.indexbuilder.publish.ServedGate;
import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.pipeline.ModelEvaluator;
import io.recgate.indexbuilder.pipeline.ModelKind;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingPipeline;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import io.recgate.indexbuilder.publish.ModelSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recgate evaluate}: the models of a published model set (or bundle) against a test set,
 * beside the popularity baseline of the model set's training data.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model set or bundle on a given test set.",
                "Reports RMSE and MAE for rating models; Precision, Recall, NDCG, MAP and HitRate@K, coverage, "
                        + "diversity and novelty for every model, beside a popularity baseline; and the served pipeline "
                        + "(retrieve, rerank, top k) beside retrieval alone, with a sweep over candidates. The test set is "
                        + "a --test-split or a --test-file; to score a hold-out split of the data, train (or rebuild) with "
                        + "that split.",
                "Example: recgate evaluate --models models --format movielens-100k --data ml-100k --test-split "
                        + "u1 --json"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", defaultValue = "models", paramLabel = "DIR",
            description = "Model-set (or bundle) root or version directory (default ${DEFAULT-VALUE}).")
    Path models;

    @Mixin
    DataOptions data;

    @Option(names = "-k", defaultValue = "10", description = "List length (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Mixin
    ServingOptions serving;

    @Override
    public Integer call() {
        if (!data.hasGivenTestSet()) {
            throw new IllegalArgumentException("give the test set: --test-split NAME or --test-file FILE");
        }
        ModelSet set = ModelSet.open(models);
        ReadOptions read = data.readOptions(null);
        Interactions test = TrainingPipeline.givenTestSet(data.format, read, set.train().interactions(),
                data.unknownTestRows()).test();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<TrainedModel> evaluated = new ArrayList<>();
        if (set.fm() != null) {
            evaluated.add(evaluate(ModelKind.FM, set, test, workers));
        }
        if (set.factors() != null && set.retrieval() != null) {
            evaluated.add(evaluate(set.retrieval(), set, test, workers));
        }
        for (ModelKind kind : ModelKind.values()) {
            if (kind.isFactorModel() && kind != set.retrieval() && set.factors(kind) != null) {
                evaluated.add(evaluate(kind, set, test, workers));
            }
        }
        if (evaluated.isEmpty()) {
            throw new IllegalArgumentException(models + " holds no model to evaluate");
        }
        TrainingResult result = new TrainingResult(set.train(), test, evaluated, set.retrieval());
        ServedGate.Decision served = set.factors() == null ? null : served(set, test, workers);
        PrintWriter w = spec.commandLine().getOut();
        w.println(json ? TrainReport.json(result, served) : TrainReport.table(result, served));
        w.flush();
        return ExitCodes.OK;
    }

    /**
     * The served pipeline: a bundle is served as it is (its own reranker unless --reranker names
     * one); a model set gets indexes and the served-quality gate, as train would.
     */
    private ServedGate.Decision served(ModelSet set, Interactions test, int workers) {
        if (set.bundle().hasFile(BundleFiles.HNSW_INDEX)) {
            ServableBundle bundle = ServableBundle.load(set.bundle());
            RerankerKind kind = serving.reranker.equalsIgnoreCase("auto") ? bundle.reranker()
                    : RerankerKind.parse(serving.reranker);
            EvalOptions eval = EvalOptions.defaults().withK(k).withThreads(workers).withDissimilarity(
                    ItemDissimilarity.cosine(set.factors().itemFactors(), set.factors().dims()));
            ServedEvaluation.Result r = ServedEvaluation.evaluate(bundle, set.train().interactions(), test, kind,
                    serving.candidates, eval);
            return new ServedGate.Decision(r, kind, null);
        }
        HnswBuildConfig index = HnswBuildConfig.defaults().withThreads(workers);
        IndexBuilding.Indexes indexes = IndexBuilding.build(new BundlePublisher.FromModelSet(set), index);
        ServedGate.Decision decision = ServedGate.decide(set, test, indexes.retrieval(), indexes.similar(),
                serving.gate(set.rankingFm() != null, k, workers));
        System.err.println(decision.summary());
        return decision;
    }

    private TrainedModel evaluate(ModelKind kind, ModelSet set, Interactions test, int workers) {
        boolean fm = kind == ModelKind.FM;
        FactorModel factors = fm ? null : set.factors(kind);
        EvaluationReport report = ModelEvaluator.evaluate(kind, factors, fm ? set.fm() : null, set.train(), test, k,
                workers);
        return new TrainedModel(kind, factors, fm ? set.fm() : null, null, Map.of(), 0, report);
    }
}
