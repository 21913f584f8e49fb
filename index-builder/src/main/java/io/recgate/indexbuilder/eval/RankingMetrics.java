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
}
