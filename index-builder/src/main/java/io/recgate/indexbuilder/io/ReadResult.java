package io.recgate.indexbuilder.io;

import java.util.Objects;

/**
 * A data set and what reading it took, for the CLI's summary.
 *
 * @param dataset          the data read
 * @param rowsRead         well-formed interaction rows read, before duplicates were merged
 * @param skippedRows      malformed rows skipped over all files read (0 unless skipping was asked for)
 * @param firstSkipped     the message of the first skipped row, or null when none was skipped
 * @param duplicatesMerged rows folded into an earlier row with the same (user, item) pair
 */
public record ReadResult(Dataset dataset, long rowsRead, long skippedRows, String firstSkipped,
                         long duplicatesMerged) {

    public ReadResult {
        Objects.requireNonNull(dataset, "dataset");
    }
}
