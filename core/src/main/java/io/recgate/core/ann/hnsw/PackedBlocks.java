package io.recgate.core.ann.hnsw;

import io.recgate.kernels.Kernels;

/**
 * The layout of a graph's packed vector copy, the one {@link Kernels#dotBlocks} scores: nodes in
 * blocks of {@link Kernels#BLOCK_ROWS}, each block {@code dims × BLOCK_ROWS} floats, dimension-major
 * (element (node j of the block, dimension d) at {@code d·BLOCK_ROWS + j}), the last block padded.
 * A scan then sums down columns, one vector lane per node, with no horizontal reduction per row.
 */
final class PackedBlocks {

    private static final int ROWS = Kernels.BLOCK_ROWS;

    private PackedBlocks() {
    }

    /** Blocks that hold {@code nodes} nodes. */
    static int blocks(int nodes) {
        return (nodes + ROWS - 1) / ROWS;
    }

    /** Floats of a copy with room for {@code nodes} nodes. */
    static int floats(int nodes, int dims) {
        return blocks(nodes) * ROWS * dims;
    }

    /** Writes row-major {@code v[off .. off+dims)} as node {@code node} of {@code blocks}. */
    static void put(float[] v, int off, float[] blocks, int node, int dims) {
        int base = node / ROWS * ROWS * dims + node % ROWS;
        for (int d = 0; d < dims; d++) {
            blocks[base + d * ROWS] = v[off + d];
        }
    }
}
