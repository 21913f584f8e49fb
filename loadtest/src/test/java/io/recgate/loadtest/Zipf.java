package io.recgate.loadtest;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^s}: the skew of
 * real traffic, where a few users and items get most of the requests. {@code s = 0} is uniform;
 * {@code s = 1} is classic Zipf (rank 0 gets {@code 1 / H(n)} of the draws, about 13% for n = 1000).
 *
 * <p>The cumulative distribution is computed once (O(n) memory); a draw is a binary search. Immutable
 * and thread-safe (the random generator is the caller's).
 */
final class Zipf {

    private final double[] cumulative;

    /**
     * @throws IllegalArgumentException if {@code n < 1} or {@code s} is negative or not finite
     */
    Zipf(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("exponent must be finite and >= 0, got " + s);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += Math.pow(r + 1, -s);
            cumulative[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cumulative[r] /= sum;
        }
        // Rounding may leave the last entry a hair under 1; a draw of 0.9999999 must still land.
        cumulative[n - 1] = 1.0;
    }

    /** Number of ranks. */
    int size() {
        return cumulative.length;
    }

    /** Probability of {@code rank}. */
    double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    /** A rank drawn with {@code random}. */
    int next(RandomGenerator random) {
        return rankAt(random.nextDouble());
    }

    /** The rank whose cumulative interval holds {@code u} in {@code [0, 1)}. */
    int rankAt(double u) {
        int i = Arrays.binarySearch(cumulative, u);
        // An exact hit on a boundary belongs to the next rank ([c(r-1), c(r)) is rank r's interval).
        int rank = i >= 0 ? i + 1 : -i - 1;
        return Math.min(rank, cumulative.length - 1);
    }
}
