package io.recgate.core.ann;

/**
 * Receives the progress of an index build, e.g. to draw a progress bar.
 *
 * <p>Calls are serialised (never concurrent) even when the build runs on several threads, and
 * {@code done} never decreases. The last call is {@code update(total, total)} when the build
 * completes. Implementations should return quickly: the build threads wait for them.
 */
@FunctionalInterface
public interface BuildProgress {

    /**
     * @param done  items added so far, {@code 0 <= done <= total}
     * @param total items to add
     */
    void update(int done, int total);

    /** A listener that ignores every update. */
    static BuildProgress none() {
        return (done, total) -> { };
    }
}
