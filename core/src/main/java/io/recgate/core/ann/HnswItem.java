package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.Item;

/**
 * One node's payload in the hnswlib graph: the item's row index and its MIPS-augmented vector.
 * Never Java-serialised itself: {@link HnswItemSerializer} writes its fields as primitives.
 */
final class HnswItem implements Item<Integer, float[]> {

    private static final long serialVersionUID = 1L;

    final int index;
    final float[] vector;

    HnswItem(int index, float[] vector) {
        this.index = index;
        this.vector = vector;
    }

    @Override
    public Integer id() {
        return index;
    }

    @Override
    public float[] vector() {
        return vector;
    }

    @Override
    public int dimensions() {
        return vector.length;
    }
}
