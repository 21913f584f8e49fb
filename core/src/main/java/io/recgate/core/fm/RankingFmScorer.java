package io.recgate.core.fm;

import io.recgate.core.fm.FmScorer.UserContext;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores retrieval candidates with a {@link RankingFmModel} at the cost of the sparse FM's one
 * length-k dot product plus O(D²) for D retrieval features per candidate. With {@code s_u}, {@code s_i}
 * the user's and the item's factor sums (see {@link FmScorer}):
 * <pre>
 * y = fm(u, i) + Σ_d x_d (w_d + ⟨v_d, s_u⟩ + ⟨v_d, s_i⟩) + Σ_{d&lt;e} x_d x_e ⟨v_d, v_e⟩
 * </pre>
 * {@code ⟨v_d, s_i⟩} is computed for every item when the scorer is built, {@code ⟨v_d, s_u⟩} once per
 * request by {@link #prepare}. Everything a candidate needs of its item (itemConst, the D values
 * ⟨v_d, s_i⟩, then s_i) sits in one row of a packed table: candidates are random items of a large
 * catalogue, so a candidate's cost is its cache misses, and one row is one or two cache lines where
 * separate arrays would be four.
 *
 * <p>Thread-safe: immutable after construction; {@link Request}s are immutable too.
 */
public final class RankingFmScorer {

    private static final Kernels KERNELS = VectorKernels.implementation();

    private final RankingFmModel model;
    private final FmScorer sparse;
    private final int d;
    private final int k;
    /** Per item, {@code stride} floats: itemConst, ⟨v_e, s_item⟩ for each e, then s_item (k floats). */
    private final float[] rows;
    private final int stride;
    /** [e * d + f] = ⟨v_e, v_f⟩ for e < f, else 0. */
    private final float[] densePairs;

    /** Precomputes the item side: O(items · (item features + D) · k). */
    public RankingFmScorer(RankingFmModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.sparse = new FmScorer(model.sparse());
        this.d = model.features().size();
        this.k = model.k();
        int items = model.sparse().space().items().size();
        float[] sums = sparse.itemSums();
        float[] constants = sparse.itemConstants();
        float[] v = model.v();
        this.stride = 1 + d + k;
        this.rows = new float[items * stride];
        for (int i = 0; i < items; i++) {
            int row = i * stride;
            rows[row] = constants[i];
            for (int e = 0; e < d; e++) {
                rows[row + 1 + e] = KERNELS.dot(v, e * k, sums, i * k, k);
            }
            System.arraycopy(sums, i * k, rows, row + 1 + d, k);
        }
        this.densePairs = new float[d * d];
        for (int e = 0; e < d; e++) {
            for (int f = e + 1; f < d; f++) {
                densePairs[e * d + f] = KERNELS.dot(v, e * k, v, f * k, k);
            }
        }
    }

    public RankingFmModel model() {
        return model;
    }

    /** The sparse part's scorer (user contexts are prepared with it). */
    public FmScorer sparse() {
        return sparse;
    }

    /** A request's user side: the sparse context and {@code w_d + ⟨v_d, s_u⟩} per feature. */
    public Request prepare(UserContext user) {
        float[] userDense = new float[d];
        float[] w = model.w();
        float[] v = model.v();
        for (int e = 0; e < d; e++) {
            userDense[e] = w[e] + KERNELS.dot(v, e * k, user.sum(), 0, k);
        }
        return new Request(user, userDense);
    }

    /**
     * The score of {@code item} with raw dense values {@code raw} (aligned with the model's
     * features); {@code x} is scratch of at least D floats, overwritten.
     *
     * @throws IllegalArgumentException when the item is out of range
     */
    public float score(Request request, int item, float[] raw, float[] x) {
        if (item < 0 || item >= rows.length / stride) {
            throw new IllegalArgumentException("item " + item + " outside [0, " + rows.length / stride + ")");
        }
        int row = item * stride;
        float y = request.user.constant() + rows[row] + KERNELS.dot(request.user.sum(), 0, rows, row + 1 + d, k);
        float[] mean = model.mean();
        float[] scale = model.scale();
        for (int e = 0; e < d; e++) {
            x[e] = (raw[e] - mean[e]) / scale[e];
        }
        for (int e = 0; e < d; e++) {
            float pairs = 0;
            for (int f = e + 1; f < d; f++) {
                pairs += densePairs[e * d + f] * x[f];
            }
            y += x[e] * (request.userDense[e] + rows[row + 1 + e] + pairs);
        }
        return y;
    }

    /**
     * The sparse FM's explanation with the retrieval features' share added: their total under
     * {@link FeatureGroup#RETRIEVAL} in {@code byUserGroup}, and each feature's
     * {@code x_d (w_d + ⟨v_d, s_u + s_i⟩) + ½ Σ_{e≠d} x_d x_e ⟨v_d, v_e⟩} among the top features.
     */
    public FmExplanation explain(Request request, int item, float[] raw, int topFeatures) {
        FmExplanation base = sparse.explain(request.user, item, Integer.MAX_VALUE);
        float[] x = new float[d];
        float total = score(request, item, raw, x);
        List<FmExplanation.FeatureContribution> all = new ArrayList<>(base.topFeatures());
        float retrieval = 0;
        for (int e = 0; e < d; e++) {
            float pairs = 0;
            for (int f = 0; f < d; f++) {
                if (f != e) {
                    pairs += densePairs[Math.min(e, f) * d + Math.max(e, f)] * x[f];
                }
            }
            float c = x[e] * (request.userDense[e] + rows[item * stride + 1 + e] + 0.5f * pairs);
            retrieval += c;
            all.add(new FmExplanation.FeatureContribution(model.features().get(e).fileName(), FeatureGroup.RETRIEVAL, c));
        }
        all.sort(Comparator.comparingDouble((FmExplanation.FeatureContribution c) -> -Math.abs(c.contribution())));
        Map<FeatureGroup, Float> groups = new EnumMap<>(FeatureGroup.class);
        groups.putAll(base.byUserGroup());
        groups.put(FeatureGroup.RETRIEVAL, retrieval);
        return new FmExplanation(total, base.globalBias(), base.userPairwise(), base.itemSide(), groups,
                List.copyOf(all.subList(0, Math.min(topFeatures, all.size()))));
    }

    /** One request's user side. Immutable. */
    public static final class Request {
        private final UserContext user;
        private final float[] userDense;

        private Request(UserContext user, float[] userDense) {
            this.user = user;
            this.userDense = userDense;
        }
    }
}
