package io.recgate.core.fm;

import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores (user, item) pairs with an {@link FmModel} at the cost of one length-k dot product per
 * candidate.
 *
 * <p>Every feature is either user-side or item-side ({@link FeatureGroup#userSide()}), so with
 * {@code s_u = Σ_{user j} x_j v_j} and {@code s_i = Σ_{item j} x_j v_j} the FM splits into
 * {@code w0 + userConst(u) + itemConst(i) + ⟨s_u, s_i⟩}, where each constant holds its side's linear
 * terms and the pairwise terms within the side. {@code itemConst} and {@code s_i} are computed for
 * every item when the scorer is built ({@code items × k} floats); {@link #prepare} computes the
 * user's once per request.
 *
 * <p>Thread-safe: immutable after construction; {@link UserContext}s are immutable too.
 */
public final class FmScorer {

    private static final Kernels KERNELS = VectorKernels.implementation();

    private final FmModel model;
    private final int k;
    private final int itemCount;
    private final float[] itemConst;
    private final float[] itemSums;

    /** Precomputes the item side of every item: O(items · item features · k). */
    public FmScorer(FmModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.k = model.k();
        FeatureSpace space = model.space();
        this.itemCount = space.items().size();
        this.itemConst = new float[itemCount];
        this.itemSums = new float[itemCount * k];
        double[] sum = new double[k];
        for (int i = 0; i < itemCount; i++) {
            itemConst[i] = (float) sideConstant(space.itemFeatures(i), sum);
            for (int f = 0; f < k; f++) {
                itemSums[i * k + f] = (float) sum[f];
            }
        }
    }

    public FmModel model() {
        return model;
    }

    /**
     * The context of a known user, from the features stored in the model (id, tokens, rated items
     * as trained).
     *
     * @throws IllegalArgumentException when the index is outside [0, users)
     */
    public UserContext prepare(int user) {
        return prepare(model.space().userFeatures(user));
    }

    /**
     * The context of arbitrary user-side features, e.g. from
     * {@link FeatureSpace#encodeUser(int, List, int[])} for a new user. O(features · k).
     *
     * @throws IllegalArgumentException when a feature index is out of range, not on the user side or
     *                                  repeated
     */
    public UserContext prepare(SparseFeatures userFeatures) {
        FeatureSpace space = model.space();
        for (int index : userFeatures.indices()) {
            if (!space.groupOf(index).userSide()) {
                throw new IllegalArgumentException("feature " + index + " (" + space.featureName(index)
                        + ") is not a user-side feature");
            }
        }
        int[] sorted = userFeatures.indices().clone();
        Arrays.sort(sorted);
        for (int p = 1; p < sorted.length; p++) {
            if (sorted[p] == sorted[p - 1]) {
                throw new IllegalArgumentException("feature " + sorted[p] + " (" + space.featureName(sorted[p])
                        + ") appears twice");
            }
        }
        double[] sum = new double[k];
        float constant = (float) (model.w0() + sideConstant(userFeatures, sum));
        float[] s = new float[k];
        for (int f = 0; f < k; f++) {
            s[f] = (float) sum[f];
        }
        return new UserContext(userFeatures, constant, s);
    }

    /**
     * The FM score of one item for the prepared user.
     *
     * @throws IllegalArgumentException when the item is outside [0, items)
     */
    public float score(UserContext user, int item) {
        checkItem(item);
        return user.constant + itemConst[item] + KERNELS.dot(user.sum, 0, itemSums, item * k, k);
    }

    /**
     * Scores candidates into {@code out[0..items.length)}. Allocation-free.
     *
     * @throws IllegalArgumentException when an item is out of range or {@code out} is too short
     */
    public void scoreAll(UserContext user, int[] items, float[] out) {
        if (out.length < items.length) {
            throw new IllegalArgumentException("out length " + out.length + " < items length " + items.length);
        }
        for (int item : items) {
            checkItem(item);
        }
        float[] s = user.sum;
        float constant = user.constant;
        for (int c = 0; c < items.length; c++) {
            int item = items[c];
            out[c] = constant + itemConst[item] + KERNELS.dot(s, 0, itemSums, item * k, k);
        }
    }

    /**
     * Why an item scored what it did: the score split into the global bias, the user side on its own
     * (pairwise terms among the user's features), the item side on its own (its linear terms and
     * pairwise terms among its features), and for every user feature j its linear term plus its
     * interaction with the item, {@code x_j (w_j + ⟨v_j, s_i⟩)}, summed by group and listed for the
     * {@code topFeatures} features of largest absolute contribution. The parts add up to
     * {@link FmExplanation#score()} up to float rounding. O(user features · k); not for the hot path.
     *
     * @throws IllegalArgumentException when the item is out of range or topFeatures is negative
     */
    public FmExplanation explain(UserContext user, int item, int topFeatures) {
        checkItem(item);
        if (topFeatures < 0) {
            throw new IllegalArgumentException("topFeatures " + topFeatures + " must be >= 0");
        }
        FeatureSpace space = model.space();
        float[] w = model.w();
        float[] v = model.v();
        int[] idx = user.features.indices();
        float[] val = user.features.values();
        Map<FeatureGroup, Double> byGroup = new EnumMap<>(FeatureGroup.class);
        List<FmExplanation.FeatureContribution> all = new ArrayList<>(idx.length);
        double userLinear = 0;
        for (int p = 0; p < idx.length; p++) {
            int j = idx[p];
            double linear = (double) w[j] * val[p];
            userLinear += linear;
            double c = linear + (double) val[p] * KERNELS.dot(v, j * k, itemSums, item * k, k);
            FeatureGroup group = space.groupOf(j);
            byGroup.merge(group, c, Double::sum);
            all.add(new FmExplanation.FeatureContribution(space.featureName(j), group, (float) c));
        }
        all.sort(Comparator.comparingDouble((FmExplanation.FeatureContribution c) -> -Math.abs(c.contribution())));
        Map<FeatureGroup, Float> groups = new EnumMap<>(FeatureGroup.class);
        byGroup.forEach((g, c) -> groups.put(g, (float) c.doubleValue()));
        float userPairwise = (float) (user.constant - model.w0() - userLinear);
        return new FmExplanation(score(user, item), model.w0(), userPairwise, itemConst[item], groups,
                List.copyOf(all.subList(0, Math.min(topFeatures, all.size()))));
    }

    /** {@code s_i}, the factor sum of item {@code item}'s features, at {@code itemSums()[item * k()]}; shared. */
    float[] itemSums() {
        return itemSums;
    }

    /** {@code itemConst(i)}, the item side's linear and pairwise terms; shared. */
    float[] itemConstants() {
        return itemConst;
    }

    /** Linear terms plus pairwise terms within one side; writes the side's factor sum. */
    private double sideConstant(SparseFeatures x, double[] sum) {
        float[] w = model.w();
        float[] v = model.v();
        int[] idx = x.indices();
        float[] val = x.values();
        int n = model.space().numFeatures();
        Arrays.fill(sum, 0);
        double linear = 0;
        double sumSq = 0;
        for (int p = 0; p < idx.length; p++) {
            int j = idx[p];
            if (j < 0 || j >= n) {
                throw new IllegalArgumentException("feature " + j + " outside [0, " + n + ")");
            }
            linear += (double) w[j] * val[p];
            for (int f = 0; f < k; f++) {
                double t = (double) v[j * k + f] * val[p];
                sum[f] += t;
                sumSq += t * t;
            }
        }
        double squareOfSum = 0;
        for (int f = 0; f < k; f++) {
            squareOfSum += sum[f] * sum[f];
        }
        return linear + 0.5 * (squareOfSum - sumSq);
    }

    private void checkItem(int item) {
        if (item < 0 || item >= itemCount) {
            throw new IllegalArgumentException("item " + item + " outside [0, " + itemCount + ")");
        }
    }

    /**
     * The user side of one request: the user's features, {@code w0 + userConst} and {@code s_u}.
     * Immutable and thread-safe; build one per request with {@link FmScorer#prepare}.
     */
    public static final class UserContext {
        private final SparseFeatures features;
        private final float constant;
        private final float[] sum;

        private UserContext(SparseFeatures features, float constant, float[] sum) {
            this.features = features;
            this.constant = constant;
            this.sum = sum;
        }

        /** The user-side features this context was prepared from. */
        public SparseFeatures features() {
            return features;
        }

        /** {@code s_u}, the user side's factor sum; shared, do not modify. */
        float[] sum() {
            return sum;
        }

        /** {@code w0 + userConst(u)}. */
        float constant() {
            return constant;
        }
    }
}
