package io.recgate.indexbuilder.io;

/** One data format of {@link DatasetReaders}. Implementations are stateless and thread-safe. */
interface FormatReader {

    /** The name users pass on the command line, e.g. {@code movielens-100k}. */
    String name();

    /** Reads the training (or whole) data set with its metadata. */
    ReadResult read(ReadOptions options, ProgressListener progress);

    /**
     * Reads the held-out test interactions only, with their own id maps and no metadata.
     *
     * @throws IllegalArgumentException when the options name no test data
     */
    ReadResult readTest(ReadOptions options, ProgressListener progress);
}
