package io.recgate.core.bundle;

import java.util.Objects;

/**
 * One file of a bundle as the manifest lists it.
 *
 * @param name   the file name inside the version directory (no path separators)
 * @param kind   what the file holds
 * @param bytes  exact size in bytes
 * @param sha256 lowercase hex SHA-256 of the whole file (64 characters)
 * @param rows   for {@link FileKind#F32}/{@link FileKind#I32}: the row count; for text kinds: the line
 *               count when known; -1 when not applicable or unknown
 * @param cols   for {@link FileKind#F32}/{@link FileKind#I32}: values per row; -1 otherwise
 */
public record FileEntry(String name, FileKind kind, long bytes, String sha256, long rows, int cols) {

    /**
     * @throws IllegalArgumentException on a negative size, a malformed checksum, or an array kind whose
     *                                  shape does not match its size
     */
    public FileEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        if (bytes < 0) {
            throw new IllegalArgumentException(name + ": size " + bytes + " must be >= 0");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + ": sha256 '" + sha256 + "' is not 64 lowercase hex digits");
        }
        if (kind.isArray()) {
            if (rows < 0 || cols <= 0) {
                throw new IllegalArgumentException(name + ": " + kind.label() + " needs rows >= 0 and cols > 0, got "
                        + rows + " x " + cols);
            }
            long expected = Math.multiplyExact(Math.multiplyExact(rows, (long) cols), 4L);
            if (expected != bytes) {
                throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " x 4 = " + expected
                        + " bytes, but the size is " + bytes);
            }
        } else if (cols != -1 || rows < -1) {
            throw new IllegalArgumentException(name + ": " + kind.label() + " takes rows >= -1 and cols -1, got "
                    + rows + " x " + cols);
        }
    }
}
