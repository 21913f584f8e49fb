package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.time.Duration;
import java.util.Objects;

/**
 * Alternating least squares for explicit ratings with a global mean, user and item biases and
 * weighted-λ regularisation (Zhou et al. 2008, "Large-scale parallel collaborative filtering for
 * the Netflix prize"). It minimises
 * <pre>  Σ_(u,i) (r_ui − μ − b_u − b_i − ⟨p_u, q_i⟩)² + λ (Σ_u n_u (‖p_u‖² + β b_u²) + Σ_i n_i (‖q_i‖² + β b_i²))</pre>
 * with μ fixed to the mean training rating, n_u, n_i the rating counts and β = 0.1 (biases are one
 * number per row and need less shrinking than the factors).
 *
 * <p><b>Biases.</b> Each factor row is augmented with a constant-1 column, so the least-squares
 * solve for a user fits [p_u, b_u] jointly against [q_i, 1] (and symmetrically for items): every
 * half-step is then the exact minimiser over all of that row's unknowns, for the price of one more
 * dimension in the Cholesky solve. Alternating a separate bias update with the factor update would
 * only approach that minimiser, and needs more passes over the ratings.
 *
 * <p><b>Threads and determinism.</b> Rows are split into contiguous blocks (balanced by rating
 * count) and solved by {@code params.threads()} workers; each row's solve reads only the other
 * side's factors and its own ratings in a fixed order, with deterministic arithmetic (see
 * {@link DenseOps}), so for a given seed the model is bit-identical run to run <em>and</em> for any
 * thread count. The training loss reported to the listener is the training RMSE, computed with
 * the SIMD kernels; only that number may differ in its last bits between runs.
 *
 * <p>Users or items without training ratings get zero factors and zero bias, so their predictions
 * are μ plus the other side's bias.
 */
public final class ExplicitAls {

    /** Scale of the initial item factors: small, so the first user pass is dominated by the data. */
    private static final double INIT_SCALE = 0.1;

    private ExplicitAls() {
    }

    /**
     * Trains a biased factor model on {@code ratings} (every row is one rating; duplicates count as
     * separate observations).
     *
     * @param ratings  training ratings; the model has a row for every id in its id maps
     * @param params   hyperparameters; alpha and cgSteps are not used
     * @param listener called after every iteration on this thread
     * @return the trained model (global mean, biases, factors of {@code params.rank()} dims)
     * @throws IllegalArgumentException if there are no ratings, or an interaction has an index
     *     outside the id maps or a non-finite value (naming the interaction)
     * @throws java.util.concurrent.CancellationException if this thread is interrupted
     */
    public static FactorModel train(Interactions ratings, AlsParams params, ProgressListener listener) {
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
        long startNanos = System.nanoTime();
        if (ratings.size() == 0) {
            throw new IllegalArgumentException("no ratings to train on");
        }
        SparseRows.Pair matrix = SparseRows.build(ratings, false, false);
        SparseRows byUser = matrix.byUser();
        SparseRows byItem = matrix.byItem();
        int users = byUser.rows;
        int items = byItem.rows;
        int rank = params.rank();
        int stride = DenseOps.paddedStride(rank + 1);
        float mean = (float) (byUser.valueSum() / byUser.nnz());
        double lambda = params.lambda();

        float[] userFactors = new float[users * stride];
        float[] itemFactors = new float[items * stride];
        float[] userBias = new float[users];
        float[] itemBias = new float[items];
        PaddedFactors.fillGaussian(itemFactors, items, rank, stride, params.seed(), INIT_SCALE);
        setBiasColumn(userFactors, users, rank, stride);
        setBiasColumn(itemFactors, items, rank, stride);

        int threads = params.threads();
        // More blocks than workers so that a slow block does not leave the others idle. A row's
        // scalar Cholesky ((rank+1)³/6 flops) costs about as much as 2.5·(rank+1) ratings of SIMD Gram
        // accumulation ((rank+1)²/2 flops, 16 lanes); profiles at rank 50 agree (2/3 of the time).
        int perRowCost = 5 * (rank + 1) / 2;
        int[] userBlocks = Workers.balancedBlocks(byUser, threads * 8, perRowCost);
        int[] itemBlocks = Workers.balancedBlocks(byItem, threads * 8, perRowCost);
        ExplicitRowSolver[] solvers = new ExplicitRowSolver[threads];
        for (int w = 0; w < threads; w++) {
            solvers[w] = new ExplicitRowSolver(rank, stride);
        }
        double[] rowLoss = listener.wantsTrainingLoss() ? new double[users] : null;
        try (Workers workers = new Workers(threads, "als-explicit")) {
            for (int iteration = 1; iteration <= params.iterations(); iteration++) {
                workers.forEachBlock(userBlocks, (w, from, to) -> solvers[w].solveRows(
                        byUser, from, to, itemFactors, itemBias, mean, lambda, userFactors, userBias));
                workers.forEachBlock(itemBlocks, (w, from, to) -> solvers[w].solveRows(
                        byItem, from, to, userFactors, userBias, mean, lambda, itemFactors, itemBias));
                double loss = Double.NaN;
                if (rowLoss != null) {
                    workers.forEachBlock(userBlocks, (w, from, to) -> squaredErrors(
                            byUser, from, to, userFactors, userBias, itemFactors, itemBias, mean, rank, stride, rowLoss));
                    double sum = 0;
                    for (double rowSum : rowLoss) {
                        sum += rowSum;
                    }
                    loss = Math.sqrt(sum / byUser.nnz());
                }
                listener.onIteration(iteration, params.iterations(), Duration.ofNanos(System.nanoTime() - startNanos), loss);
            }
        }
        return new FactorModel(rank,
                PaddedFactors.unpad(userFactors, users, rank, stride),
                PaddedFactors.unpad(itemFactors, items, rank, stride),
                mean, userBias, itemBias);
    }

    private static void setBiasColumn(float[] factors, int rows, int rank, int stride) {
        for (int r = 0; r < rows; r++) {
            factors[r * stride + rank] = 1f;
        }
    }

    /** Per user: Σ (r − prediction)² over the user's training ratings (unclipped predictions). */
    private static void squaredErrors(SparseRows byUser, int from, int to, float[] userFactors, float[] userBias,
                                      float[] itemFactors, float[] itemBias, float mean, int rank, int stride,
                                      double[] out) {
        Kernels kernels = VectorKernels.implementation();
        for (int u = from; u < to; u++) {
            double sum = 0;
            for (int e = byUser.start[u]; e < byUser.start[u + 1]; e++) {
                int i = byUser.index[e];
                float prediction = mean + userBias[u] + itemBias[i]
                        + kernels.dot(userFactors, u * stride, itemFactors, i * stride, rank);
                double error = byUser.value[e] - prediction;
                sum += error * error;
            }
            out[u] = sum;
        }
    }
}
