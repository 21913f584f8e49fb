package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/** Writes an item id (its row index) as a primitive int, keeping {@code Integer} out of the stream. */
final class ItemIdSerializer implements ObjectSerializer<Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public void write(Integer id, ObjectOutput out) throws IOException {
        out.writeInt(id);
    }

    @Override
    public Integer read(ObjectInput in) throws IOException {
        return in.readInt();
    }
}
