package io.recgate.bench;

import io.recgate.kernels.BlockLayout;
import io.recgate.kernels.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A small exact scan, as HNSW does over a narrow norm range: the same rows scored row-major with
 * {@code dotRows} (a reduction per row) and block-transposed with {@code dotBlocks} (none).
 * Scores are per row ({@code @OperationsPerInvocation} is set to the row count at each size), so
 * the numbers read as ns per row. At 64 dims a row is 256 bytes: 64 rows (16 KB) stay in L1,
 * 256 rows (64 KB) spill to L2 on a 48 KB L1, 4096 rows (1 MB) fill a 1 MB L2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BlocksBenchmark {

    @Param({"64"})
    int dims;

    private float[] query;
    private float[] matrix64;
    private float[] blocks64;
    private float[] matrix256;
    private float[] blocks256;
    private float[] matrix4096;
    private float[] blocks4096;
    private float[] out;

    @Setup
    public void setUp() {
        KernelState.requireSimd();
        Random random = new Random(42);
        query = KernelState.randomFloats(random, dims);
        matrix64 = KernelState.randomFloats(random, 64 * dims);
        blocks64 = BlockLayout.of(matrix64, 64, dims);
        matrix256 = KernelState.randomFloats(random, 256 * dims);
        blocks256 = BlockLayout.of(matrix256, 256, dims);
        matrix4096 = KernelState.randomFloats(random, 4096 * dims);
        blocks4096 = BlockLayout.of(matrix4096, 4096, dims);
        out = new float[4096];
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public float[] dotRows64() {
        KernelState.SIMD.dotRows(query, 0, matrix64, 0, 64, dims, out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public float[] dotBlocks64() {
        KernelState.SIMD.dotBlocks(query, 0, blocks64, 0, 64 / Kernels.BLOCK_ROWS, dims, out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public float[] dotRows256() {
        KernelState.SIMD.dotRows(query, 0, matrix256, 0, 256, dims, out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public float[] dotBlocks256() {
        KernelState.SIMD.dotBlocks(query, 0, blocks256, 0, 256 / Kernels.BLOCK_ROWS, dims, out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(4096)
    public float[] dotRows4096() {
        KernelState.SIMD.dotRows(query, 0, matrix4096, 0, 4096, dims, out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(4096)
    public float[] dotBlocks4096() {
        KernelState.SIMD.dotBlocks(query, 0, blocks4096, 0, 4096 / Kernels.BLOCK_ROWS, dims, out, 0);
        return out;
    }
}
