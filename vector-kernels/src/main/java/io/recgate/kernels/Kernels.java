package io.recgate.kernels;

/**
 * One implementation of the vector kernels: {@link ScalarKernels} (the reference) or the SIMD one
 * on {@code jdk.incubator.vector}.
 *
 * <p>Methods here do <em>not</em> check their arguments; {@link VectorKernels} does, once per call,
 * and then delegates to the implementation it picked at start-up. Use this interface directly only
 * where the arguments are already known to be valid (benchmarks, tests, inner loops that checked
 * the whole batch up front). Implementations are stateless and thread-safe.
 *
 * <p>Values are not inspected: NaN and infinities propagate under IEEE 754 rules (any NaN input
 * gives NaN; {@code +Inf * 0} gives NaN). Readers validate data when it is loaded, not here.
 *
 * <p>Sums are not bit-reproducible across JIT tiers: the SIMD implementation reduces lanes with
 * {@code reduceLanes(ADD)}, whose order the Vector API leaves unspecified, and the interpreter and
 * C2 do order it differently, so the same call can differ in the last bits before and after
 * compilation (measured: a deterministic fold costs 40% at 64 dims). Results agree within float
 * rounding of a reordered sum. Code that must be bit-identical run to run (seeded training) must
 * not feed these sums back into its state.
 */
public sealed interface Kernels permits ScalarKernels, SimdKernels {

    /**
     * Rows per block of the block-transposed layout read by {@link #dotBlocks}. Fixed, whatever
     * the machine's vector width, so a matrix written on one machine reads the same on another.
     */
    int BLOCK_ROWS = 16;

    /** A short name for logs and metrics, e.g. {@code "scalar"} or {@code "simd-512"}. */
    String name();

    /** Σ a[aOff+i]·b[bOff+i] for i in [0, length). */
    float dot(float[] a, int aOff, float[] b, int bOff, int length);

    /**
     * Asymmetric dot product of a float query and a row of signed 8-bit codes:
     * Σ query[queryOff+i]·codes[codesOff+i] for i in [0, length), each code read as a signed byte
     * (−128..127). The caller applies any scale and offset of the quantization; this is the inner
     * loop of traversal over a scalar-quantized index. Bounds are the caller's guarantee, as for
     * every method here.
     */
    float dotBytes(float[] query, int queryOff, byte[] codes, int codesOff, int length);

    /** Σ (a[aOff+i] − b[bOff+i])² for i in [0, length). */
    float squaredL2(float[] a, int aOff, float[] b, int bOff, int length);

    /** Cosine similarity; 0 when either vector has zero norm. */
    float cosine(float[] a, int aOff, float[] b, int bOff, int length);

    /**
     * Scores of one query against consecutive rows of a row-major matrix:
     * {@code out[outOff + r] = dot(query, matrix row firstRow + r)} for r in [0, rows).
     */
    void dotRows(float[] query, int queryOff, float[] matrix, int firstRow, int rows, int dims,
                 float[] out, int outOff);

    /**
     * Scores of one query against whole blocks of a block-transposed matrix, the layout for
     * scanning many rows without a horizontal reduction per row:
     * {@code out[outOff + 16*b + j] = Σ_{d<dims} query[queryOff + d] · blocks[(firstBlock + b)·16·dims + d·16 + j]}
     * for b in [0, blockCount) and j in [0, {@link #BLOCK_ROWS}).
     *
     * <p>Layout: rows are grouped in blocks of {@link #BLOCK_ROWS}; block b holds
     * {@code dims × 16} floats, dimension-major, so element (row j of the block, dimension d) is at
     * {@code b·16·dims + d·16 + j}. A partial last block is padded by the caller (any values; their
     * scores are written and are the caller's to ignore), so every block is whole and
     * {@code 16·blockCount} scores are written.
     *
     * <p>Unchecked, like every method here ({@link VectorKernels#dotBlocks} checks). The SIMD
     * implementation sums in another order than {@link #dot} (several partial sums over the
     * dimensions), so a block score equals {@code dot} of the same row in row-major form only up
     * to float rounding; callers that need {@code dot}'s exact bits (ties, reproducible ranking)
     * must re-score those rows with {@code dot}.
     */
    void dotBlocks(float[] query, int queryOff, float[] blocks, int firstBlock, int blockCount, int dims,
                   float[] out, int outOff);

    /**
     * The Factorization Machine second-order term Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j for a sparse input of
     * {@code count} (index, value) pairs over a row-major factor matrix with {@code k} columns,
     * computed in O(k·count) as ½ Σ_f ((Σ_i x_i v_if)² − Σ_i x_i² v_if²).
     */
    float fmPairwise(float[] factors, int k, int[] indices, float[] values, int count);

    /**
     * How many of {@code values[from .. from+length)} are {@code >= threshold} (a NaN value never
     * is, nor is anything when {@code threshold} is NaN). The step of a top-k threshold search over
     * a block of scores: a few counts find a floor that only slightly more than k scores reach,
     * so that only those are offered to a heap.
     */
    int countAtLeast(float[] values, int from, int length, float threshold);

    /**
     * Writes to {@code out[0 ..)}, ascending, the positions {@code i} in [0, length) with
     * {@code values[from + i] >= threshold}, and returns how many there are (a NaN value never
     * passes). {@code out} must have room for them; entries past the returned count are untouched.
     */
    int indicesAtLeast(float[] values, int from, int length, float threshold, int[] out);
}
