package io.recgate.indexbuilder.eval;

import io.recgate.core.model.FactorModel;
import io.recgate.kernels.VectorKernels;
import java.util.Objects;

/**
 * Ranks items by the factor model's inner product ⟨p_u, q_i⟩ over all item rows with
 * {@link VectorKernels#dotRows}, optionally plus the item bias. The global and user biases are
 * the same for every item of one user, so they never change a ranking and are not added.
 * Thread-safe: the model is read-only.
 */
public final class FactorModelRanker implements Ranker {

    private final FactorModel model;
    private final boolean includeItemBias;

    /**
     * @param includeItemBias add {@code itemBias[i]} to each score (useful for explicit models,
     *     whose biases carry popularity); false ranks by the inner product alone
     */
    public FactorModelRanker(FactorModel model, boolean includeItemBias) {
        this.model = Objects.requireNonNull(model, "model");
        this.includeItemBias = includeItemBias;
    }

    @Override
    public int itemCount() {
        return model.itemCount();
    }

    @Override
    public void score(int user, float[] out) {
        int dims = model.dims();
        VectorKernels.dotRows(model.userFactors(), user * dims, model.itemFactors(), 0, model.itemCount(), dims,
                out, 0);
        if (includeItemBias) {
            float[] bias = model.itemBias();
            for (int i = 0; i < bias.length; i++) {
                out[i] += bias[i];
            }
        }
    }
}
