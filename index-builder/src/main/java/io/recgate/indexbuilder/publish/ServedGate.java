package io.recgate.indexbuilder.publish;

import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleVersion;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import io.recgate.indexbuilder.eval.EvalOptions;
import io.recgate.indexbuilder.eval.ItemDissimilarity;
import io.recgate.indexbuilder.eval.RankingMetrics;
import io.recgate.indexbuilder.eval.ServedEvaluation;
import io.recgate.indexbuilder.hnsw.BuiltIndex;
import io.recgate.indexbuilder.io.Interactions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The served-quality gate: writes a trial bundle (the model set, its indexes and the candidate
 * reranker) to a temporary root, loads it as the gateway would ({@link ServableBundle#load}),
 * evaluates the served pipeline on the test set ({@link ServedEvaluation}) and decides whether the
 * reranker may order the published bundle's lists: only when its served NDCG@K is at least
 * {@code (1 − tolerance)} × retrieval alone's. A refused reranker leaves the bundle in retrieval
 * order. The trial bundle is deleted before this returns.
 */
public final class ServedGate {

    /**
     * Default tolerance: none. A reranker that makes the served list worse than retrieval alone does
     * not ship, however small the loss: it would cost latency for nothing.
     */
    public static final double DEFAULT_TOLERANCE = 0.0;

    private ServedGate() {
    }

    /**
     * @param candidate  the reranker to judge ({@link RerankerKind#NONE}: only measure retrieval)
     * @param candidates candidates retrieved before reranking, as the gateway will serve
     * @param tolerance  share of retrieval alone's NDCG the reranker may lose, in [0, 1)
     * @param k          list length
     * @param threads    evaluation threads
     */
    public record Options(RerankerKind candidate, int candidates, double tolerance, int k, int threads) {
        public Options {
            Objects.requireNonNull(candidate, "candidate");
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("served tolerance " + tolerance + " must be in [0, 1)");
            }
            if (candidates < k || k < 1) {
                throw new IllegalArgumentException("candidates " + candidates + " must be >= k " + k + " >= 1");
            }
        }
    }

    /**
     * What the gate found.
     *
     * @param evaluation the served evaluation of the candidate reranker
     * @param reranker   what the published bundle is ordered by
     * @param refused    the candidate when it was refused, else null
     */
    public record Decision(ServedEvaluation.Result evaluation, RerankerKind reranker, RerankerKind refused) {

        /** The served list's metrics under the decision (retrieval alone's when refused). */
        public RankingMetrics served() {
            return reranker == evaluation.reranker() ? evaluation.served() : evaluation.retrieval();
        }

        /** How the published bundle serves, with every served metric for its manifest. */
        public BundlePublisher.Serving serving() {
            return new BundlePublisher.Serving(reranker, refused, evaluation.candidates(), metrics());
        }

        /** One line for the operator. */
        public String summary() {
            ServedEvaluation.Result e = evaluation;
            String head = String.format(Locale.ROOT, "served NDCG@%d %.4f (%s, %d candidates); retrieval alone %.4f;"
                    + " popularity %.4f", e.k(), served().ndcg(), reranker, e.candidates(), e.retrieval().ndcg(),
                    e.popularity().ndcg());
            if (refused != null) {
                return head + String.format(Locale.ROOT, "; reranker %s refused: its served NDCG@%d %.4f is %.3fx"
                        + " retrieval alone's, so the bundle serves retrieval order", refused, e.k(), e.served().ndcg(),
                        e.ratioToRetrieval());
            }
            return e.reranker() == RerankerKind.NONE ? head
                    : head + String.format(Locale.ROOT, "; reranker %s accepted (%.3fx retrieval alone)", reranker,
                            e.ratioToRetrieval());
        }

        /**
         * {@code served.<metric>@K} for the published order, {@code served.retrieval.*},
         * {@code served.popularity.*}, {@code served.candidate.*} for the judged reranker and
         * {@code served.sweep.c<C>.ndcg@K} / {@code .recall@K} per candidate count.
         */
        Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            ServedEvaluation.Result e = evaluation;
            served().putInto(m, "served.", e.k());
            e.retrieval().putInto(m, "served.retrieval.", e.k());
            e.popularity().putInto(m, "served.popularity.", e.k());
            if (e.reranker() != RerankerKind.NONE) {
                e.served().putInto(m, "served.candidate.", e.k());
            }
            for (ServedEvaluation.SweepPoint p : e.sweep()) {
                String prefix = "served.sweep.c" + p.candidates() + ".";
                if (Double.isFinite(p.served().ndcg())) {
                    m.put(prefix + "ndcg@" + e.k(), p.served().ndcg());
                    m.put(prefix + "recall@" + e.k(), p.served().recall());
                }
            }
            return m;
        }
    }

    /**
     * Runs the gate.
     *
     * @throws IllegalArgumentException when the model set has no factor model, or no model for the
     *                                  candidate reranker
     */
    public static Decision decide(ModelSet set, Interactions test, BuiltIndex retrieval, BuiltIndex similar,
                                  Options options) {
        if (set.factors() == null) {
            throw new IllegalArgumentException("the served pipeline needs a retrieval factor model: train als or"
                    + " implicit-als");
        }
        try (ScratchDirectory trialRoot = ScratchDirectory.create("recgate-served-")) {
            BundleVersion trial = BundlePublisher.publish(trialRoot.path(), new BundlePublisher.FromModelSet(set),
                    retrieval, similar, new BundlePublisher.Serving(options.candidate(), null, options.candidates(),
                            Map.of()), 1);
            ServableBundle bundle = ServableBundle.load(Bundle.open(trial.dir()));
            EvalOptions eval = EvalOptions.defaults().withK(options.k()).withThreads(options.threads())
                    .withDissimilarity(ItemDissimilarity.cosine(set.factors().itemFactors(), set.factors().dims()));
            ServedEvaluation.Result result = ServedEvaluation.evaluate(bundle, set.train().interactions(), test,
                    options.candidate(), options.candidates(), eval);
            boolean accepted = options.candidate() == RerankerKind.NONE
                    || result.served().ndcg() >= (1 - options.tolerance()) * result.retrieval().ndcg();
            return accepted ? new Decision(result, options.candidate(), null)
                    : new Decision(result, RerankerKind.NONE, options.candidate());
        }
    }
}
