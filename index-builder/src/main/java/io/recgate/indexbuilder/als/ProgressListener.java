package io.recgate.indexbuilder.als;

import java.time.Duration;

/**
 * Receives one call per finished ALS iteration (a user pass followed by an item pass), on the
 * thread that called {@code train}. Implementations should return quickly; training waits.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param iteration    1-based number of the iteration just finished
     * @param iterations   total number of iterations of this run
     * @param elapsed      wall time since training started (including data preparation)
     * @param trainingLoss the trainer's loss on the training data after this iteration (see the
     *                     trainer for its definition), or {@code NaN} when
     *                     {@link #wantsTrainingLoss()} is false
     */
    void onIteration(int iteration, int iterations, Duration elapsed, double trainingLoss);

    /**
     * Whether the trainer should compute the training loss for each iteration; it costs about one
     * pass over the interactions. Defaults to true.
     */
    default boolean wantsTrainingLoss() {
        return true;
    }

    /** A listener that ignores progress and asks for no loss (nothing extra is computed). */
    static ProgressListener none() {
        return new ProgressListener() {
            @Override
            public void onIteration(int iteration, int iterations, Duration elapsed, double trainingLoss) {
            }

            @Override
            public boolean wantsTrainingLoss() {
                return false;
            }
        };
    }
}
