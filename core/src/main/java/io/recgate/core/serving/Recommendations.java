package io.recgate.core.serving;

/**
 * A served list, best first, with what produced it. Arrays are owned by the caller.
 *
 * @param coldStart        true when the user had no signals and the list is the popularity order
 * @param reranker         what ordered the candidates ({@link RerankerKind#NONE} for retrieval order
 *                         and for cold start)
 * @param items            bundle item indices
 * @param scores           the score that ordered each item: the reranker's, else the retrieval
 *                         inner product; for cold start the item's share of training interactions
 * @param retrievalScores  inner product of user and item vectors; NaN for cold start
 * @param predictedRatings the rating FM's prediction per item (NaN where it does not know the
 *                         item), or null when the bundle has no rating FM
 * @param candidates       items retrieved before reranking (0 for cold start)
 * @param retrievalNanos   time for the user vector and the index search
 * @param rerankNanos      time for the rerank and top k
 */
public record Recommendations(boolean coldStart, RerankerKind reranker, int[] items, float[] scores,
                              float[] retrievalScores, float[] predictedRatings, int candidates,
                              long retrievalNanos, long rerankNanos) {

    /** Number of items. */
    public int size() {
        return items.length;
    }
}
