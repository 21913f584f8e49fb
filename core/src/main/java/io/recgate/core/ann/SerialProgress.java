package io.recgate.core.ann;

import java.util.Objects;

/**
 * Turns concurrent, possibly out-of-order progress reports of several build threads into the
 * serialised, never-decreasing calls {@link BuildProgress} promises. Thread-safe.
 */
public final class SerialProgress {

    private final BuildProgress target;
    private final int total;
    private int reported = -1;

    /**
     * @param target told about every new high-water mark, one call at a time
     * @param total  items the build adds; reports above it are clamped
     */
    public SerialProgress(BuildProgress target, int total) {
        this.target = Objects.requireNonNull(target, "target");
        this.total = total;
    }

    /** Items the build adds. */
    public int total() {
        return total;
    }

    /** Reports that {@code done} items are added; ignored unless it is a new maximum. */
    public synchronized void update(int done) {
        int clamped = Math.min(done, total);
        if (clamped > reported) {
            reported = clamped;
            target.update(clamped, total);
        }
    }
}
