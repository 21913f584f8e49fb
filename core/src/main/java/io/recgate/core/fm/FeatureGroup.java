package io.recgate.core.fm;

/**
 * The groups of FM features. Each group is a contiguous range of feature indices in a
 * {@link FeatureSpace}; the trainer gives each group its own priors. A group is on the user side
 * (constant for all candidates of one request) or the item side (constant per item), which is what
 * lets {@link FmScorer} score a candidate with one dot product.
 */
public enum FeatureGroup {
    /** One-hot user id. */
    USER_ID(true),
    /** One-hot item id. */
    ITEM_ID(false),
    /** User side tokens such as {@code age:25-34}, {@code gender:F}. */
    USER_TOKEN(true),
    /** Item side tokens such as {@code genre:Comedy}, {@code year:1990s}. */
    ITEM_TOKEN(false),
    /** The items the user rated, each valued 1/sqrt(|N(u)|) (SVD++ / libFM "implicit" group). */
    IMPLICIT(true),
    /**
     * The ranking FM's {@link RetrievalFeature}s: dense values of the (user, candidate) pair that a
     * request supplies. Never part of a {@link FeatureSpace} (size 0 there); named here so that
     * explanations can attribute their share of a ranking score.
     */
    RETRIEVAL(false);

    private final boolean userSide;

    FeatureGroup(boolean userSide) {
        this.userSide = userSide;
    }

    /** True for groups that describe the user (or the request), false for item groups. */
    public boolean userSide() {
        return userSide;
    }
}
