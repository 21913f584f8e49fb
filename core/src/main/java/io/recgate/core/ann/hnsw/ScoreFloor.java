package io.recgate.core.ann.hnsw;

import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;

/**
 * A floor under the k best of a block of scores, found before any score is offered to a top-k
 * heap, so that only the few scores reaching it are offered.
 *
 * <p>Why: a scan offered every score that beat the heap's running k-th best, about
 * k·(1 + ln(n/k)) of n in random order (43.7 of 256 for k = 10), and each offer paid a
 * mispredicted branch and a sift through the heap. Counting how many scores reach a threshold is
 * one SIMD compare and popcount per 16 scores, so a bisection of a few counts costs less than the
 * offers it saves.
 */
final class ScoreFloor {

    private static final Kernels KERNELS = VectorKernels.implementation();
    /** Counts a bisection may take; each halves the bracket, so this is far below float precision. */
    private static final int MAX_PASSES = 20;

    private ScoreFloor() {
    }

    /**
     * A value that at least {@code k} of {@code scores[0 .. n)} reach (are {@code >=}) and, when
     * the bisection gets there, few more than k: so no score below it can be among the k best. Or
     * {@code known}, a floor the caller already has (the k-th best kept so far, or −∞), when few
     * enough scores reach that one, or when no higher floor is found.
     *
     * <p>{@code bound} brackets the scores (score ≤ bound, as Cauchy–Schwarz gives); a score above
     * it only costs precision, not correctness, because every floor returned above {@code known}
     * was counted. Returns {@code known} at once when {@code n} is too close to {@code k} for a
     * floor to save anything.
     */
    static float of(float[] scores, int n, int k, float known, float bound) {
        int enough = k + slack(k);
        if (k <= 0 || n <= enough || !(bound > 0) || Float.isInfinite(bound) || !(known < bound)) {
            return known;
        }
        float lo = -bound;
        if (known > lo) {
            // Scores of a later, shorter range mostly fall below the best kept from longer ones.
            if (KERNELS.countAtLeast(scores, 0, n, known) <= enough) {
                return known;
            }
            lo = known;
        }
        float floor = known;
        float hi = bound;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            float mid = 0.5f * (lo + hi);
            int reaching = KERNELS.countAtLeast(scores, 0, n, mid);
            if (reaching >= k) {
                floor = mid;
                if (reaching <= enough) {
                    break;
                }
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return floor;
    }

    /** Scores beyond k worth offering rather than counting again (a count costs about an offer). */
    private static int slack(int k) {
        return 2 + k / 8;
    }
}
