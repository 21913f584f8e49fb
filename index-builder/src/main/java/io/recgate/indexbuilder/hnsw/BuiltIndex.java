package io.recgate.indexbuilder.hnsw;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.HnswParams;
import io.recgate.core.ann.HnswlibIndex;
import io.recgate.core.ann.hnsw.NativeHnswIndex;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * An index that passed (or was allowed past) the recall gate, with its measurement.
 *
 * @param index     a {@link NativeHnswIndex} or {@link HnswlibIndex}, ready to search or
 *                  {@link #save} into the bundle
 * @param recall    recall at the default ef and the ef sweep
 * @param buildTime wall time of the graph build alone (not the measurement)
 */
public record BuiltIndex(AnnIndex index, RecallReport recall, Duration buildTime) {

    /**
     * @throws IllegalArgumentException if {@code index} is neither HNSW implementation
     */
    public BuiltIndex {
        Objects.requireNonNull(index, "index");
        if (!(index instanceof NativeHnswIndex) && !(index instanceof HnswlibIndex)) {
            throw new IllegalArgumentException("not an HNSW index: " + index.getClass().getName());
        }
    }

    /** Writes the index in its own file format (the kind is recognised by its magic when read). */
    public void save(OutputStream out) {
        if (index instanceof NativeHnswIndex n) {
            n.save(out);
        } else {
            ((HnswlibIndex) index).save(out);
        }
    }

    /** The graph parameters the index was built with. */
    public HnswParams params() {
        return index instanceof NativeHnswIndex n ? n.params() : ((HnswlibIndex) index).params();
    }

    /** Number of norm ranges, each with its own graph. */
    public int partitionCount() {
        return index instanceof NativeHnswIndex n ? n.partitionCount() : ((HnswlibIndex) index).partitionCount();
    }
}
