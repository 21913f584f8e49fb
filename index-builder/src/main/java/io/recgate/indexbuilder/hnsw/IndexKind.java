package io.recgate.indexbuilder.hnsw;

import java.util.Locale;

/** Which HNSW implementation builds the bundle's indexes; recorded as {@code ann.kind} in the manifest. */
public enum IndexKind {
    /** Recgate's own HNSW ({@link io.recgate.core.ann.hnsw.NativeHnswIndex}), the default. */
    NATIVE,
    /** hnswlib-core ({@link io.recgate.core.ann.HnswlibIndex}), kept as a selectable cross-check. */
    HNSWLIB;

    /** The name used on the command line and in the manifest: {@code native} or {@code hnswlib}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values if {@code label} is neither
     */
    public static IndexKind of(String label) {
        for (IndexKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("index kind '" + label + "' is not one of native, hnswlib");
    }
}
