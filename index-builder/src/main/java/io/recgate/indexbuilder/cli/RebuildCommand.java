package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleVersion;
import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingOptions;
import io.recgate.indexbuilder.pipeline.TrainingPipeline;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import io.recgate.indexbuilder.publish.BundlePublisher;
import io.recgate.indexbuilder.publish.ModelSet;
import io.recgate.indexbuilder.publish.ServedGate;
import io.recgate.indexbuilder.eval.ServedEvaluation;
import io.recgate.indexbuilder.pipeline.ModelKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recgate rebuild}: import → train → quality gates → model set → indexes → bundle, in one
 * command for scheduled jobs. Options come from flags, or from {@code --config FILE} (lines
 * {@code key = value} naming the same long options without dashes; flags on the command line win).
 * Exit 0 published, 2 bad input, 3 a quality gate failed (nothing published).
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import, train, gate, build and publish in one command (for scheduled rebuild jobs).",
                "--config FILE holds 'key = value' lines with the long options below without their dashes, e.g.",
                "  format = csv",
                "  data = /data/interactions.csv",
                "  rating-column = rating",
                "  model = implicit-als,ranking-fm",
                "  bundles = /bundles",
                "  min-ndcg-ratio = 1.2",
                "With a test set (a split or a test file) the served pipeline is evaluated through a trial "
                        + "bundle and gated: a reranker whose served NDCG@K is below retrieval alone's "
                        + "(--served-tolerance) is not used, and a served list below --min-ndcg-ratio x popularity is not "
                        + "published.",
                "Exit codes: 0 published; 2 bad input; 3 quality gate failed (nothing published); 4 published in "
                        + "retrieval order because the served-quality gate refused the reranker."})
final class RebuildCommand implements Callable<Integer> {

    /**
     * The served list must beat popularity by this much unless told otherwise: a bundle that does no
     * better than "most popular" personalises nothing.
     */
    static final double DEFAULT_MIN_NDCG_RATIO = 1.1;

    @Spec
    CommandSpec spec;

    /** Declared for --help; {@link #expandConfig} replaces it with the file's options before parsing. */
    @Option(names = "--config", paramLabel = "FILE", description = "Options file (key = value lines); command-line flags override it.")
    Path config;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingDataOptions training;

    @Mixin
    ModelOptions model;

    @Mixin
    IndexOptions index;

    @Mixin
    ServingOptions serving;

    @Option(names = "--bundles", paramLabel = "DIR", description = "Bundles root the gateways follow (default bundles).")
    Path bundles;

    @Option(names = "--models", paramLabel = "DIR", description = "Model-set root (default: 'models' beside --bundles).")
    Path models;

    @Option(names = "--min-ndcg-ratio", paramLabel = "X",
            description = "Gate: the served list's NDCG@K must be at least X times the popularity baseline's (default "
                    + DEFAULT_MIN_NDCG_RATIO + " with a test set; nothing is checked without one unless given).")
    Double minNdcgRatio;

    @Option(names = "--max-rmse", paramLabel = "X", description = "Gate: every rating model's RMSE must be at most X.")
    Double maxRmse;

    @Override
    public Integer call() {
        Path bundleRoot = bundles != null ? bundles : Path.of("bundles");
        Path modelRoot = models != null ? models : bundleRoot.toAbsolutePath().resolveSibling("models");
        TrainingOptions options = TrainCommand.trainingOptions(data, training, model);
        serving.check(options.models(), options.k());
        TrainingResult result = TrainingPipeline.run(options, new CliReporter());
        if (result.retrieval() == null) {
            throw new IllegalArgumentException("rebuild needs a factor model for retrieval: add als or implicit-als to --model");
        }
        checkGates(result);
        ServedStep.Outcome served = ServedStep.run(result, modelRoot, index.config(), serving, model.k,
                model.threadCount());
        checkServedGate(served.decision());
        System.err.println("published model set " + served.modelSetDir().getFileName() + " in " + served.modelSetDir());
        BundlePublisher.Source source = new BundlePublisher.FromModelSet(ModelSet.open(served.modelSetDir()));
        IndexBuilding.Indexes indexes = served.indexes() != null ? served.indexes()
                : IndexBuilding.build(source, index.config());
        BundleVersion bundle = IndexBuilding.publish(source, indexes, served.serving(), bundleRoot, index.retain);
        spec.commandLine().getOut().println("published " + bundle.name() + " " + bundle.dir());
        if (served.decision() != null && served.decision().refused() != null) {
            System.err.println("rebuild: published " + bundle.name() + " in retrieval order: the served-quality gate"
                    + " refused " + served.decision().refused() + " (exit " + ExitCodes.PUBLISHED_WITHOUT_RERANKER + ")");
            return ExitCodes.PUBLISHED_WITHOUT_RERANKER;
        }
        return ExitCodes.OK;
    }

    /** The served list against popularity: the default rebuild gate whenever there is a test set. */
    private void checkServedGate(ServedGate.Decision decision) {
        if (decision == null) {
            if (minNdcgRatio != null) {
                throw new QualityGateException("--min-ndcg-ratio " + minNdcgRatio + " needs a test set (a split or a"
                        + " test file) to measure the served list; nothing was published");
            }
            System.err.println("rebuild: no test set, so the served list was not measured or gated");
            return;
        }
        double ratio = minNdcgRatio != null ? minNdcgRatio : DEFAULT_MIN_NDCG_RATIO;
        ServedEvaluation.Result e = decision.evaluation();
        double served = decision.served().ndcg();
        if (!(served >= ratio * e.popularity().ndcg())) {
            throw new QualityGateException(String.format(Locale.ROOT, "served NDCG@%d %.4f is %.2fx the popularity"
                    + " baseline's %.4f, below %.2fx; nothing was published", e.k(), served,
                    served / e.popularity().ndcg(), e.popularity().ndcg(), ratio));
        }
    }

    /**
     * Expands {@code rebuild --config FILE ...} into the file's options followed by the remaining
     * command-line arguments (parsed with overwriting allowed, so flags win). Other command lines
     * are returned unchanged.
     */
    static String[] expandConfig(String[] args) {
        if (args.length == 0 || !args[0].equals("rebuild")) {
            return args;
        }
        List<String> fromFile = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config") && i + 1 < args.length) {
                fromFile.addAll(ConfigFile.toArguments(Path.of(args[++i])));
            } else if (a.startsWith("--config=")) {
                fromFile.addAll(ConfigFile.toArguments(Path.of(a.substring("--config=".length()))));
            } else {
                rest.add(a);
            }
        }
        List<String> expanded = new ArrayList<>();
        expanded.add("rebuild");
        expanded.addAll(fromFile);
        expanded.addAll(rest);
        return expanded.toArray(String[]::new);
    }

    private void checkGates(TrainingResult result) {
        List<String> failures = new ArrayList<>();
        for (TrainedModel m : result.models()) {
            EvaluationReport e = m.evaluation();
            if (e == null) {
                if (maxRmse != null && m.kind() != ModelKind.RANKING_FM) {
                    failures.add(m.kind() + " was not evaluated (no test set), so its gates cannot pass");
                }
                continue;
            }
            if (maxRmse != null && e.rating() != null && !(e.rating().rmse() <= maxRmse)) {
                failures.add(String.format(Locale.ROOT, "%s RMSE %.4f > %.4f", m.kind(), e.rating().rmse(), maxRmse));
            }
        }
        if (!failures.isEmpty()) {
            throw new QualityGateException(String.join("; ", failures) + "; nothing was published");
        }
    }

    /** The {@code key = value} options file. */
    static final class ConfigFile {

        private ConfigFile() {
        }

        static List<String> toArguments(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config " + file + ": " + e.getMessage(), e);
            }
            List<String> args = new ArrayList<>();
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected 'key = value': \"" + line + "\"");
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (key.equals("config") || key.startsWith("-")) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": key '" + key + "' is not allowed here");
                }
                String option = key.length() == 1 ? "-" + key : "--" + key;
                if (value.equalsIgnoreCase("true")) {
                    args.add(option);
                } else if (!value.equalsIgnoreCase("false")) {
                    args.add(option + "=" + value);
                }
            }
            return args;
        }
    }
}
