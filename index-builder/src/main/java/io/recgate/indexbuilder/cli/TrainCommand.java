package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.hnsw.HnswBuildConfig;
import io.recgate.indexbuilder.pipeline.TrainingOptions;
import io.recgate.indexbuilder.pipeline.TrainingPipeline;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code recgate train}: read, split, train, evaluate, and publish a model set for {@code build}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train models on interactions, evaluate them, and publish a model set for build.",
                "Reads interactions and side features, holds out a test set, trains models (als, implicit-als, "
                        + "fm, ranking-fm), evaluates them beside a popularity baseline, evaluates the served pipeline "
                        + "(retrieve, rerank, top k) through a trial bundle, and publishes a model set (the bundle format, "
                        + "without indexes) into --out.",
                "Example: recgate train --format movielens-100k --data ../shared/data/movielens/ml-100k "
                        + "--test-split u1 --model fm --json"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingDataOptions training;

    @Mixin
    ModelOptions model;

    @Mixin
    ServingOptions serving;

    @Option(names = "--out", defaultValue = "models", paramLabel = "DIR",
            description = "Model-set root: versions v000001, ... and a 'current' pointer (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-publish", description = "Train and evaluate only; write nothing.")
    boolean noPublish;

    @Option(names = "--json", description = "Print the evaluation as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        TrainingOptions options = trainingOptions(data, training, model);
        serving.check(options.models(), options.k());
        TrainingResult result = TrainingPipeline.run(options, new CliReporter());
        PrintWriter w = spec.commandLine().getOut();
        HnswBuildConfig index = HnswBuildConfig.defaults().withThreads(model.threadCount());
        ServedStep.Outcome served = ServedStep.run(result, noPublish ? null : out, index, serving, model.k,
                model.threadCount());
        if (served.modelSetDir() != null) {
            System.err.println("published model set " + served.modelSetDir().getFileName() + " in "
                    + served.modelSetDir());
        }
        w.println(json ? TrainReport.json(result, served.decision()) : TrainReport.table(result, served.decision()));
        w.flush();
        return ExitCodes.OK;
    }

    static TrainingOptions trainingOptions(DataOptions data, TrainingDataOptions training, ModelOptions model) {
        return new TrainingOptions(data.format, data.readOptions(training), training.splitSpec(), data.unknownTestRows(),
                model.modelKinds(), model.retrievalKind(), model.als(), model.implicitAls(), model.fm(), model.rankingFm(),
                model.k,
                model.threadCount());
    }
}
