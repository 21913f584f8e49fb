package io.recgate.core.fm;

import java.util.List;
import java.util.Map;

/**
 * The parts of one FM score, see {@link FmScorer#explain}. They add up to {@code score} up to float
 * rounding: {@code globalBias + userPairwise + itemSide + Σ byUserGroup}.
 *
 * @param score         the FM score
 * @param globalBias    w0
 * @param userPairwise  pairwise terms among the user's own features
 * @param itemSide      the item's linear terms and pairwise terms among its own features
 * @param byUserGroup   per user-side group, Σ x_j (w_j + ⟨v_j, s_i⟩) over its features present
 * @param topFeatures   the user features of largest absolute contribution, largest first
 */
public record FmExplanation(float score, float globalBias, float userPairwise, float itemSide,
                            Map<FeatureGroup, Float> byUserGroup, List<FeatureContribution> topFeatures) {

    public FmExplanation {
        byUserGroup = Map.copyOf(byUserGroup);
        topFeatures = List.copyOf(topFeatures);
    }

    /**
     * One user feature's part of the score: its linear term plus its interaction with the item.
     *
     * @param feature      readable name, see {@link FeatureSpace#featureName(int)}
     * @param group        the feature's group
     * @param contribution {@code x_j (w_j + ⟨v_j, s_i⟩)}
     */
    public record FeatureContribution(String feature, FeatureGroup group, float contribution) {
    }
}
