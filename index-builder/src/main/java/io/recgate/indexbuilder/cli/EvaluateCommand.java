package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.pipeline.ModelEvaluator;
import io.recgate.indexbuilder.pipeline.ModelKind;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import io.recgate.indexbuilder.publish.ModelSet;
import io.recgate.indexbuilder.split.Splits;
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
        description = {"Evaluate a model set (or bundle) on a test set: RMSE and MAE for rating models; Precision, Recall,",
                "NDCG, MAP and HitRate@K, coverage, diversity and novelty for every model, beside a popularity baseline.",
                "Example: recgate evaluate --models models --format movielens-100k --data ml-100k --test-split u1 --json"})
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

    @Override
    public Integer call() {
        if (data.testSplit == null && data.testFile == null) {
            throw new IllegalArgumentException("give the test set: --test-split NAME or --test-file FILE");
        }
        ModelSet set = ModelSet.open(models);
        ReadOptions read = data.readOptions();
        Interactions rawTest = DatasetReaders.readTest(data.format, read, null).dataset().interactions();
        Interactions test = Splits.withTestSet(set.train().interactions(), rawTest, data.unknownTestRows()).test();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<TrainedModel> evaluated = new ArrayList<>();
        if (set.fm() != null) {
            evaluated.add(evaluate(ModelKind.FM, set, test, workers));
        }
        if (set.factors() != null && set.retrieval() != null) {
            evaluated.add(evaluate(set.retrieval(), set, test, workers));
        }
        if (evaluated.isEmpty()) {
            throw new IllegalArgumentException(models + " holds no model to evaluate");
        }
        TrainingResult result = new TrainingResult(set.train(), test, evaluated, set.retrieval());
        PrintWriter w = spec.commandLine().getOut();
        w.println(json ? TrainReport.json(result) : TrainReport.table(result));
        w.flush();
        return ExitCodes.OK;
    }

    private TrainedModel evaluate(ModelKind kind, ModelSet set, Interactions test, int workers) {
        boolean fm = kind == ModelKind.FM;
        EvaluationReport report = ModelEvaluator.evaluate(kind, fm ? null : set.factors(), fm ? set.fm() : null,
                set.train(), test, k, workers);
        return new TrainedModel(kind, fm ? null : set.factors(), fm ? set.fm() : null, Map.of(), 0, report);
    }
}
