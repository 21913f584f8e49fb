package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The deserialization filter for a saved hnswlib graph: allows exactly the classes our save writes
 * and rejects everything else, remembering why for the error message.
 *
 * <p>The set was found with a logging filter over a real save (see {@code HnswlibIndexTest}): the
 * graph object itself and the four small classes of ours it references. Items and ids are written
 * as primitives by our serializers, so no boxes, arrays or collections appear in the stream. hnswlib
 * reads its node links and maps as primitives too, so those never reach the filter.
 *
 * <p>One instance per stream (it records the first rejection); not thread-safe.
 */
final class SerialAllowlist implements ObjectInputFilter {

    static final Set<Class<?>> ALLOWED = Set.of(
            HnswIndex.class,
            MipsL2Distance.class,
            FloatOrder.class,
            ItemIdSerializer.class,
            HnswItemSerializer.class);

    /** The graph object (depth 1) reads its distance function etc. (depth 2); leave a little room. */
    static final long MAX_DEPTH = 4;
    /** Objects, class descriptors and back-references: about a dozen for the first graph, six per further graph. */
    static final long MAX_REFERENCES = 32L * NormPartition.MAX_PARTITIONS;

    private String rejection;

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return reject("nesting depth " + info.depth() + " > " + MAX_DEPTH);
        }
        if (info.references() > MAX_REFERENCES) {
            return reject("object references " + info.references() + " > " + MAX_REFERENCES);
        }
        if (info.arrayLength() >= 0) {
            return reject("array of length " + info.arrayLength() + " (the index stream contains no arrays)");
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.ALLOWED;
        }
        if (ALLOWED.contains(type)) {
            return Status.ALLOWED;
        }
        return reject("class " + type.getName() + " is not in the HNSW index allowlist");
    }

    private Status reject(String why) {
        if (rejection == null) {
            rejection = why;
        }
        return Status.REJECTED;
    }

    /** Why the first rejection happened, or null if nothing was rejected. */
    String rejection() {
        return rejection;
    }
}
