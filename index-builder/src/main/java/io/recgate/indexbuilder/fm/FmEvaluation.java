package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.FmScorer;
import io.recgate.core.fm.SparseFeatures;
import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Interactions;
import java.util.Objects;

/**
 * Rating-prediction error of an {@link FmModel} on held-out interactions, computed through
 * {@link FmScorer} — the serving path — so the number is that of the model as served.
 */
public final class FmEvaluation {

    private FmEvaluation() {
    }

    /**
     * Root mean squared error of the predictions, each clipped to [minRating, maxRating].
     * Users and items are matched by external id; a user unknown to the model is scored from no
     * user features (global bias plus the item side).
     *
     * @throws IllegalArgumentException when the test set is empty, the range is empty, or a test
     *                                  item is unknown to the model
     */
    public static double rmse(FmModel model, Interactions test, float minRating, float maxRating) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(test, "test");
        if (!(minRating <= maxRating)) {
            throw new IllegalArgumentException("rating range [" + minRating + ", " + maxRating + "] is empty");
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("no test interactions");
        }
        FmScorer scorer = new FmScorer(model);
        IdMap modelUsers = model.space().users();
        IdMap modelItems = model.space().items();
        int[] itemIndex = new int[test.items().size()];
        for (int i = 0; i < itemIndex.length; i++) {
            itemIndex[i] = modelItems.indexOf(test.items().id(i));
        }
        FmScorer.UserContext[] contexts = new FmScorer.UserContext[test.users().size()];
        double sq = 0;
        for (int c = 0; c < test.size(); c++) {
            int u = test.user(c);
            if (contexts[u] == null) {
                int modelUser = modelUsers.indexOf(test.users().id(u));
                contexts[u] = modelUser >= 0 ? scorer.prepare(modelUser) : scorer.prepare(SparseFeatures.EMPTY);
            }
            int item = itemIndex[test.item(c)];
            if (item < 0) {
                throw new IllegalArgumentException("test item '" + test.items().id(test.item(c))
                        + "' is unknown to the model");
            }
            float prediction = Math.min(maxRating, Math.max(minRating, scorer.score(contexts[u], item)));
            double error = prediction - test.value(c);
            sq += error * error;
        }
        return Math.sqrt(sq / test.size());
    }
}
