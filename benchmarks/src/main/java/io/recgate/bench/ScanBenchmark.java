package io.recgate.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One query against every row of an item-factor matrix: exact search and the reranker's inner loop. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ScanBenchmark {

    @Param({"64"})
    int dims;

    @Param({"100000"})
    int rows;

    private float[] query;
    private float[] matrix;
    private float[] out;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        query = KernelState.randomFloats(random, dims);
        matrix = KernelState.randomFloats(random, rows * dims);
        out = new float[rows];
        KernelState.requireSimd();
    }

    @Benchmark
    public float[] scanSimd() {
        KernelState.SIMD.dotRows(query, 0, matrix, 0, rows, dims, out, 0);
        return out;
    }

    @Benchmark
    public float[] scanScalar() {
        KernelState.SCALAR.dotRows(query, 0, matrix, 0, rows, dims, out, 0);
        return out;
    }

    /**
     * Not a kernel: one SIMD pass that only reads the matrix (its dot with itself, as one long
     * vector). Its time is the memory-bandwidth floor for any scan of this matrix, so the scan's
     * SIMD/scalar ratio cannot exceed scanScalar / readFloorSimd on this machine.
     */
    @Benchmark
    public float readFloorSimd() {
        return KernelState.SIMD.dot(matrix, 0, matrix, 0, matrix.length);
    }
}
