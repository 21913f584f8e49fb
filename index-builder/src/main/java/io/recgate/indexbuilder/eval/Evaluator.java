package io.recgate.indexbuilder.eval;

import io.recgate.indexbuilder.io.Interactions;
import java.util.Objects;

/**
 * Offline evaluation of a recommender on a train/test split, beside a popularity baseline
 * computed on the same split.
 *
 * <p>Definitions, per evaluated user u, with K = {@link EvalOptions#k()}:
 * <ul>
 *   <li><b>Candidates</b>: every catalogue item u has no training interaction with. The ranker
 *       scores all items; seen items are removed before the top K is taken with
 *       {@link io.recgate.kernels.TopK} (ties by lower item index). The list has
 *       min(K, candidates) items.</li>
 *   <li><b>Relevant</b>: u's distinct test items with value &gt;= the relevance threshold that u
 *       did not see in training (a seen item can never be recommended). A user is evaluated when
 *       it has at least one relevant item and at least one candidate.</li>
 *   <li>Precision@K = hits / K; Recall@K = hits / |relevant|; HitRate@K = 1 if hits &gt; 0.</li>
 *   <li>NDCG@K = Σ_{hit at rank r} 1/log2(r + 1) / Σ_{r=1}^{min(|relevant|, K)} 1/log2(r + 1)
 *       (binary gains, ranks from 1).</li>
 *   <li>MAP@K: AP = Σ_{hit at rank r} (hits in the first r) / r, divided by min(|relevant|, K).</li>
 *   <li>Novelty = mean over the list of −log2(count(i) / training rows), where an item with no
 *       training interaction counts as one (so the value stays finite).</li>
 *   <li>Diversity = mean over the list's pairs of {@link ItemDissimilarity#distance}; users
 *       whose list has fewer than two items are left out of this mean.</li>
 * </ul>
 * Each metric is the mean over evaluated users; coverage = distinct items in any list / catalogue
 * size. RMSE and MAE are over every test row ({@link RatingMetrics}), not only evaluated users.
 *
 * <p>Thread-safety: stateless; {@link #evaluate} may run concurrently with other calls. It blocks
 * the calling thread and uses {@link EvalOptions#threads()} workers, shut down before it returns.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Evaluates {@code model} (and, when {@code predictor} is non-null, its rating predictions)
     * and the popularity baseline of {@code train}.
     *
     * @param train     the training interactions (seen items, popularity, novelty)
     * @param test      the held-out interactions; must share train's id maps
     * @param model     ranks all items for a user; its item count must equal the catalogue size
     * @param predictor rating predictor for RMSE/MAE, or null for implicit data (no rating metrics)
     * @throws IllegalArgumentException when id maps or item counts disagree
     */
    public static EvaluationReport evaluate(Interactions train, Interactions test, Ranker model,
                                            RatingPredictor predictor, EvalOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        RankingEvaluation evaluation = prepare(train, test, options);
        RatingMetrics rating = predictor == null ? null
                : RatingMetrics.compute(predictor, test, options.clipMin(), options.clipMax());
        RankingMetrics modelMetrics = evaluation.run(model);
        RankingMetrics baseline = evaluation.run(new PopularityRanker(train));
        String measure = options.dissimilarity() == null ? "none" : options.dissimilarity().description();
        return new EvaluationReport(options.k(), rating, modelMetrics, baseline, measure);
    }

    /** Ranking metrics of one ranker alone (no baseline, no rating metrics). */
    public static RankingMetrics rank(Interactions train, Interactions test, Ranker ranker, EvalOptions options) {
        Objects.requireNonNull(ranker, "ranker");
        Objects.requireNonNull(options, "options");
        return prepare(train, test, options).run(ranker);
    }

    /** Ranking metrics of lists made by {@code lists} (e.g. the served pipeline), no baseline. */
    public static RankingMetrics lists(Interactions train, Interactions test, ListSource lists, EvalOptions options) {
        Objects.requireNonNull(lists, "lists");
        Objects.requireNonNull(options, "options");
        return prepare(train, test, options).run(lists);
    }

    /** The popularity baseline's ranking metrics on {@code train}'s counts. */
    public static RankingMetrics popularity(Interactions train, Interactions test, EvalOptions options) {
        return rank(train, test, new PopularityRanker(train), options);
    }

    private static RankingEvaluation prepare(Interactions train, Interactions test, EvalOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("train and test must share id maps: train has " + train.users().size()
                    + " users / " + train.items().size() + " items, test " + test.users().size() + " / "
                    + test.items().size());
        }
        UserItems seen = UserItems.of(train);
        UserItems relevant = UserItems.of(test, options.relevanceThreshold(), seen);
        int itemCount = train.items().size();
        long[] counts = new long[itemCount];
        for (int item : train.itemColumn()) {
            counts[item]++;
        }
        double rows = Math.max(1, train.size());
        double[] selfInformation = new double[itemCount];
        for (int i = 0; i < itemCount; i++) {
            selfInformation[i] = -Math.log(Math.max(1, counts[i]) / rows) / Math.log(2);
        }
        return new RankingEvaluation(seen, relevant, selfInformation, options);
    }
}
