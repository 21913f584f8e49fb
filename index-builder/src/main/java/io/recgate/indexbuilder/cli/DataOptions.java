package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.pipeline.SplitSpec;
import io.recgate.indexbuilder.split.UnknownTestRows;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What to read and which given test set to score: shared by train, evaluate and rebuild. The
 * options only training reads (side features, {@code --split}) are {@link TrainingDataOptions}, so
 * evaluate does not list options it would ignore.
 */
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

    @Option(names = "--drop-unknown-test-rows",
            description = "A given test set (--test-split, --test-file): drop rows naming users or items absent from the"
                    + " data set instead of failing. (A hold-out split that train or rebuild makes always drops the"
                    + " test rows it cannot score.)")
    boolean dropUnknownTestRows;

    @Option(names = "--skip-bad-rows", description = "Skip malformed rows (counted in the summary) instead of failing on the first.")
    boolean skipBadRows;

    @Option(names = "--delimiter", paramLabel = "D", description = "csv: field delimiter (default from the extension: .tsv tab, else comma; 'tab' for tab).")
    String delimiter;

    @Option(names = "--user-column", paramLabel = "NAME",
            description = "csv: user id column (default user_id, or user when the header has no user_id).")
    String userColumn;

    @Option(names = "--item-column", paramLabel = "NAME",
            description = "csv: item id column (default item_id, or item when the header has no item_id).")
    String itemColumn;

    @Option(names = "--rating-column", paramLabel = "NAME",
            description = "csv: explicit rating column (default: rating, when the header has it and no --weight-column).")
    String ratingColumn;

    @Option(names = "--weight-column", paramLabel = "NAME",
            description = "csv: implicit weight column (default: weight, when the header has it and no rating column;"
                    + " neither rating nor weight: every row weighs 1).")
    String weightColumn;

    @Option(names = "--timestamp-column", paramLabel = "NAME",
            description = "csv: timestamp column, epoch seconds or ISO-8601 (default: timestamp, when the header has it).")
    String timestampColumn;

    /**
     * Validates the combination and builds the reader options.
     *
     * @param training side features to read with the data, or null (evaluate reads a test set only)
     */
    ReadOptions readOptions(TrainingDataOptions training) {
        if (!DatasetReaders.formats().contains(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; known formats: "
                    + String.join(", ", DatasetReaders.formats()));
        }
        if (testSplit != null && testFile != null) {
            throw new IllegalArgumentException("give --test-split or --test-file, not both");
        }
        if (training != null && hasGivenTestSet() && training.splitSpec().kind() != SplitSpec.Kind.NONE) {
            throw new IllegalArgumentException("--split " + training.split + " conflicts with a given test set ("
                    + (testSplit != null ? "--test-split " + testSplit : "--test-file " + testFile) + ")");
        }
        ReadOptions.Builder b = ReadOptions.builder(data).testSplit(testSplit).testFile(testFile)
                .userColumn(userColumn).itemColumn(itemColumn).ratingColumn(ratingColumn).weightColumn(weightColumn)
                .timestampColumn(timestampColumn).skipBadRows(skipBadRows);
        if (training != null) {
            b.userFeatures(training.userFeatures).itemFeatures(training.itemFeatures)
                    .itemTitleColumn(training.itemTitleColumn).itemCategoriesColumn(training.itemCategoriesColumn);
        }
        if (delimiter != null) {
            b.delimiter(delimiter);
        }
        return b.build();
    }

    boolean hasGivenTestSet() {
        return testSplit != null || testFile != null;
    }

    /** For rows of a given test set; rows of a split the tool makes that cannot be scored are always dropped. */
    UnknownTestRows unknownTestRows() {
        return dropUnknownTestRows ? UnknownTestRows.DROP : UnknownTestRows.FAIL;
    }
}
