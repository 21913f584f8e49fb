package io.recgate.indexbuilder.als;

import io.recgate.indexbuilder.io.Interactions;
import java.util.Arrays;

/**
 * A compressed sparse row matrix (CSR) of float values: row r holds the entries
 * {@code start[r] .. start[r+1]-1} of {@code index} (column) and {@code value}, with columns in
 * ascending order. ALS keeps one by user (rows = users) and its transpose by item. Immutable after
 * construction; shared read-only between worker threads.
 */
final class SparseRows {

    final int rows;
    final int columns;
    final int[] start;
    final int[] index;
    final float[] value;

    private SparseRows(int rows, int columns, int[] start, int[] index, float[] value) {
        this.rows = rows;
        this.columns = columns;
        this.start = start;
        this.index = index;
        this.value = value;
    }

    /** The user-by-item matrix and its item-by-user transpose. */
    record Pair(SparseRows byUser, SparseRows byItem) {
    }

    /**
     * Builds both orientations with counting sorts (O(users + items + interactions), no boxing).
     * Columns within a row are sorted, so the result does not depend on the order of the input.
     *
     * @param sumDuplicates when true, repeated (user, item) pairs become one entry holding the sum of
     *                      their values (implicit weights add up); when false they stay separate
     *                      observations (explicit ratings)
     * @param positive      when true, values must be &gt; 0 (implicit weights), else only finite
     * @throws IllegalArgumentException naming the first row with an index outside the id maps or a
     *     value that is not allowed
     */
    static Pair build(Interactions data, boolean sumDuplicates, boolean positive) {
        int users = data.users().size();
        int items = data.items().size();
        int[] user = data.userColumn();
        int[] item = data.itemColumn();
        float[] value = data.valueColumn();
        int n = data.size();
        int[] itemStart = new int[items + 1];
        for (int r = 0; r < n; r++) {
            int u = user[r];
            int i = item[r];
            float v = value[r];
            if (u < 0 || u >= users) {
                throw new IllegalArgumentException("interaction " + r + ": user index " + u + " outside [0, " + users + ")");
            }
            if (i < 0 || i >= items) {
                throw new IllegalArgumentException("interaction " + r + ": item index " + i + " outside [0, " + items + ")");
            }
            if (!Float.isFinite(v) || (positive && !(v > 0))) {
                throw new IllegalArgumentException("interaction " + r + ": value " + v + " must be finite"
                        + (positive ? " and > 0 for implicit feedback" : ""));
            }
            itemStart[i + 1]++;
        }
        prefixSum(itemStart);
        int[] fill = itemStart.clone();
        int[] byItemUser = new int[n];
        float[] byItemValue = new float[n];
        for (int r = 0; r < n; r++) {
            int slot = fill[item[r]]++;
            byItemUser[slot] = user[r];
            byItemValue[slot] = value[r];
        }
        SparseRows byItemInInputOrder = new SparseRows(items, users, itemStart, byItemUser, byItemValue);
        SparseRows byUser = byItemInInputOrder.transpose();
        if (sumDuplicates) {
            byUser = byUser.sumDuplicateColumns();
        }
        return new Pair(byUser, byUser.transpose());
    }

    /** The transpose; its rows come out sorted by column because rows are visited in order. */
    SparseRows transpose() {
        int[] tStart = new int[columns + 1];
        int nnz = start[rows];
        for (int e = 0; e < nnz; e++) {
            tStart[index[e] + 1]++;
        }
        prefixSum(tStart);
        int[] fill = tStart.clone();
        int[] tIndex = new int[nnz];
        float[] tValue = new float[nnz];
        for (int r = 0; r < rows; r++) {
            for (int e = start[r]; e < start[r + 1]; e++) {
                int slot = fill[index[e]]++;
                tIndex[slot] = r;
                tValue[slot] = value[e];
            }
        }
        return new SparseRows(columns, rows, tStart, tIndex, tValue);
    }

    /** Merges equal adjacent columns of each (sorted) row, summing their values. */
    private SparseRows sumDuplicateColumns() {
        int nnz = start[rows];
        int[] mStart = new int[rows + 1];
        int[] mIndex = new int[nnz];
        float[] mValue = new float[nnz];
        int out = 0;
        for (int r = 0; r < rows; r++) {
            mStart[r] = out;
            for (int e = start[r]; e < start[r + 1]; e++) {
                if (out > mStart[r] && mIndex[out - 1] == index[e]) {
                    mValue[out - 1] += value[e];
                } else {
                    mIndex[out] = index[e];
                    mValue[out] = value[e];
                    out++;
                }
            }
        }
        mStart[rows] = out;
        if (out == nnz) {
            return this;
        }
        return new SparseRows(rows, columns, mStart, Arrays.copyOf(mIndex, out),
                Arrays.copyOf(mValue, out));
    }

    int nnz() {
        return start[rows];
    }

    int length(int row) {
        return start[row + 1] - start[row];
    }

    /** Sum of all values, in a fixed order. */
    double valueSum() {
        double sum = 0;
        for (int e = 0; e < start[rows]; e++) {
            sum += value[e];
        }
        return sum;
    }

    private static void prefixSum(int[] counts) {
        for (int k = 1; k < counts.length; k++) {
            counts[k] += counts[k - 1];
        }
    }
}
