package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.kernels.TopK;
import io.recgate.kernels.VectorKernels;

/** Test-side evaluation helpers (the real evaluation package is another helper's). */
final class OfflineMetrics {

    static final int NDCG_K = 10;

    private OfflineMetrics() {
    }

    /** RMSE of the model on {@code test}, predictions clipped to [min, max]. */
    static double rmse(FactorModel model, Interactions test, float min, float max) {
        double sum = 0;
        for (int r = 0; r < test.size(); r++) {
            float prediction = Math.max(min, Math.min(max, model.predict(test.user(r), test.item(r))));
            double error = test.value(r) - prediction;
            sum += error * error;
        }
        return Math.sqrt(sum / test.size());
    }

    /** NDCG@10 of the model's scores, averaged over test users; seen training items are excluded. */
    static double ndcg(FactorModel model, Interactions train, Interactions test) {
        int items = model.itemCount();
        float[] scores = new float[items];
        float[] userVector = new float[model.dims()];
        return ndcg(train, test, items, (u, out) -> {
            System.arraycopy(model.userFactors(), u * model.dims(), userVector, 0, model.dims());
            VectorKernels.dotRows(userVector, model.itemFactors(), out);
        }, scores);
    }

    /** NDCG@10 of ranking by training interaction count, same protocol as {@link #ndcg(FactorModel, Interactions, Interactions)}. */
    static double popularityNdcg(Interactions train, Interactions test) {
        int items = train.items().size();
        float[] counts = new float[items];
        for (int r = 0; r < train.size(); r++) {
            counts[train.item(r)]++;
        }
        return ndcg(train, test, items, (u, out) -> System.arraycopy(counts, 0, out, 0, items), new float[items]);
    }

    interface Scorer {
        void score(int user, float[] out);
    }

    private static double ndcg(Interactions train, Interactions test, int items, Scorer scorer, float[] scores) {
        int users = train.users().size();
        boolean[][] seen = incidence(train, users, items);
        boolean[][] relevant = incidence(test, users, items);
        double total = 0;
        int evaluated = 0;
        for (int u = 0; u < users; u++) {
            int relevantCount = 0;
            for (boolean b : relevant[u]) {
                relevantCount += b ? 1 : 0;
            }
            if (relevantCount == 0) {
                continue;
            }
            scorer.score(u, scores);
            for (int i = 0; i < items; i++) {
                if (seen[u][i]) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
            }
            int[] top = TopK.largest(scores, items, NDCG_K);
            double dcg = 0;
            for (int rank = 0; rank < top.length; rank++) {
                if (relevant[u][top[rank]]) {
                    dcg += 1.0 / log2(rank + 2);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(NDCG_K, relevantCount); rank++) {
                ideal += 1.0 / log2(rank + 2);
            }
            total += dcg / ideal;
            evaluated++;
        }
        return total / evaluated;
    }

    private static boolean[][] incidence(Interactions data, int users, int items) {
        boolean[][] m = new boolean[users][items];
        for (int r = 0; r < data.size(); r++) {
            m[data.user(r)][data.item(r)] = true;
        }
        return m;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
