package io.recgate.indexbuilder.eval;

/**
 * Top-K ranking quality of one ranker, averaged over the evaluated users (all NaN when no user
 * was evaluated). See {@link Evaluator} for the exact definitions.
 *
 * @param precision      mean hits / K
 * @param recall         mean hits / (number of relevant items of the user)
 * @param ndcg           mean DCG / ideal DCG with binary gains and log2(rank + 1) discounts
 * @param map            mean average precision at K, normalized by min(relevant, K)
 * @param hitRate        share of users with at least one hit
 * @param coverage       distinct items in any top-K list / items in the catalogue
 * @param diversity      mean intra-list pairwise dissimilarity; NaN when not measured
 * @param novelty        mean −log2(training popularity share) of recommended items
 * @param usersEvaluated number of users averaged over
 */
public record RankingMetrics(double precision, double recall, double ndcg, double map, double hitRate,
                             double coverage, double diversity, double novelty, int usersEvaluated) {

    /**
     * Adds the finite metrics to a manifest's metric map as {@code <prefix>precision@K}, recall,
     * ndcg, map, hitrate, and {@code <prefix>coverage}, diversity, novelty (NaN: not measured, left out).
     */
    public void putInto(java.util.Map<String, Double> metrics, String prefix, int k) {
        finite(metrics, prefix + "precision@" + k, precision);
        finite(metrics, prefix + "recall@" + k, recall);
        finite(metrics, prefix + "ndcg@" + k, ndcg);
        finite(metrics, prefix + "map@" + k, map);
        finite(metrics, prefix + "hitrate@" + k, hitRate);
        finite(metrics, prefix + "coverage", coverage);
        finite(metrics, prefix + "diversity", diversity);
        finite(metrics, prefix + "novelty", novelty);
    }

    private static void finite(java.util.Map<String, Double> metrics, String key, double value) {
        if (Double.isFinite(value)) {
            metrics.put(key, value);
        }
    }
}
