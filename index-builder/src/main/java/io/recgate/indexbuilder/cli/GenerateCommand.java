package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.generate.GenerationSummary;
import io.recgate.indexbuilder.generate.GeneratorParams;
import io.recgate.indexbuilder.generate.SyntheticGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code recgate generate}: a synthetic data set in the generic CSV format that {@code train --format csv} reads. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a synthetic interaction data set, deterministic by seed.",
                "It has the properties of real data: long-tail item popularity, skewed user activity, planted "
                        + "low-rank taste, item categories and titles, user attributes, timestamps and 1-5 ratings. Writes "
                        + "interactions.csv, items.csv, users.csv, generator.json and README.txt into --out; train it with "
                        + "(the csv reader's default columns are the ones written here):",
                "  recgate train --format csv --data OUT/interactions.csv --split last:1 \\",
                "    --user-features OUT/users.csv --item-features OUT/items.csv \\",
                "    --item-title-column title --item-categories-column categories"})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created; its five files are overwritten).")
    Path out;

    @Option(names = "--users", defaultValue = "10000", description = "Number of users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", defaultValue = "5000", description = "Number of items (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--interactions", defaultValue = "500000", description = "Exact number of interaction rows (default ${DEFAULT-VALUE}).")
    long interactions;

    @Option(names = "--rank", defaultValue = "" + GeneratorParams.DEFAULT_RANK, description = "Rank of the planted taste structure (default ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--categories", defaultValue = "" + GeneratorParams.DEFAULT_CATEGORIES, description = "Number of item categories (default ${DEFAULT-VALUE}).")
    int categories;

    @Option(names = "--seed", defaultValue = "" + GeneratorParams.DEFAULT_SEED, description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores). Output does not depend on it.")
    Integer threads;

    @Override
    public Integer call() {
        GeneratorParams params = GeneratorParams.of(users, items, interactions)
                .withRank(rank).withCategories(categories).withSeed(seed);
        if (threads != null) {
            params = params.withThreads(threads);
        }
        GenerationSummary summary;
        try (Progress progress = Progress.start("generate", interactions, "rows")) {
            summary = SyntheticGenerator.generate(params, out, (written, target) -> progress.update(written));
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("generated %,d interactions of %,d users on %,d items in %s (%,d bytes of interactions.csv)%n",
                summary.interactions(), summary.users(), summary.items(), summary.directory(), summary.interactionsBytes());
        return ExitCodes.OK;
    }
}
