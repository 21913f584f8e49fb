package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.time.Duration;
import java.util.Objects;

/**
 * Alternating least squares for implicit feedback (Hu, Koren, Volinsky 2008, "Collaborative
 * filtering for implicit feedback datasets"): every (user, item) pair has preference 1 if the user
 * interacted with the item and 0 otherwise, weighted by confidence c = 1 + α·r (or 1 + α·ln(1 + r),
 * see {@link ConfidenceScaling}) for interaction weight r and 1 for unobserved pairs. It minimises
 * <pre>  Σ_(u,i) c_ui (p_ui − ⟨x_u, y_i⟩)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)</pre>
 * over all users × items, using the precomputed YᵀY so that a row costs O(n_u·k) per CG step
 * instead of O(items·k). Each row takes {@code params.cgSteps()} conjugate-gradient steps from its
 * previous value instead of an exact solve (Takács, Pilászy, Tikk 2011; the {@code implicit}
 * library's CG variant): 3 steps per iteration reach the exact solver's quality at a fraction of
 * the cost. λ is a plain ridge penalty here (not weighted by n_u, unlike {@link ExplicitAls}).
 *
 * <p>Interactions with the same (user, item) pair are summed into one weight. The model has no
 * biases ({@link FactorModel#withoutBiases}); scores are ⟨x_u, y_i⟩ and only their order matters.
 * Users and items without interactions get zero vectors.
 *
 * <p><b>Threads and determinism:</b> as in {@link ExplicitAls}, the factors are bit-identical for
 * a given seed, run to run and for any thread count; the reported loss may differ in its last bits.
 */
public final class ImplicitAls {

    /** Scale of the initial factors: small, so the first passes are driven by the data. */
    private static final double INIT_SCALE = 0.01;

    private ImplicitAls() {
    }

    /**
     * Trains an implicit-feedback factor model.
     *
     * @param interactions training interactions; values are weights (counts, ratings, 1 for a click)
     * @param params       hyperparameters (all are used)
     * @param listener     called after every iteration on this thread; the training loss is the
     *                     confidence-weighted squared error plus the penalty, divided by the total
     *                     confidence over all users × items (as the {@code implicit} library reports it)
     * @return the trained model without biases
     * @throws IllegalArgumentException if there are no interactions, or an interaction has an index
     *     outside the id maps or a weight that is not finite and &gt; 0 (naming the interaction)
     * @throws java.util.concurrent.CancellationException if this thread is interrupted
     */
    public static FactorModel train(Interactions interactions, AlsParams params, ProgressListener listener) {
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
        long startNanos = System.nanoTime();
        if (interactions.size() == 0) {
            throw new IllegalArgumentException("no interactions to train on");
        }
        SparseRows.Pair matrix = SparseRows.build(interactions, true, true);
        SparseRows byUser = matrix.byUser();
        SparseRows byItem = matrix.byItem();
        float[] userWeight = confidenceMinusOne(byUser, params);
        float[] itemWeight = confidenceMinusOne(byItem, params);
        int users = byUser.rows;
        int items = byItem.rows;
        int rank = params.rank();
        int stride = DenseOps.paddedStride(rank);
        int cgSteps = params.cgSteps();

        float[] userFactors = new float[users * stride];
        float[] itemFactors = new float[items * stride];
        PaddedFactors.fillGaussian(userFactors, users, rank, stride, params.seed(), INIT_SCALE);
        PaddedFactors.fillGaussian(itemFactors, items, rank, stride, params.seed() ^ 0x9E3779B97F4A7C15L, INIT_SCALE);

        int threads = params.threads();
        int perRowCost = rank / 8 + 1;
        int[] userBlocks = Workers.balancedBlocks(byUser, threads * 8, perRowCost);
        int[] itemBlocks = Workers.balancedBlocks(byItem, threads * 8, perRowCost);
        ImplicitRowSolver[] solvers = new ImplicitRowSolver[threads];
        for (int w = 0; w < threads; w++) {
            solvers[w] = new ImplicitRowSolver(rank, stride);
        }
        GramMatrix gramMatrix = new GramMatrix(rank, stride, threads);
        double[] rowLoss = listener.wantsTrainingLoss() ? new double[users] : null;
        try (Workers workers = new Workers(threads, "als-implicit")) {
            for (int iteration = 1; iteration <= params.iterations(); iteration++) {
                float[] itemGram = gramMatrix.compute(itemFactors, items, params.lambda(), workers);
                workers.forEachBlock(userBlocks, (w, from, to) -> solvers[w].solveRows(
                        byUser, userWeight, from, to, itemFactors, itemGram, cgSteps, userFactors));
                float[] userGram = gramMatrix.compute(userFactors, users, params.lambda(), workers);
                workers.forEachBlock(itemBlocks, (w, from, to) -> solvers[w].solveRows(
                        byItem, itemWeight, from, to, userFactors, userGram, cgSteps, itemFactors));
                double loss = Double.NaN;
                if (rowLoss != null) {
                    float[] plainGram = gramMatrix.compute(itemFactors, items, 0.0, workers);
                    workers.forEachBlock(userBlocks, (w, from, to) -> rowLosses(
                            byUser, userWeight, from, to, userFactors, itemFactors, plainGram, rank, stride, rowLoss));
                    loss = normalisedLoss(rowLoss, byUser, userWeight, users, items, userFactors, itemFactors, rank,
                            stride, params.lambda());
                }
                listener.onIteration(iteration, params.iterations(), Duration.ofNanos(System.nanoTime() - startNanos), loss);
            }
        }
        return FactorModel.withoutBiases(rank,
                PaddedFactors.unpad(userFactors, users, rank, stride),
                PaddedFactors.unpad(itemFactors, items, rank, stride));
    }

    /** c − 1 for every entry, which is what the row solver weighs y_i y_iᵀ with. */
    private static float[] confidenceMinusOne(SparseRows rows, AlsParams params) {
        float[] weight = new float[rows.nnz()];
        for (int e = 0; e < weight.length; e++) {
            weight[e] = (float) (params.confidence().confidence(rows.value[e], params.alpha()) - 1.0);
        }
        return weight;
    }

    /**
     * Per user: Σ_all items c (p − ⟨x, y⟩)² = xᵀ(YᵀY)x + Σ_obs ((c − 1)t² − 2ct + c), t = ⟨x, y⟩.
     */
    private static void rowLosses(SparseRows byUser, float[] weight, int from, int to, float[] userFactors,
                                  float[] itemFactors, float[] plainGram, int rank, int stride, double[] out) {
        Kernels kernels = VectorKernels.implementation();
        float[] gx = new float[stride];
        for (int u = from; u < to; u++) {
            int base = u * stride;
            kernels.dotRows(userFactors, base, plainGram, 0, rank, stride, gx, 0);
            double loss = kernels.dot(userFactors, base, gx, 0, rank);
            for (int e = byUser.start[u]; e < byUser.start[u + 1]; e++) {
                double t = kernels.dot(userFactors, base, itemFactors, byUser.index[e] * stride, rank);
                double c = 1.0 + weight[e];
                loss += (c - 1) * t * t - 2 * c * t + c;
            }
            out[u] = loss;
        }
    }

    private static double normalisedLoss(double[] rowLoss, SparseRows byUser, float[] weight, int users, int items,
                                         float[] userFactors, float[] itemFactors, int rank, int stride, double lambda) {
        Kernels kernels = VectorKernels.implementation();
        double loss = 0;
        for (double l : rowLoss) {
            loss += l;
        }
        double norms = 0;
        for (int u = 0; u < users; u++) {
            norms += kernels.dot(userFactors, u * stride, userFactors, u * stride, rank);
        }
        for (int i = 0; i < items; i++) {
            norms += kernels.dot(itemFactors, i * stride, itemFactors, i * stride, rank);
        }
        double totalConfidence = 0;
        for (float w : weight) {
            totalConfidence += 1.0 + w;
        }
        return (loss + lambda * norms) / (totalConfidence + (double) users * items - byUser.nnz());
    }
}
