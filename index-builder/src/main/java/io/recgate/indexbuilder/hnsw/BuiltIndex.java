package io.recgate.indexbuilder.hnsw;

import io.recgate.core.ann.HnswlibIndex;
import java.time.Duration;

/**
 * An index that passed (or was allowed past) the recall gate, with its measurement.
 *
 * @param index     the index, ready to search or {@link HnswlibIndex#save save} into the bundle
 * @param recall    recall at the default ef and the ef sweep
 * @param buildTime wall time of the graph build alone (not the measurement)
 */
public record BuiltIndex(HnswlibIndex index, RecallReport recall, Duration buildTime) {
}
