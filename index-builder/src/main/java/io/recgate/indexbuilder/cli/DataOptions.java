package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.pipeline.SplitSpec;
import io.recgate.indexbuilder.split.UnknownTestRows;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What to read and how to hold out test data; shared by train, evaluate and rebuild. */
final class DataOptions {

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Input format: csv, movielens-100k, movielens-1m or movielens-latest.")
    String format;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "The data: a MovieLens directory, or the interactions CSV/TSV file.")
    Path data;

    @Option(names = "--test-split", paramLabel = "NAME",
            description = "A test split shipped with the data (movielens-100k: u1..u5, ua, ub).")
    String testSplit;

    @Option(names = "--test-file", paramLabel = "FILE", description = "A test file in the same format as the data.")
    Path testFile;

    @Option(names = "--split", defaultValue = "none", paramLabel = "SPEC",
            description = "Hold-out without a test file: none, random:F, time:F or last:N (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--drop-unknown-test-rows",
            description = "Drop test rows naming users or items absent from the data set instead of failing.")
    boolean dropUnknownTestRows;

    @Option(names = "--skip-bad-rows", description = "Skip malformed rows (counted in the summary) instead of failing on the first.")
    boolean skipBadRows;

    @Option(names = "--delimiter", paramLabel = "D", description = "csv: field delimiter (default from the extension: .tsv tab, else comma; 'tab' for tab).")
    String delimiter;

    @Option(names = "--user-column", defaultValue = "user", paramLabel = "NAME", description = "csv: user id column (default ${DEFAULT-VALUE}).")
    String userColumn;

    @Option(names = "--item-column", defaultValue = "item", paramLabel = "NAME", description = "csv: item id column (default ${DEFAULT-VALUE}).")
    String itemColumn;

    @Option(names = "--rating-column", paramLabel = "NAME", description = "csv: explicit rating column.")
    String ratingColumn;

    @Option(names = "--weight-column", paramLabel = "NAME", description = "csv: implicit weight column (neither rating nor weight: every row weighs 1).")
    String weightColumn;

    @Option(names = "--timestamp-column", paramLabel = "NAME", description = "csv: timestamp column (epoch seconds or ISO-8601).")
    String timestampColumn;

    @Option(names = "--user-features", paramLabel = "FILE", description = "csv: user side features (id column first, other columns become tokens).")
    Path userFeatures;

    @Option(names = "--item-features", paramLabel = "FILE", description = "csv: item side features and metadata.")
    Path itemFeatures;

    @Option(names = "--item-title-column", paramLabel = "NAME", description = "csv: title column of --item-features.")
    String itemTitleColumn;

    @Option(names = "--item-categories-column", paramLabel = "NAME", description = "csv: '|'-separated categories column of --item-features.")
    String itemCategoriesColumn;

    /** Validates the combination and builds the reader options. */
    ReadOptions readOptions() {
        if (!DatasetReaders.formats().contains(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; known formats: "
                    + String.join(", ", DatasetReaders.formats()));
        }
        if (testSplit != null && testFile != null) {
            throw new IllegalArgumentException("give --test-split or --test-file, not both");
        }
        if ((testSplit != null || testFile != null) && splitSpec().kind() != SplitSpec.Kind.NONE) {
            throw new IllegalArgumentException("--split " + split + " conflicts with a given test set");
        }
        ReadOptions.Builder b = ReadOptions.builder(data).testSplit(testSplit).testFile(testFile)
                .userColumn(userColumn).itemColumn(itemColumn).ratingColumn(ratingColumn).weightColumn(weightColumn)
                .timestampColumn(timestampColumn).userFeatures(userFeatures).itemFeatures(itemFeatures)
                .itemTitleColumn(itemTitleColumn).itemCategoriesColumn(itemCategoriesColumn).skipBadRows(skipBadRows);
        if (delimiter != null) {
            b.delimiter(delimiter);
        }
        return b.build();
    }

    SplitSpec splitSpec() {
        return SplitSpec.parse(split);
    }

    UnknownTestRows unknownTestRows() {
        return dropUnknownTestRows ? UnknownTestRows.DROP : UnknownTestRows.FAIL;
    }
}
