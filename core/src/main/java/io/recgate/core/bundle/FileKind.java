package io.recgate.core.bundle;

/**
 * What a bundle file holds, as recorded in the manifest. The kind decides which consistency checks
 * the reader applies and which typed read methods accept the file.
 */
public enum FileKind {
    /** Little-endian float32, row-major {@code rows × cols}; size must be rows × cols × 4 bytes. */
    F32("f32"),
    /** Little-endian int32, row-major {@code rows × cols}; size must be rows × cols × 4 bytes. */
    I32("i32"),
    /** UTF-8 text; when {@code rows} is known it is the number of lines. */
    TEXT("text"),
    /** UTF-8 JSON, one value per line; when {@code rows} is known it is the number of lines. */
    JSONL("jsonl"),
    /** Opaque bytes (for example a serialized index); only size and checksum are checked. */
    BYTES("bytes");

    private final String label;

    FileKind(String label) {
        this.label = label;
    }

    /** The name used in {@code manifest.json}. */
    public String label() {
        return label;
    }

    /** The kind for a manifest label, or null when unknown. */
    static FileKind fromLabel(String label) {
        for (FileKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        return null;
    }

    /** True for the fixed-width numeric kinds whose size follows from rows × cols. */
    public boolean isArray() {
        return this == F32 || this == I32;
    }
}
