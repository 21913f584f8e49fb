package io.recgate.indexbuilder.io;

import java.util.List;
import java.util.Objects;

/**
 * The data formats the index builder reads, by name: {@code csv}, {@code movielens-100k},
 * {@code movielens-1m}, {@code movielens-latest}. See {@link ReadOptions} for the options each one
 * reads. Thread-safe; each call reads on the calling thread.
 *
 * <p>All readers share these rules. A malformed row throws {@link DataFormatException}
 * ({@code path:LINE: problem: "text"}), or with {@link ReadOptions#skipBadRows()} is skipped and
 * counted in {@link ReadResult#skippedRows()}; problems with a whole file (missing file, missing
 * column, no data rows) are never skipped. Ratings must be finite, weights finite and not negative.
 * Duplicate (user, item) pairs are merged into the first occurrence: implicit weights are summed
 * (latest timestamp kept), for explicit ratings the one with the latest timestamp wins (a later
 * line wins a tie); the count is {@link ReadResult#duplicatesMerged()}. Id maps hold the users and
 * items that occur in the interactions, in first-seen order; metadata of other ids is ignored.
 */
public final class DatasetReaders {

    private static final List<FormatReader> READERS = List.of(new CsvInteractionsReader(),
            new MovieLens100kReader(), new MovieLens1mReader(), new MovieLensLatestReader());

    private DatasetReaders() {
    }

    /** The known format names, in a stable order. */
    public static List<String> formats() {
        return READERS.stream().map(FormatReader::name).toList();
    }

    /**
     * Reads a data set (for MovieLens 100K with a test split, its training part).
     *
     * @param format   one of {@link #formats()}
     * @param progress told the bytes read over all files; may be null
     * @throws IllegalArgumentException for an unknown format (listing the known ones) or inconsistent options
     * @throws DataFormatException      for bad data, naming file, line and problem
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public static ReadResult read(String format, ReadOptions options, ProgressListener progress) {
        Objects.requireNonNull(options, "options");
        return reader(format).read(options, progress);
    }

    /**
     * Reads the held-out test interactions of a data set: the test file of a MovieLens 100K split,
     * or {@link ReadOptions#testFile()} in the layout of the format's ratings file. The result has its
     * own id maps and no metadata; {@code io.recgate.indexbuilder.split.Splits.withTestSet} maps it onto
     * the training ids.
     *
     * @throws IllegalArgumentException for an unknown format or when the options name no test data
     * @throws DataFormatException      for bad data
     */
    public static ReadResult readTest(String format, ReadOptions options, ProgressListener progress) {
        Objects.requireNonNull(options, "options");
        return reader(format).readTest(options, progress);
    }

    private static FormatReader reader(String format) {
        for (FormatReader r : READERS) {
            if (r.name().equals(format)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown format '" + format + "'; known formats: "
                + String.join(", ", formats()));
    }
}
