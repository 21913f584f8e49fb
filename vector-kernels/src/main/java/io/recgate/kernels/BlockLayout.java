package io.recgate.kernels;

/**
 * The block-transposed layout that {@link Kernels#dotBlocks} scores: rows in blocks of
 * {@link Kernels#BLOCK_ROWS}, each block {@code dims × BLOCK_ROWS} floats, dimension-major (element
 * (row j of the block, dimension d) at {@code d·BLOCK_ROWS + j}), the last block padded. A scan then
 * sums down columns, one vector lane per row, with no horizontal reduction per row. Stateless; the
 * methods do not check their arguments (callers size the arrays with {@link #floats}).
 */
public final class BlockLayout {

    private static final int ROWS = Kernels.BLOCK_ROWS;

    private BlockLayout() {
    }

    /** Blocks that hold {@code rows} rows. */
    public static int blocks(int rows) {
        return (rows + ROWS - 1) / ROWS;
    }

    /** Floats of a block-transposed matrix with room for {@code rows} rows. */
    public static int floats(int rows, int dims) {
        return blocks(rows) * ROWS * dims;
    }

    /** Writes row-major {@code v[off .. off+dims)} as row {@code row} of {@code blocks}. */
    public static void putRow(float[] v, int off, float[] blocks, int row, int dims) {
        int base = row / ROWS * ROWS * dims + row % ROWS;
        for (int d = 0; d < dims; d++) {
            blocks[base + d * ROWS] = v[off + d];
        }
    }

    /** The block-transposed copy of {@code rows × dims} row-major floats, padding zero. */
    public static float[] of(float[] rowMajor, int rows, int dims) {
        float[] blocks = new float[floats(rows, dims)];
        for (int r = 0; r < rows; r++) {
            putRow(rowMajor, r * dims, blocks, r, dims);
        }
        return blocks;
    }
}
