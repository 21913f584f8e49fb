package io.recgate.core.ann;

import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * Which scores of an exact scan are worth offering to a top-k heap: those reaching a floor under
 * the k best (accepted) scores, found before any is offered. Both HNSW implementations use it for
 * the packed norm ranges they scan.
 *
 * <p>Why: a scan offered every score that beat the heap's running k-th best, about
 * k·(1 + ln(n/k)) of n in random order (43.7 of 256 for k = 10), and each offer paid a
 * mispredicted branch and a sift through the heap. Counting how many scores reach a threshold is
 * one SIMD compare and popcount per 16 scores, so a bisection of a few counts costs less than the
 * offers it saves.
 */
public final class ScoreFloor {

    private static final Kernels KERNELS = VectorKernels.implementation();
    /** Counts a bisection may take; each halves the bracket, so this is far below float precision. */
    private static final int MAX_PASSES = 20;
    /** Floors a filtered selection tries before it lists every accepted score above the known floor. */
    private static final int FLOOR_ATTEMPTS = 3;

    private ScoreFloor() {
    }

    /**
     * Lists in {@code positions}, ascending, the positions {@code i < n} whose score is worth
     * offering for the {@code wanted} best accepted rows, and returns how many there are: every
     * accepted position whose score reaches a floor that at least {@code wanted} accepted scores
     * reach, or reaches {@code known} (the wanted-th best already kept elsewhere, or −∞). No
     * accepted score below that floor can be among the wanted best, so offering only the listed
     * ones gives the same result as offering all.
     *
     * <p>Under a filter the floor is first found for {@code wanted} scores of any kind, then
     * lowered, by the acceptance rate seen above it, until enough accepted scores reach it; after
     * {@link #FLOOR_ATTEMPTS} floors (a filter rejecting most of the best rows) it falls back to
     * {@code known}.
     *
     * <p>For the indexes' inner loops: arguments are not checked ({@code n} must fit
     * {@code scores} and {@code positions}).
     *
     * @param scores         the scan's scores; read only
     * @param bound          an upper bound of the scores (‖q‖ times the range's largest norm)
     * @param acceptPosition whether the row at a position is accepted, or null for all
     * @param positions      room for {@code n} positions
     */
    public static int select(float[] scores, int n, int wanted, float known, float bound,
                             IntPredicate acceptPosition, int[] positions) {
        int need = wanted;
        for (int attempt = 1; ; attempt++) {
            float floor = attempt > FLOOR_ATTEMPTS ? known : of(scores, n, need, known, bound);
            int selected = KERNELS.indicesAtLeast(scores, 0, n, floor, positions);
            int accepted = selected;
            if (acceptPosition != null) {
                accepted = 0;
                for (int j = 0; j < selected; j++) {
                    if (acceptPosition.test(positions[j])) {
                        positions[accepted++] = positions[j];
                    }
                }
            }
            if (accepted >= wanted || floor == known) {
                return accepted;
            }
            // Select as many more as the acceptance rate so far says the wanted need.
            need = (int) Math.min(n, accepted == 0 ? 4L * need : (long) wanted * selected / accepted + 1);
        }
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
