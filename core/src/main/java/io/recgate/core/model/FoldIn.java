package io.recgate.core.model;

import io.recgate.core.linalg.Cholesky;
import java.util.Arrays;
import java.util.Objects;

/**
 * Computes a user vector from a few interactions against a model's fixed item factors: the ALS user
 * step for one user, as the gateway needs for anonymous sessions and users with new events.
 *
 * <p><b>Explicit</b> ({@link #explicit}): ratings r_i on items I, ridge least squares on the residual
 * after the global and item biases, regularized by λ·n (n = number of ratings, ALS-WR weighting):
 * <pre>  p = (Q_Iᵀ Q_I + λ n I)⁻¹ Q_Iᵀ (r − μ − b_I)</pre>
 * With {@code estimateUserBias}, the user bias is solved jointly with p (design rows [q_i, 1],
 * the same λ·n on the bias), so that {@code μ + b_u + b_i + ⟨p, q_i⟩} is the least-squares fit, as
 * {@link FactorModel#predict} scores; without it, b_u = 0. Repeated items count as repeated ratings.
 *
 * <p><b>Implicit</b> ({@link #implicit}): interaction strengths r_i ≥ 0, confidence c_i = 1 + α r_i,
 * preference 1 for items with r_i &gt; 0, every other item preference 0 with confidence 1 (Hu, Koren,
 * Volinsky 2008):
 * <pre>  p = (YᵀY + Y_Iᵀ (C_I − I) Y_I + λ I)⁻¹ Y_Iᵀ C_I 1</pre>
 * YᵀY is computed once at construction (O(items·dims²)). Repeated items are treated as one item with
 * the summed strength, as a trainer aggregating events would. The user bias is always 0.
 *
 * <p>Instances are immutable and thread-safe; each call needs a {@link Scratch} (one per thread,
 * reused across calls, or a fresh one per call via {@link #fold}). Costs O(n·dims² + dims³) per call.
 */
public final class FoldIn {

    private final FactorModel model;
    private final boolean implicit;
    private final double lambda;
    private final double alpha;
    private final boolean estimateUserBias;
    /** YᵀY (dims × dims, row-major) for implicit fold-in; null for explicit. */
    private final double[] gram;
    /** Unknowns per solve: dims, plus one for the user bias when estimated. */
    private final int unknowns;

    private FoldIn(FactorModel model, boolean implicit, double lambda, double alpha, boolean estimateUserBias) {
        this.model = model;
        this.implicit = implicit;
        this.lambda = lambda;
        this.alpha = alpha;
        this.estimateUserBias = estimateUserBias;
        this.gram = implicit ? gram(model) : null;
        this.unknowns = model.dims() + (estimateUserBias ? 1 : 0);
    }

    /**
     * Explicit-feedback fold-in.
     *
     * @param lambda           regularization per rating, &gt; 0 (the trainer's λ)
     * @param estimateUserBias solve for the user bias too (use for models trained with biases)
     * @throws IllegalArgumentException when λ is not positive and finite
     */
    public static FoldIn explicit(FactorModel model, double lambda, boolean estimateUserBias) {
        Objects.requireNonNull(model, "model");
        requirePositive("lambda", lambda);
        return new FoldIn(model, false, lambda, 0, estimateUserBias);
    }

    /**
     * Implicit-feedback fold-in; precomputes YᵀY.
     *
     * @param lambda regularization, &gt; 0 (the trainer's λ)
     * @param alpha  confidence scale, &gt;= 0 (the trainer's α)
     * @throws IllegalArgumentException when λ is not positive or α is negative or not finite
     */
    public static FoldIn implicit(FactorModel model, double lambda, double alpha) {
        Objects.requireNonNull(model, "model");
        requirePositive("lambda", lambda);
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha " + alpha + " must be >= 0 and finite");
        }
        return new FoldIn(model, true, lambda, alpha, false);
    }

    /** The model whose item factors are used. */
    public FactorModel model() {
        return model;
    }

    /** Length of the vectors this produces. */
    public int dims() {
        return model.dims();
    }

    /** True for implicit-feedback fold-in. */
    public boolean isImplicit() {
        return implicit;
    }

    /** Scratch space for one thread's calls; not thread-safe. */
    public Scratch newScratch() {
        return new Scratch(unknowns);
    }

    /**
     * Folds in a user and returns a new vector and bias (allocates; see
     * {@link #foldInto} for the allocation-free form).
     */
    public FoldedUser fold(int[] items, float[] values) {
        Objects.requireNonNull(items, "items");
        float[] vector = new float[model.dims()];
        float bias = foldInto(items, values, items.length, newScratch(), vector);
        return new FoldedUser(vector, bias);
    }

    /**
     * Folds in a user from {@code count} interactions: item indices {@code items[0..count)} with
     * ratings (explicit) or strengths (implicit) {@code values[0..count)}. Writes the user vector to
     * {@code out[0..dims)}. With no interactions the vector is zero.
     *
     * @return the user bias (0 for implicit fold-in or when not estimated)
     * @throws IllegalArgumentException on an item index outside the model (naming it and its position),
     *                                  a non-finite value, a negative implicit strength, or arrays
     *                                  shorter than {@code count} / dims
     */
    public float foldInto(int[] items, float[] values, int count, Scratch scratch, float[] out) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(out, "out");
        int dims = model.dims();
        if (count < 0 || count > items.length || count > values.length) {
            throw new IllegalArgumentException("count " + count + " must be in 0.." + Math.min(items.length, values.length)
                    + " (items " + items.length + ", values " + values.length + ")");
        }
        if (out.length < dims) {
            throw new IllegalArgumentException("out length " + out.length + " < dims " + dims);
        }
        if (scratch.unknowns != unknowns) {
            throw new IllegalArgumentException("scratch for " + scratch.unknowns + " unknowns, this fold-in needs "
                    + unknowns + " (use newScratch())");
        }
        checkInputs(items, values, count);
        if (count == 0) {
            Arrays.fill(out, 0, dims, 0f);
            return 0f;
        }
        if (implicit) {
            buildImplicit(items, values, count, scratch);
        } else {
            buildExplicit(items, values, count, scratch);
        }
        Cholesky.solveInPlace(scratch.a, scratch.b, unknowns);
        for (int k = 0; k < dims; k++) {
            out[k] = (float) scratch.b[k];
        }
        return estimateUserBias ? (float) scratch.b[dims] : 0f;
    }

    private void checkInputs(int[] items, float[] values, int count) {
        int itemCount = model.itemCount();
        for (int n = 0; n < count; n++) {
            int item = items[n];
            if (item < 0 || item >= itemCount) {
                throw new IllegalArgumentException("item index " + item + " at position " + n + " is outside 0.."
                        + (itemCount - 1));
            }
            float value = values[n];
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("value " + value + " at position " + n + " is not finite");
            }
            if (implicit && value < 0) {
                throw new IllegalArgumentException("implicit strength " + value + " at position " + n + " is negative");
            }
        }
    }

    private void buildExplicit(int[] items, float[] values, int count, Scratch scratch) {
        int dims = model.dims();
        int m = unknowns;
        double[] a = scratch.a;
        double[] b = scratch.b;
        Arrays.fill(a, 0, m * m, 0);
        Arrays.fill(b, 0, m, 0);
        float[] q = model.itemFactors();
        float[] itemBias = model.itemBias();
        double mu = model.globalBias();
        for (int n = 0; n < count; n++) {
            int row = items[n] * dims;
            double target = values[n] - mu - itemBias[items[n]];
            // Upper triangle only; mirrored below before the solve.
            for (int j = 0; j < dims; j++) {
                double qj = q[row + j];
                int aj = j * m;
                for (int k = j; k < dims; k++) {
                    a[aj + k] += qj * q[row + k];
                }
                b[j] += qj * target;
                if (estimateUserBias) {
                    a[aj + dims] += qj;
                }
            }
            if (estimateUserBias) {
                a[dims * m + dims] += 1;
                b[dims] += target;
            }
        }
        double ridge = lambda * count;
        for (int j = 0; j < m; j++) {
            a[j * m + j] += ridge;
        }
        mirrorUpper(a, m);
    }

    private void buildImplicit(int[] items, float[] values, int count, Scratch scratch) {
        int dims = model.dims();
        double[] a = scratch.a;
        double[] b = scratch.b;
        System.arraycopy(gram, 0, a, 0, dims * dims);
        Arrays.fill(b, 0, dims, 0);
        float[] y = model.itemFactors();
        int[] positive = scratch.items(count);
        int positives = 0;
        for (int n = 0; n < count; n++) {
            int row = items[n] * dims;
            // (c − 1) = α r: additive over repeated events of one item, so no aggregation needed here.
            double extra = alpha * values[n];
            if (extra != 0) {
                for (int j = 0; j < dims; j++) {
                    double yj = extra * y[row + j];
                    int aj = j * dims;
                    for (int k = j; k < dims; k++) {
                        a[aj + k] += yj * y[row + k];
                    }
                    b[j] += yj;
                }
            }
            if (values[n] > 0) {
                positive[positives++] = items[n];
            }
        }
        // The "+1" of c = 1 + α r in Yᵀ C p counts once per distinct preferred item.
        Arrays.sort(positive, 0, positives);
        for (int n = 0; n < positives; n++) {
            if (n > 0 && positive[n] == positive[n - 1]) {
                continue;
            }
            int row = positive[n] * dims;
            for (int j = 0; j < dims; j++) {
                b[j] += y[row + j];
            }
        }
        for (int j = 0; j < dims; j++) {
            a[j * dims + j] += lambda;
        }
        mirrorUpper(a, dims);
    }

    private static void mirrorUpper(double[] a, int m) {
        for (int j = 0; j < m; j++) {
            for (int k = j + 1; k < m; k++) {
                a[k * m + j] = a[j * m + k];
            }
        }
    }

    private static double[] gram(FactorModel model) {
        int dims = model.dims();
        float[] y = model.itemFactors();
        double[] g = new double[dims * dims];
        for (int row = 0; row < y.length; row += dims) {
            for (int j = 0; j < dims; j++) {
                double yj = y[row + j];
                int gj = j * dims;
                for (int k = j; k < dims; k++) {
                    g[gj + k] += yj * y[row + k];
                }
            }
        }
        mirrorUpper(g, dims);
        return g;
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " " + value + " must be > 0 and finite");
        }
    }

    /** A folded-in user: the vector (length dims) and the user bias (0 when not estimated). */
    public record FoldedUser(float[] vector, float bias) {
    }

    /**
     * Per-thread work arrays for {@link #foldInto}: the normal-equation matrix and right-hand side,
     * and an item buffer that grows to the largest interaction count seen. Not thread-safe.
     */
    public static final class Scratch {
        final int unknowns;
        final double[] a;
        final double[] b;
        private int[] items = new int[16];

        Scratch(int unknowns) {
            this.unknowns = unknowns;
            this.a = new double[unknowns * unknowns];
            this.b = new double[unknowns];
        }

        int[] items(int count) {
            if (items.length < count) {
                items = new int[Math.max(count, items.length * 2)];
            }
            return items;
        }
    }
}
