package io.recgate.core.serving;

import io.recgate.core.fm.FmExplanation;

/**
 * Orders the retrieved candidates of one request. Implementations are immutable and thread-safe;
 * per-request state lives on the stack of {@link #score}.
 */
public interface Reranker {

    /** Which reranker this is. */
    RerankerKind kind();

    /**
     * Writes the score of each candidate to {@code out[0..n)}; higher ranks first. A candidate the
     * model does not know gets {@link Float#NEGATIVE_INFINITY}, so it ranks after every scored one.
     *
     * @param candidates      bundle item indices, {@code n} of them
     * @param retrievalScores their inner products with the user vector, aligned with candidates
     */
    void score(ServableBundle bundle, UserSignals user, int[] candidates, float[] retrievalScores, int n, float[] out);

    /** Why {@code item} scored what it did, or null when this reranker cannot say. Not for the hot path. */
    FmExplanation explain(ServableBundle bundle, UserSignals user, int item, float retrievalScore, int topFeatures);
}
