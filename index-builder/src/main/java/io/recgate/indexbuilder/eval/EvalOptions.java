package io.recgate.indexbuilder.eval;

/**
 * Settings of one evaluation. Immutable; build from {@link #defaults()} with the {@code with*}
 * methods.
 *
 * @param k                  list length of the ranking metrics (the "@K"), &gt;= 1
 * @param threads            worker threads for the per-user ranking, &gt;= 1; results do not depend
 *                           on it
 * @param relevanceThreshold a test interaction is relevant when its value is &gt;= this;
 *                           {@code Float.NEGATIVE_INFINITY} (the default) makes every test
 *                           interaction relevant. Typical for 1–5 ratings: 4
 * @param clipMin            predictions below this are raised to it before RMSE/MAE; NaN: no clipping
 * @param clipMax            predictions above this are lowered to it before RMSE/MAE; NaN: no clipping
 * @param dissimilarity      item dissimilarity for intra-list diversity, or null to report no
 *                           diversity
 */
public record EvalOptions(int k, int threads, float relevanceThreshold, float clipMin, float clipMax,
                          ItemDissimilarity dissimilarity) {

    /** The default list length. */
    public static final int DEFAULT_K = 10;

    /** @throws IllegalArgumentException on k &lt; 1, threads &lt; 1, a NaN threshold or clipMin &gt; clipMax */
    public EvalOptions {
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + " must be >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be >= 1");
        }
        if (Float.isNaN(relevanceThreshold)) {
            throw new IllegalArgumentException("relevanceThreshold must not be NaN (use -Infinity for all relevant)");
        }
        if (clipMin > clipMax) {
            throw new IllegalArgumentException("clip range [" + clipMin + ", " + clipMax + "] is empty");
        }
    }

    /** K = 10, one thread per available processor, every test interaction relevant, no clipping, no diversity. */
    public static EvalOptions defaults() {
        return new EvalOptions(DEFAULT_K, Runtime.getRuntime().availableProcessors(), Float.NEGATIVE_INFINITY,
                Float.NaN, Float.NaN, null);
    }

    public EvalOptions withK(int newK) {
        return new EvalOptions(newK, threads, relevanceThreshold, clipMin, clipMax, dissimilarity);
    }

    public EvalOptions withThreads(int newThreads) {
        return new EvalOptions(k, newThreads, relevanceThreshold, clipMin, clipMax, dissimilarity);
    }

    public EvalOptions withRelevanceThreshold(float threshold) {
        return new EvalOptions(k, threads, threshold, clipMin, clipMax, dissimilarity);
    }

    /** Clip predictions to [min, max] for RMSE/MAE, e.g. (1, 5) for MovieLens ratings. */
    public EvalOptions withClip(float min, float max) {
        return new EvalOptions(k, threads, relevanceThreshold, min, max, dissimilarity);
    }

    public EvalOptions withDissimilarity(ItemDissimilarity newDissimilarity) {
        return new EvalOptions(k, threads, relevanceThreshold, clipMin, clipMax, newDissimilarity);
    }
}
