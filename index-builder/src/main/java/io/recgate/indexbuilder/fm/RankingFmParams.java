package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.RetrievalFeature;
import io.recgate.core.serving.RerankerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Hyperparameters of {@link RankingFmTrainer}.
 *
 * @param factors        factors per feature, k
 * @param epochs         passes over the training triples
 * @param learningRate   Adam step size
 * @param regularization L2 weight decay on every parameter, per step
 * @param batch          triples per Adam step
 * @param folds          per-user partitions of the training data; each fold is held out once, a
 *                       retrieval model is fitted on the rest, and the held-out items among its
 *                       candidates are the positives (more folds: more positives, one ALS fit each)
 * @param candidates     length of the candidate lists, as served: the list statistics of the
 *                       retrieval features ({@link RetrievalFeature#SCORE_Z}) are over this many
 * @param window         positives and negatives come from the top {@code window} of each list, where
 *                       the reranker's choices matter for the top k
 * @param hardNegatives  negatives per positive, drawn uniformly from the same window
 * @param popularNegatives negatives per positive drawn from the whole catalogue by popularity (items
 *                       the user has neither seen nor held out): they teach what retrieval already
 *                       ranks low; 0 by default, as on MovieLens 100K they added nothing
 * @param listUsers      at most this many users per fold get a training list (a seeded sample):
 *                       each list scores every item, so this bounds the cost on large catalogues
 * @param features       the retrieval features, in model order
 * @param userTokens     use the users' side tokens
 * @param itemTokens     use the items' side tokens
 * @param history        use the items each user interacted with (the implicit group)
 * @param initStdev      standard deviation of the initial factors
 * @param seed           seed of the folds, the negatives, the initial factors and the shuffles
 */
public record RankingFmParams(int factors, int epochs, double learningRate, double regularization, int batch,
                              int folds, int candidates, int window, int hardNegatives, int popularNegatives, int listUsers, List<RetrievalFeature> features,
                              boolean userTokens, boolean itemTokens, boolean history, double initStdev, long seed) {

    /** @throws IllegalArgumentException listing every invalid value */
    public RankingFmParams {
        features = List.copyOf(features);
        List<String> errors = new ArrayList<>();
        if (factors < 1 || factors > 1024) {
            errors.add("factors " + factors + " must be in [1, 1024]");
        }
        if (epochs < 1) {
            errors.add("epochs " + epochs + " must be >= 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            errors.add("learningRate " + learningRate + " must be finite and > 0");
        }
        if (!(regularization >= 0) || Double.isInfinite(regularization)) {
            errors.add("regularization " + regularization + " must be finite and >= 0");
        }
        if (batch < 1) {
            errors.add("batch " + batch + " must be >= 1");
        }
        if (folds < 2 || folds > 20) {
            errors.add("folds " + folds + " must be in [2, 20]");
        }
        if (candidates < 2) {
            errors.add("candidates " + candidates + " must be >= 2");
        }
        if (window < 2 || window > candidates) {
            errors.add("window " + window + " must be in [2, candidates " + candidates + "]");
        }
        if (listUsers < 1) {
            errors.add("listUsers " + listUsers + " must be >= 1");
        }
        if (hardNegatives < 1) {
            errors.add("hardNegatives " + hardNegatives + " must be >= 1");
        }
        if (popularNegatives < 0) {
            errors.add("popularNegatives " + popularNegatives + " must be >= 0");
        }
        if (!(initStdev > 0) || Double.isInfinite(initStdev)) {
            errors.add("initStdev " + initStdev + " must be finite and > 0");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid ranking FM parameters: " + String.join("; ", errors));
        }
    }

    /** Defaults chosen on MovieLens 100K u1 (docs/BENCHMARKS.md, served pipeline). */
    public static RankingFmParams defaults() {
        return new RankingFmParams(32, 1, 0.01, 3e-3, 512, 5, RerankerKind.DEFAULT_CANDIDATES, 50, 4, 0, 5000,
                List.of(RetrievalFeature.SCORE_Z, RetrievalFeature.LOG_POPULARITY), false, false, true, 0.01, 42L);
    }

    /** A copy with another seed. */
    public RankingFmParams withSeed(long newSeed) {
        return new RankingFmParams(factors, epochs, learningRate, regularization, batch, folds, candidates, window,
                hardNegatives, popularNegatives, listUsers, features, userTokens, itemTokens, history, initStdev, newSeed);
    }
}
