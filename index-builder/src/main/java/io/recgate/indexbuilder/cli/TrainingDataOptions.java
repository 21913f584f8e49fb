package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.pipeline.SplitSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Data options only training reads (train, rebuild): the hold-out when no test set is given, and
 * the side-feature files. Evaluate scores a model set on a given test set and takes neither.
 */
final class TrainingDataOptions {

    @Option(names = "--split", defaultValue = "none", paramLabel = "SPEC",
            description = {"Hold-out without a given test set: none, random:F, time:F or last:N (default ${DEFAULT-VALUE}).",
                    "Test rows whose user or item has no training row cannot be scored: they are dropped and counted."})
    String split;

    @Option(names = "--user-features", paramLabel = "FILE", description = "csv: user side features (id column first, other columns become tokens).")
    Path userFeatures;

    @Option(names = "--item-features", paramLabel = "FILE", description = "csv: item side features and metadata.")
    Path itemFeatures;

    @Option(names = "--item-title-column", paramLabel = "NAME", description = "csv: title column of --item-features.")
    String itemTitleColumn;

    @Option(names = "--item-categories-column", paramLabel = "NAME", description = "csv: '|'-separated categories column of --item-features.")
    String itemCategoriesColumn;

    /** @throws IllegalArgumentException naming the bad spec */
    SplitSpec splitSpec() {
        return SplitSpec.parse(split);
    }
}
