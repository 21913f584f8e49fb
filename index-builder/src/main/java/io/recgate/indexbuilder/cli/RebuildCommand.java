package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleVersion;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.pipeline.TrainedModel;
import io.recgate.indexbuilder.pipeline.TrainingPipeline;
import io.recgate.indexbuilder.pipeline.TrainingResult;
import io.recgate.indexbuilder.publish.BundlePublisher;
import io.recgate.indexbuilder.publish.ModelSet;
import io.recgate.indexbuilder.publish.ModelSetPublisher;
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
                "  format = csv", "  data = /data/interactions.csv", "  rating-column = rating",
                "  model = implicit-als,fm", "  bundles = /bundles", "  min-ndcg-ratio = 1.2",
                "Exit codes: 0 published, 2 bad input, 3 quality gate failed (nothing published)."})
final class RebuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Declared for --help; {@link #expandConfig} replaces it with the file's options before parsing. */
    @Option(names = "--config", paramLabel = "FILE", description = "Options file (key = value lines); command-line flags override it.")
    Path config;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions model;

    @Mixin
    IndexOptions index;

    @Option(names = "--bundles", paramLabel = "DIR", description = "Bundles root the gateways follow (default bundles).")
    Path bundles;

    @Option(names = "--models", paramLabel = "DIR", description = "Model-set root (default: 'models' beside --bundles).")
    Path models;

    @Option(names = "--min-ndcg-ratio", paramLabel = "X",
            description = "Gate: the retrieval model's NDCG@K must be at least X times the popularity baseline's.")
    Double minNdcgRatio;

    @Option(names = "--max-rmse", paramLabel = "X", description = "Gate: every rating model's RMSE must be at most X.")
    Double maxRmse;

    @Override
    public Integer call() {
        Path bundleRoot = bundles != null ? bundles : Path.of("bundles");
        Path modelRoot = models != null ? models : bundleRoot.toAbsolutePath().resolveSibling("models");
        TrainingResult result = TrainingPipeline.run(TrainCommand.trainingOptions(data, model), new CliReporter());
        checkGates(result);
        BundleVersion set = ModelSetPublisher.publish(modelRoot, result, BundleWriter.DEFAULT_RETAIN);
        System.err.println("published model set " + set.name() + " in " + set.dir());
        ModelSet published = ModelSet.open(set.dir());
        if (published.factors() == null) {
            throw new IllegalArgumentException("rebuild needs a factor model for retrieval: add als or implicit-als to --model");
        }
        BundleVersion bundle = IndexBuilding.buildAndPublish(new BundlePublisher.FromModelSet(published),
                index.config(), bundleRoot, index.retain);
        spec.commandLine().getOut().println("published " + bundle.name() + " " + bundle.dir());
        return ExitCodes.OK;
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
                if (minNdcgRatio != null || maxRmse != null) {
                    failures.add(m.kind() + " was not evaluated (no test set), so its gates cannot pass");
                }
                continue;
            }
            if (maxRmse != null && e.rating() != null && !(e.rating().rmse() <= maxRmse)) {
                failures.add(String.format(Locale.ROOT, "%s RMSE %.4f > %.4f", m.kind(), e.rating().rmse(), maxRmse));
            }
            if (minNdcgRatio != null && m.kind() == result.retrieval()) {
                double ratio = e.model().ndcg() / e.baseline().ndcg();
                if (!(ratio >= minNdcgRatio)) {
                    failures.add(String.format(Locale.ROOT, "%s NDCG@%d %.4f is %.2fx the popularity baseline's %.4f, below %.2fx",
                            m.kind(), e.k(), e.model().ndcg(), ratio, e.baseline().ndcg(), minNdcgRatio));
                }
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
