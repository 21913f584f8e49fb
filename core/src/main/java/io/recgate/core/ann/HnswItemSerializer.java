package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * Writes an {@link HnswItem} as primitives (index, length, floats) so that no item or array class
 * appears in the serialized stream and the deserialization allowlist stays tiny.
 */
final class HnswItemSerializer implements ObjectSerializer<HnswItem> {

    private static final long serialVersionUID = 1L;

    /** Largest augmented vector accepted on read: a guard against corrupt lengths, not a design limit. */
    static final int MAX_VECTOR_LENGTH = 65_536;

    @Override
    public void write(HnswItem item, ObjectOutput out) throws IOException {
        out.writeInt(item.index);
        out.writeInt(item.vector.length);
        for (float v : item.vector) {
            out.writeFloat(v);
        }
    }

    @Override
    public HnswItem read(ObjectInput in) throws IOException {
        int index = in.readInt();
        int length = in.readInt();
        if (index < 0 || length < 1 || length > MAX_VECTOR_LENGTH) {
            throw new InvalidObjectException("HNSW item index " + index + " / vector length " + length
                    + " out of range (index >= 0, length in [1, " + MAX_VECTOR_LENGTH + "])");
        }
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = in.readFloat();
        }
        return new HnswItem(index, vector);
    }
}
