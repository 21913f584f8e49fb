package io.recgate.indexbuilder.als;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hyperparameters of the ALS trainers. Immutable; validated on construction.
 *
 * <p>{@link ExplicitAls} uses rank, iterations, lambda (weighted-λ: the penalty of a row grows with
 * its number of ratings), threads and seed. {@link ImplicitAls} uses all of them: lambda is a plain
 * ridge penalty there, alpha and confidence map weights to confidences, and cgSteps is the number
 * of conjugate-gradient steps per row and iteration. Results depend on the seed but not on the
 * number of threads (see the trainers).
 *
 * @param rank       number of latent factors, 1..{@value #MAX_RANK}
 * @param iterations number of alternating passes (users, then items), 1..{@value #MAX_ITERATIONS}
 * @param lambda     regularisation strength, finite and &gt; 0
 * @param alpha      implicit confidence scale, finite and &gt;= 0
 * @param confidence implicit confidence scaling (linear or log)
 * @param threads    worker threads, 1..{@value #MAX_THREADS}
 * @param seed       seed of the random initial factors
 * @param cgSteps    implicit conjugate-gradient steps per row, 1..{@value #MAX_CG_STEPS}
 */
public record AlsParams(int rank, int iterations, double lambda, double alpha, ConfidenceScaling confidence,
                        int threads, long seed, int cgSteps) {

    public static final int MAX_RANK = 1024;
    public static final int MAX_ITERATIONS = 10_000;
    public static final int MAX_THREADS = 1024;
    public static final int MAX_CG_STEPS = 1024;

    /**
     * Explicit default rank. On MovieLens 100K u1 (λ = 0.12, 15 iterations) the test RMSE is
     * 0.928 at rank 20, 0.925 at 30, 0.923 at 50 and 0.923 at 80: 50 is where it stops improving.
     */
    public static final int DEFAULT_RANK = 50;
    /** Explicit default iterations: the test RMSE has settled (changes &lt; 0.0005) by then. */
    public static final int DEFAULT_ITERATIONS = 15;
    /** Explicit default weighted-λ; on MovieLens 100K u1, 0.11 to 0.13 are within 0.0005 of the best. */
    public static final double DEFAULT_LAMBDA = 0.12;
    public static final int DEFAULT_CG_STEPS = 3;
    public static final long DEFAULT_SEED = 42L;

    /**
     * Implicit defaults (rank, λ, α) were tuned on MovieLens 100K u1 with every rating as a click
     * (NDCG@10 0.568 vs 0.325 for popularity); rank 32 is within 0.004. The best λ and α depend on
     * the density of the data: sparser click logs usually want a smaller λ and a larger α.
     */
    public static final int DEFAULT_IMPLICIT_RANK = 64;
    public static final int DEFAULT_IMPLICIT_ITERATIONS = 15;
    public static final double DEFAULT_IMPLICIT_LAMBDA = 30.0;
    public static final double DEFAULT_IMPLICIT_ALPHA = 2.0;

    /**
     * @throws IllegalArgumentException listing every invalid value, e.g.
     *     {@code "invalid ALS parameters: rank 0 must be in [1, 1024]; lambda NaN must be finite and > 0"}
     * @throws NullPointerException if confidence is null
     */
    public AlsParams {
        Objects.requireNonNull(confidence, "confidence");
        List<String> errors = new ArrayList<>();
        if (rank < 1 || rank > MAX_RANK) {
            errors.add("rank " + rank + " must be in [1, " + MAX_RANK + "]");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            errors.add("iterations " + iterations + " must be in [1, " + MAX_ITERATIONS + "]");
        }
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            errors.add("lambda " + lambda + " must be finite and > 0");
        }
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            errors.add("alpha " + alpha + " must be finite and >= 0");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            errors.add("threads " + threads + " must be in [1, " + MAX_THREADS + "]");
        }
        if (cgSteps < 1 || cgSteps > MAX_CG_STEPS) {
            errors.add("cgSteps " + cgSteps + " must be in [1, " + MAX_CG_STEPS + "]");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid ALS parameters: " + String.join("; ", errors));
        }
    }

    /** Defaults for {@link ExplicitAls} (ratings), one thread per available processor. */
    public static AlsParams defaults() {
        return new AlsParams(DEFAULT_RANK, DEFAULT_ITERATIONS, DEFAULT_LAMBDA, DEFAULT_IMPLICIT_ALPHA,
                ConfidenceScaling.LINEAR, defaultThreads(), DEFAULT_SEED, DEFAULT_CG_STEPS);
    }

    /** Defaults for {@link ImplicitAls} (clicks, plays, counts), one thread per available processor. */
    public static AlsParams implicitDefaults() {
        return new AlsParams(DEFAULT_IMPLICIT_RANK, DEFAULT_IMPLICIT_ITERATIONS, DEFAULT_IMPLICIT_LAMBDA,
                DEFAULT_IMPLICIT_ALPHA, ConfidenceScaling.LINEAR, defaultThreads(), DEFAULT_SEED, DEFAULT_CG_STEPS);
    }

    private static int defaultThreads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    public AlsParams withRank(int value) {
        return new AlsParams(value, iterations, lambda, alpha, confidence, threads, seed, cgSteps);
    }

    public AlsParams withIterations(int value) {
        return new AlsParams(rank, value, lambda, alpha, confidence, threads, seed, cgSteps);
    }

    public AlsParams withLambda(double value) {
        return new AlsParams(rank, iterations, value, alpha, confidence, threads, seed, cgSteps);
    }

    public AlsParams withAlpha(double value) {
        return new AlsParams(rank, iterations, lambda, value, confidence, threads, seed, cgSteps);
    }

    public AlsParams withConfidence(ConfidenceScaling value) {
        return new AlsParams(rank, iterations, lambda, alpha, value, threads, seed, cgSteps);
    }

    public AlsParams withThreads(int value) {
        return new AlsParams(rank, iterations, lambda, alpha, confidence, value, seed, cgSteps);
    }

    public AlsParams withSeed(long value) {
        return new AlsParams(rank, iterations, lambda, alpha, confidence, threads, value, cgSteps);
    }

    public AlsParams withCgSteps(int value) {
        return new AlsParams(rank, iterations, lambda, alpha, confidence, threads, seed, value);
    }
}
