package io.recgate.kernels;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point to the vector kernels: checks arguments once per call and delegates to the
 * implementation picked once, when this class is initialised.
 *
 * <p>The SIMD implementation is picked when the {@code jdk.incubator.vector} module is in the boot
 * layer (the build and launch scripts add it), the preferred vector is at least 128 bits wide, the
 * CPU has fused multiply-add, and the system property {@code recgate.kernels.simd} is not
 * {@code false}. Otherwise the scalar reference runs. One log line (logger
 * {@code io.recgate.kernels}) says which and why; {@link #description()} returns the same text.
 *
 * <p>Every method is thread-safe and allocation-free. Argument errors throw
 * {@link IllegalArgumentException} with the offending values; arrays must not be null. Values are
 * not inspected: NaN and infinities propagate under IEEE 754 rules, see {@link Kernels}.
 */
public final class VectorKernels {

    /** System property that, set to {@code false}, forces the scalar implementation. */
    public static final String SIMD_PROPERTY = "recgate.kernels.simd";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final Selection SELECTION = select();
    private static final Kernels IMPL = SELECTION.kernels();

    static {
        System.getLogger("io.recgate.kernels").log(Level.INFO, SELECTION.reason());
    }

    private VectorKernels() {
    }

    private record Selection(Kernels kernels, String reason) {
    }

    private static Selection select() {
        if ("false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY, "true").trim())) {
            return scalarBecause("disabled by -D" + SIMD_PROPERTY + "=false");
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return scalarBecause("module " + VECTOR_MODULE + " is not present (start the JVM with --add-modules "
                    + VECTOR_MODULE + "; the recgate scripts do)");
        }
        if (!HardwareFma.available()) {
            return scalarBecause("the CPU has no fused multiply-add, which the SIMD kernels rely on");
        }
        try {
            if (SimdKernels.vectorBitSize() < 128) {
                return scalarBecause("preferred vector width is " + SimdKernels.vectorBitSize()
                        + " bits, too narrow to pay off");
            }
            Kernels simd = SimdKernels.INSTANCE;
            return new Selection(simd, "Vector kernels: " + simd.name() + " (" + VECTOR_MODULE + ", "
                    + SimdKernels.vectorBitSize() / Float.SIZE + " float lanes)");
        } catch (LinkageError e) {
            return scalarBecause(VECTOR_MODULE + " could not be linked: " + e);
        }
    }

    private static Selection scalarBecause(String why) {
        return new Selection(ScalarKernels.INSTANCE, "Vector kernels: scalar, because " + why);
    }

    /** The implementation in use. */
    public static Kernels implementation() {
        return IMPL;
    }

    /** Which implementation is in use and why, as logged at start-up. */
    public static String description() {
        return SELECTION.reason();
    }

    /** The scalar reference implementation, always available. */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The SIMD implementation if this JVM can run it (the module is present), regardless of the
     * {@value #SIMD_PROPERTY} property; for tests and benchmarks that compare the two.
     */
    public static Optional<Kernels> simd() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SimdKernels.INSTANCE);
        } catch (LinkageError e) {
            return Optional.empty();
        }
    }

    /** Dot product of two whole arrays of equal length. */
    public static float dot(float[] a, float[] b) {
        checkSameLength(a, b);
        return IMPL.dot(a, 0, b, 0, a.length);
    }

    /** Dot product of {@code length} elements starting at the given offsets. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int length) {
        checkSlice("a", a, aOff, length);
        checkSlice("b", b, bOff, length);
        return IMPL.dot(a, aOff, b, bOff, length);
    }

    /**
     * Asymmetric dot product of a float query slice and {@code length} signed 8-bit codes starting
     * at {@code codesOff}: Σ query[queryOff+i]·codes[codesOff+i], each code read as −128..127.
     * Scale and offset of the quantization are the caller's to apply.
     *
     * @throws IllegalArgumentException if either slice falls outside its array
     */
    public static float dotBytes(float[] query, int queryOff, byte[] codes, int codesOff, int length) {
        checkSlice("query", query, queryOff, length);
        Objects.requireNonNull(codes, "codes");
        checkSlice("codes", codes.length, codesOff, length);
        return IMPL.dotBytes(query, queryOff, codes, codesOff, length);
    }

    /** Squared Euclidean distance of two whole arrays of equal length. */
    public static float squaredL2(float[] a, float[] b) {
        checkSameLength(a, b);
        return IMPL.squaredL2(a, 0, b, 0, a.length);
    }

    /** Squared Euclidean distance of {@code length} elements starting at the given offsets. */
    public static float squaredL2(float[] a, int aOff, float[] b, int bOff, int length) {
        checkSlice("a", a, aOff, length);
        checkSlice("b", b, bOff, length);
        return IMPL.squaredL2(a, aOff, b, bOff, length);
    }

    /** Cosine similarity of two whole arrays; 0 when either has zero norm. */
    public static float cosine(float[] a, float[] b) {
        checkSameLength(a, b);
        return IMPL.cosine(a, 0, b, 0, a.length);
    }

    /** Cosine similarity of two slices; 0 when either has zero norm. */
    public static float cosine(float[] a, int aOff, float[] b, int bOff, int length) {
        checkSlice("a", a, aOff, length);
        checkSlice("b", b, bOff, length);
        return IMPL.cosine(a, aOff, b, bOff, length);
    }

    /** Euclidean norm of a whole array. */
    public static float norm(float[] a) {
        return norm(a, 0, a.length);
    }

    /** Euclidean norm of a slice. */
    public static float norm(float[] a, int off, int length) {
        checkSlice("a", a, off, length);
        return (float) Math.sqrt(IMPL.dot(a, off, a, off, length));
    }

    /**
     * Scores one query against every row of a row-major matrix: {@code out[r] = dot(query, row r)}
     * for r in [0, matrix.length / query.length). This is the exact (brute-force) search.
     *
     * @throws IllegalArgumentException if {@code matrix.length} is not a multiple of
     *     {@code query.length}, or {@code out} is shorter than the number of rows
     */
    public static void dotRows(float[] query, float[] matrix, float[] out) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(matrix, "matrix");
        int dims = query.length;
        if (dims == 0) {
            throw new IllegalArgumentException("query has 0 dims");
        }
        if (matrix.length % dims != 0) {
            throw new IllegalArgumentException("matrix length " + matrix.length + " is not a multiple of dims " + dims);
        }
        dotRows(query, 0, matrix, 0, matrix.length / dims, dims, out, 0);
    }

    /**
     * Scores one query slice against {@code rows} consecutive rows of a row-major matrix with
     * {@code dims} columns, starting at row {@code firstRow}:
     * {@code out[outOff + r] = dot(query[queryOff ..], row firstRow + r)}.
     */
    public static void dotRows(float[] query, int queryOff, float[] matrix, int firstRow, int rows, int dims,
                               float[] out, int outOff) {
        checkSlice("query", query, queryOff, dims);
        Objects.requireNonNull(matrix, "matrix");
        if (firstRow < 0 || rows < 0) {
            throw new IllegalArgumentException("firstRow " + firstRow + " and rows " + rows + " must be >= 0");
        }
        long end = ((long) firstRow + rows) * dims;
        if (end > matrix.length) {
            throw new IllegalArgumentException("rows " + firstRow + ".." + ((long) firstRow + rows) + " x dims " + dims
                    + " need " + end + " floats but matrix length is " + matrix.length);
        }
        checkSlice("out", out, outOff, rows);
        IMPL.dotRows(query, queryOff, matrix, firstRow, rows, dims, out, outOff);
    }

    /**
     * Scores one query slice against {@code blockCount} whole blocks of a block-transposed matrix,
     * starting at block {@code firstBlock}:
     * {@code out[outOff + 16*b + j] = Σ_{d<dims} query[queryOff + d] · blocks[(firstBlock + b)·16·dims + d·16 + j]}.
     * Layout and rounding as in {@link Kernels#dotBlocks}: block b holds {@code dims × 16} floats,
     * element (row j, dimension d) at {@code b·16·dims + d·16 + j}; the caller pads a partial last
     * block; scores equal {@link #dot} of the row-major row only up to float rounding.
     *
     * @throws IllegalArgumentException if {@code dims <= 0}, {@code firstBlock} or
     *     {@code blockCount} is negative, the blocks do not fit in {@code blocks}, or the query
     *     slice or the {@code 16·blockCount} scores do not fit in their arrays
     */
    public static void dotBlocks(float[] query, int queryOff, float[] blocks, int firstBlock, int blockCount,
                                 int dims, float[] out, int outOff) {
        if (dims <= 0) {
            throw new IllegalArgumentException("dims " + dims + " must be > 0");
        }
        checkSlice("query", query, queryOff, dims);
        Objects.requireNonNull(blocks, "blocks");
        if (firstBlock < 0 || blockCount < 0) {
            throw new IllegalArgumentException("firstBlock " + firstBlock + " and blockCount " + blockCount
                    + " must be >= 0");
        }
        long end = ((long) firstBlock + blockCount) * Kernels.BLOCK_ROWS * dims;
        if (end > blocks.length) {
            throw new IllegalArgumentException("blocks " + firstBlock + ".." + ((long) firstBlock + blockCount)
                    + " x " + Kernels.BLOCK_ROWS + " rows x dims " + dims + " need " + end
                    + " floats but blocks length is " + blocks.length);
        }
        // end fits the array and dims >= 1, so 16 * blockCount fits an int.
        checkSlice("out", out, outOff, blockCount * Kernels.BLOCK_ROWS);
        IMPL.dotBlocks(query, queryOff, blocks, firstBlock, blockCount, dims, out, outOff);
    }

    /**
     * The Factorization Machine pairwise term Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j over {@code count} active
     * features, where v_i is row {@code indices[i]} of the row-major {@code factors} matrix with
     * {@code k} columns and x_i is {@code values[i]}. O(k·count).
     */
    public static float fmPairwise(float[] factors, int k, int[] indices, float[] values, int count) {
        Objects.requireNonNull(factors, "factors");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (k <= 0) {
            throw new IllegalArgumentException("k " + k + " must be > 0");
        }
        if (factors.length % k != 0) {
            throw new IllegalArgumentException("factors length " + factors.length + " is not a multiple of k " + k);
        }
        if (count < 0 || count > indices.length || count > values.length) {
            throw new IllegalArgumentException("count " + count + " outside indices length " + indices.length
                    + " / values length " + values.length);
        }
        int rows = factors.length / k;
        for (int j = 0; j < count; j++) {
            if (indices[j] < 0 || indices[j] >= rows) {
                throw new IllegalArgumentException("indices[" + j + "] = " + indices[j] + " outside [0, " + rows + ")");
            }
        }
        return IMPL.fmPairwise(factors, k, indices, values, count);
    }

    /**
     * How many of {@code values[from .. from+length)} are {@code >= threshold}; NaN values (or a
     * NaN threshold) never count.
     *
     * @throws IllegalArgumentException if the slice does not fit in {@code values}
     */
    public static int countAtLeast(float[] values, int from, int length, float threshold) {
        checkSlice("values", values, from, length);
        return IMPL.countAtLeast(values, from, length, threshold);
    }

    /**
     * Writes to {@code out}, ascending, the positions {@code i} in [0, length) with
     * {@code values[from + i] >= threshold} and returns their count; entries of {@code out} past
     * the count are untouched. NaN values (or a NaN threshold) never pass.
     *
     * @throws IllegalArgumentException if the slice does not fit in {@code values} or {@code out}
     *     is shorter than {@code length}
     */
    public static int indicesAtLeast(float[] values, int from, int length, float threshold, int[] out) {
        checkSlice("values", values, from, length);
        Objects.requireNonNull(out, "out");
        checkSlice("out", out.length, 0, length);
        return IMPL.indicesAtLeast(values, from, length, threshold, out);
    }

    private static void checkSameLength(float[] a, float[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: a.length " + a.length + " != b.length " + b.length);
        }
    }

    private static void checkSlice(String name, float[] array, int off, int length) {
        Objects.requireNonNull(array, name);
        checkSlice(name, array.length, off, length);
    }

    private static void checkSlice(String name, int arrayLength, int off, int length) {
        if (off < 0 || length < 0 || off > arrayLength - length) {
            throw new IllegalArgumentException(name + ": offset " + off + " + length " + length
                    + " outside array of length " + arrayLength);
        }
    }
}
