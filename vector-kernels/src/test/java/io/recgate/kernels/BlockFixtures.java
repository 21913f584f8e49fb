package io.recgate.kernels;

import java.util.Random;

/** Test helper: block-transposed matrices ({@link BlockLayout}) with noisy padding. */
final class BlockFixtures {

    private BlockFixtures() {
    }

    /**
     * The block-transposed copy of {@code rows × dims} row-major floats. A partial last block is
     * padded with random values (a scan must not depend on what padding holds), and
     * {@code extraFloats} more random floats follow the last block (so reads past it would show).
     */
    static float[] transpose(float[] rowMajor, int rows, int dims, int extraFloats) {
        Random random = new Random(rows * 31L + dims);
        float[] blocks = new float[BlockLayout.floats(rows, dims) + extraFloats];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = random.nextFloat() * 1000f;
        }
        for (int r = 0; r < rows; r++) {
            BlockLayout.putRow(rowMajor, r * dims, blocks, r, dims);
        }
        return blocks;
    }
}
