package io.recgate.indexbuilder.fm;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyperparameters of {@link FmTrainer}: a second-order FM sampled by MCMC (libFM's Gibbs sampler
 * with hyperpriors on the noise precision and on per-group means and precisions of the weights),
 * exported as one model that reproduces the average prediction of the kept samples.
 *
 * @param factors      factors per sample, {@code k}; the exported model has {@code factors × keptSamples}
 * @param iterations   Gibbs sweeps in total, each sampling every parameter once
 * @param burnIn       sweeps discarded before samples are kept
 * @param keptSamples  samples kept after burn-in, evenly spaced and ending with the last sweep
 * @param initStdev    standard deviation of the initial factors
 * @param seed         random seed; the same seed and data give the same model bytes
 * @param userTokens   use the users' side tokens (age, gender, ...)
 * @param itemTokens   use the items' side tokens (genres, year, ...)
 * @param implicit     use the implicit group: the items each user rated in the training data
 */
public record FmParams(int factors, int iterations, int burnIn, int keptSamples, double initStdev, long seed,
                       boolean userTokens, boolean itemTokens, boolean implicit) {

    /** Upper bound on the exported model's factors, to keep serving cheap. */
    public static final int MAX_EXPORTED_FACTORS = 1024;

    /**
     * @throws IllegalArgumentException listing every invalid value at once
     */
    public FmParams {
        List<String> errors = new ArrayList<>();
        if (factors <= 0) {
            errors.add("factors " + factors + " must be > 0");
        }
        if (iterations <= 0) {
            errors.add("iterations " + iterations + " must be > 0");
        }
        if (burnIn < 0 || burnIn >= iterations) {
            errors.add("burnIn " + burnIn + " must be in [0, iterations " + iterations + ")");
        }
        if (keptSamples <= 0 || keptSamples > iterations - burnIn) {
            errors.add("keptSamples " + keptSamples + " must be in [1, iterations - burnIn = "
                    + (iterations - burnIn) + "]");
        }
        if (factors > 0 && keptSamples > 0 && (long) factors * keptSamples > MAX_EXPORTED_FACTORS) {
            errors.add("factors × keptSamples = " + (long) factors * keptSamples + " exceeds "
                    + MAX_EXPORTED_FACTORS);
        }
        if (!(initStdev > 0) || Double.isInfinite(initStdev)) {
            errors.add("initStdev " + initStdev + " must be finite and > 0");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid FM parameters: " + String.join("; ", errors));
        }
    }

    /** Defaults that meet RMSE <= 0.915 on MovieLens 100K u1.base/u1.test with all groups on. */
    public static FmParams defaults() {
        return new FmParams(8, 200, 50, 16, 0.1, 42L, true, true, true);
    }

    /** Factors of the exported model: {@code factors × keptSamples}. */
    public int exportedFactors() {
        return factors * keptSamples;
    }

    /** A copy with another seed. */
    public FmParams withSeed(long newSeed) {
        return new FmParams(factors, iterations, burnIn, keptSamples, initStdev, newSeed, userTokens, itemTokens,
                implicit);
    }
}
