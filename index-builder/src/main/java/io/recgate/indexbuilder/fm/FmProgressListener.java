package io.recgate.indexbuilder.fm;

/**
 * Receives one call per Gibbs sweep of {@link FmTrainer}, on the training thread.
 */
@FunctionalInterface
public interface FmProgressListener {

    /** Ignores progress. */
    FmProgressListener NONE = (iteration, iterations, trainRmse, kept) -> { };

    /**
     * @param iteration   1-based sweep number
     * @param iterations  total sweeps
     * @param trainRmse   RMSE of the current sample on the training data (not of the average)
     * @param kept        true when this sweep's sample is part of the exported model
     */
    void onIteration(int iteration, int iterations, double trainRmse, boolean kept);
}
