package io.recgate.core.ann;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits item rows into ranges of similar Euclidean norm, longest first: the partitioning both HNSW
 * implementations ({@link HnswlibIndex} and {@code io.recgate.core.ann.hnsw.NativeHnswIndex}) use so
 * that each range's MIPS-to-L2 reduction (see {@link MipsReduction}) appends only a moderate
 * coordinate. See {@link NormPartition} for why and the measurement behind it.
 *
 * <p>A range ends when the next norm is below its longest / {@link #NORM_RATIO} and it already has
 * {@link #MIN_ITEMS} items; a remainder shorter than {@link #MIN_ITEMS} joins the last range, and
 * there are at most {@link #MAX_RANGES} ranges. Stateless and thread-safe.
 */
public final class NormRanges {

    /** Largest ratio of the longest to the shortest item norm within a range (bar the last). */
    public static final double NORM_RATIO = 2.0;
    /** A range holds at least this many items, so that no tiny graph is searched on its own. */
    public static final int MIN_ITEMS = 256;
    /** At most this many ranges: the last one takes whatever remains. */
    public static final int MAX_RANGES = 16;
    /**
     * Factor on a range's Cauchy–Schwarz bound ‖q‖·R, which a computed score can exceed by a few
     * ulps of float rounding: searches skip a range, and scans bracket their scores, with it.
     */
    public static final double BOUND_SLACK = 1.0001;

    private NormRanges() {
    }

    /**
     * The norm ranges of the rows of a row-major matrix.
     *
     * @param items row-major matrix with {@code dims} columns (not checked for finiteness here)
     * @return row sets, each ascending, in order of decreasing norm; empty for an empty matrix
     * @throws IllegalArgumentException if {@code dims <= 0} or the length is not a multiple of it
     */
    public static List<int[]> split(float[] items, int dims) {
        if (dims <= 0 || items.length % dims != 0) {
            throw new IllegalArgumentException("items length " + items.length + " is not a multiple of dims " + dims);
        }
        int size = items.length / dims;
        double[] norms = new double[size];
        Integer[] boxed = new Integer[size];
        for (int row = 0; row < size; row++) {
            norms[row] = Math.sqrt(squaredNorm(items, row, dims));
            boxed[row] = row;
        }
        Arrays.sort(boxed, (a, b) -> norms[a] != norms[b] ? Double.compare(norms[b], norms[a]) : Integer.compare(a, b));
        List<int[]> parts = new ArrayList<>();
        int from = 0;
        while (from < size) {
            double top = norms[boxed[from]];
            int to = from + 1;
            while (to < size && (to - from < MIN_ITEMS || norms[boxed[to]] * NORM_RATIO >= top)) {
                to++;
            }
            if (size - to < MIN_ITEMS || parts.size() == MAX_RANGES - 1) {
                to = size;
            }
            int[] rows = new int[to - from];
            for (int i = from; i < to; i++) {
                rows[i - from] = boxed[i];
            }
            Arrays.sort(rows);
            parts.add(rows);
            from = to;
        }
        return parts;
    }

    /** Squared Euclidean norm of row {@code row}, accumulated in double precision. */
    public static double squaredNorm(float[] items, int row, int dims) {
        double s = 0;
        for (int i = row * dims; i < (row + 1) * dims; i++) {
            s += (double) items[i] * items[i];
        }
        return s;
    }
}
