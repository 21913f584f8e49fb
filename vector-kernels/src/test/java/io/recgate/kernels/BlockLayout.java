package io.recgate.kernels;

import java.util.Random;

/** Test helper: writes a row-major matrix in the block-transposed layout of {@link Kernels#dotBlocks}. */
final class BlockLayout {

    private BlockLayout() {
    }

    /**
     * The block-transposed copy of {@code rows × dims} row-major floats. A partial last block is
     * padded with random values (a scan must not depend on what padding holds), and
     * {@code extraFloats} more random floats follow the last block (so reads past it would show).
     */
    static float[] transpose(float[] rowMajor, int rows, int dims, int extraFloats) {
        int blockRows = Kernels.BLOCK_ROWS;
        int blockCount = (rows + blockRows - 1) / blockRows;
        Random random = new Random(rows * 31L + dims);
        float[] blocks = new float[blockCount * blockRows * dims + extraFloats];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = random.nextFloat() * 1000f;
        }
        for (int r = 0; r < rows; r++) {
            int base = (r / blockRows) * blockRows * dims + r % blockRows;
            for (int d = 0; d < dims; d++) {
                blocks[base + d * blockRows] = rowMajor[r * dims + d];
            }
        }
        return blocks;
    }
}
