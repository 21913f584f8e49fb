package io.recgate.indexbuilder.eval;

import io.recgate.core.serving.RecommendQuery;
import io.recgate.core.serving.RecommendationPipeline;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import io.recgate.core.serving.UserSignals;
import io.recgate.indexbuilder.io.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Evaluates what is served: each test user's list comes from {@link RecommendationPipeline} on a
 * {@link ServableBundle} — the gateway's own code, with the real ANN index, the exclusions and the
 * reranker — and is scored like any model's list ({@link Evaluator}). Reported beside retrieval
 * alone (the same pipeline ordering by inner product) and the popularity baseline, with a sweep over
 * the number of candidates retrieved before reranking.
 *
 * <p>The bundle must have been built from {@code train}: the same user and item id maps (the
 * pipeline excludes the bundle's own record of each user's training items).
 */
public final class ServedEvaluation {

    /** Candidate counts of the sweep, besides k and the configured count. */
    static final int[] SWEEP = {50, 100, 200, 500};

    private ServedEvaluation() {
    }

    /**
     * The served pipeline's quality.
     *
     * @param k           list length
     * @param candidates  candidates the served list is evaluated with (the gateway's default)
     * @param reranker    the reranker evaluated; {@link RerankerKind#NONE} gives retrieval alone
     * @param served      the served list's metrics at {@code candidates}
     * @param retrieval   retrieval alone at {@code candidates}
     * @param popularity  the popularity baseline
     * @param sweep       the served list at each candidate count, ascending
     */
    public record Result(int k, int candidates, RerankerKind reranker, RankingMetrics served, RankingMetrics retrieval,
                         RankingMetrics popularity, List<SweepPoint> sweep) {

        /** served NDCG ÷ retrieval-alone NDCG. */
        public double ratioToRetrieval() {
            return served.ndcg() / retrieval.ndcg();
        }

        /** served NDCG ÷ popularity NDCG. */
        public double ratioToPopularity() {
            return served.ndcg() / popularity.ndcg();
        }
    }

    /** The served list's metrics at one candidate count. */
    public record SweepPoint(int candidates, RankingMetrics served) {
    }

    /**
     * Runs the evaluation.
     *
     * @throws IllegalArgumentException when the bundle's ids differ from {@code train}'s, the
     *                                  bundle has no model for {@code reranker}, or candidates &lt; k
     */
    public static Result evaluate(ServableBundle bundle, Interactions train, Interactions test, RerankerKind reranker,
                                  int candidates, EvalOptions options) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(reranker, "reranker");
        if (!bundle.users().equals(train.users()) || !bundle.items().equals(train.items())) {
            throw new IllegalArgumentException("bundle " + bundle.version() + " was not built from this training data: "
                    + bundle.users().size() + " users / " + bundle.items().size() + " items, data "
                    + train.users().size() + " / " + train.items().size());
        }
        if (!bundle.hasReranker(reranker)) {
            throw new IllegalArgumentException("bundle " + bundle.version() + " has no " + reranker + " model");
        }
        int k = options.k();
        int itemCount = bundle.items().size();
        int configured = Math.min(Math.max(candidates, k), itemCount);
        RankingMetrics served = Evaluator.lists(train, test, pipeline(bundle, reranker, k, configured), options);
        RankingMetrics retrieval = reranker == RerankerKind.NONE ? served
                : Evaluator.lists(train, test, pipeline(bundle, RerankerKind.NONE, k, configured), options);
        RankingMetrics popularity = Evaluator.popularity(train, test, options);
        TreeSet<Integer> counts = new TreeSet<>();
        counts.add(Math.min(k, itemCount));
        for (int c : SWEEP) {
            counts.add(Math.min(Math.max(c, k), itemCount));
        }
        counts.add(configured);
        List<SweepPoint> sweep = new ArrayList<>();
        for (int c : counts) {
            RankingMetrics m = c == configured ? served
                    : Evaluator.lists(train, test, pipeline(bundle, reranker, k, c), options);
            sweep.add(new SweepPoint(c, m));
        }
        return new Result(k, configured, reranker, served, retrieval, popularity, List.copyOf(sweep));
    }

    /** Lists from the served pipeline for known users without live history (offline, that is everyone). */
    static ListSource pipeline(ServableBundle bundle, RerankerKind reranker, int k, int candidates) {
        RecommendQuery query = RecommendQuery.of(k, candidates).withReranker(reranker);
        return () -> (user, listLength) -> RecommendationPipeline.recommend(bundle, UserSignals.of(user),
                listLength == k ? query : RecommendQuery.of(listLength, Math.max(listLength, candidates))
                        .withReranker(reranker)).items();
    }
}
