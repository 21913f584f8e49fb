package io.recgate.indexbuilder.pipeline;

import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.FmScorer;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.eval.EvalOptions;
import io.recgate.indexbuilder.eval.EvaluationReport;
import io.recgate.indexbuilder.eval.Evaluator;
import io.recgate.indexbuilder.eval.FactorModelRanker;
import io.recgate.indexbuilder.eval.ItemDissimilarity;
import io.recgate.indexbuilder.eval.Ranker;
import io.recgate.indexbuilder.eval.RatingPredictor;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import java.util.stream.IntStream;

/**
 * Evaluates one trained model on a test set beside the popularity baseline: rating metrics
 * (clipped to the training rating range) for explicit data and rating models, ranking metrics for
 * every model. Diversity is cosine over item factors for factor models, category Jaccard for FM.
 */
public final class ModelEvaluator {

    private ModelEvaluator() {
    }

    /** Exactly one of {@code factors} and {@code fm} is non-null. */
    public static EvaluationReport evaluate(ModelKind kind, FactorModel factors, FmModel fm, Dataset train,
                                            Interactions test, int k, int threads) {
        EvalOptions eval = EvalOptions.defaults().withK(k).withThreads(threads);
        if (train.explicit()) {
            float[] range = range(train.interactions().valueColumn());
            eval = eval.withClip(range[0], range[1]);
        }
        Ranker ranker;
        RatingPredictor predictor = null;
        if (factors != null) {
            ranker = new FactorModelRanker(factors, kind == ModelKind.ALS);
            if (kind == ModelKind.ALS && train.explicit()) {
                predictor = factors::predict;
            }
            eval = eval.withDissimilarity(ItemDissimilarity.cosine(factors.itemFactors(), factors.dims()));
        } else {
            FmScorer scorer = new FmScorer(fm);
            ranker = new FmRanker(scorer);
            if (train.explicit()) {
                predictor = (u, i) -> scorer.score(scorer.prepare(u), i);
            }
            eval = eval.withDissimilarity(ItemDissimilarity.categoryJaccard(train.catalog()));
        }
        return Evaluator.evaluate(train.interactions(), test, ranker, predictor, eval);
    }

    private static float[] range(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    /** Ranks all items by FM score; thread-safe (the scorer is immutable, scratch is per call). */
    private record FmRanker(FmScorer scorer, int[] allItems) implements Ranker {

        FmRanker(FmScorer scorer) {
            this(scorer, IntStream.range(0, scorer.model().space().items().size()).toArray());
        }

        @Override
        public int itemCount() {
            return allItems.length;
        }

        @Override
        public void score(int user, float[] out) {
            scorer.scoreAll(scorer.prepare(user), allItems, out);
        }
    }
}
