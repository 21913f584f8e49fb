package io.recgate.indexbuilder.eval;

/**
 * Predicts the rating a user would give an item, for RMSE and MAE. Indices are the dense indices
 * of the interactions' id maps. Implementations must be safe to call from several threads.
 */
@FunctionalInterface
public interface RatingPredictor {

    /** The predicted rating of dense user index {@code user} for dense item index {@code item}. */
    float predict(int user, int item);
}
