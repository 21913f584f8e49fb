package io.recgate.indexbuilder.eval;

import io.recgate.indexbuilder.io.Interactions;
import java.util.Objects;

/**
 * The popularity baseline: every user gets the same scores, the number of training interactions
 * of each item (ties broken by lower item index, as {@link io.recgate.kernels.TopK} does).
 * Thread-safe after construction.
 */
public final class PopularityRanker implements Ranker {

    private final float[] counts;

    /** Counts the interactions of each item in {@code train} (rows, not distinct users). */
    public PopularityRanker(Interactions train) {
        Objects.requireNonNull(train, "train");
        counts = new float[train.items().size()];
        int[] items = train.itemColumn();
        for (int item : items) {
            counts[item] += 1f;
        }
    }

    @Override
    public int itemCount() {
        return counts.length;
    }

    @Override
    public void score(int user, float[] out) {
        System.arraycopy(counts, 0, out, 0, counts.length);
    }
}
