package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.util.Objects;

/**
 * Factor vectors trained elsewhere: row {@code r} (the entity {@code ids.id(r)}) is
 * {@code values[r * dims .. (r + 1) * dims)}. All values are finite. The array is owned by this
 * object and must not be modified.
 */
public record FactorMatrix(IdMap ids, float[] values, int dims) {

    public FactorMatrix {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(values, "values");
        if (dims <= 0) {
            throw new IllegalArgumentException("dims " + dims + " <= 0");
        }
        if ((long) ids.size() * dims != values.length) {
            throw new IllegalArgumentException("values length " + values.length + " != " + ids.size() + " rows * "
                    + dims + " dims");
        }
    }

    /** Number of rows (entities). */
    public int rows() {
        return ids.size();
    }
}
