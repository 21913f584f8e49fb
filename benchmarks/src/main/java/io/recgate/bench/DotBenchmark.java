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

/**
 * Pairwise kernels, SIMD against the scalar reference, at typical embedding widths; and the
 * float-query-by-int8-codes dot of quantized traversal against the float dot it replaces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DotBenchmark {

    @Param({"32", "64", "128", "256"})
    int dims;

    private float[] a;
    private float[] b;
    private byte[] codes;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        a = KernelState.randomFloats(random, dims);
        b = KernelState.randomFloats(random, dims);
        codes = new byte[dims];
        random.nextBytes(codes);
        KernelState.requireSimd();
    }

    @Benchmark
    public float dotSimd() {
        return KernelState.SIMD.dot(a, 0, b, 0, dims);
    }

    @Benchmark
    public float dotScalar() {
        return KernelState.SCALAR.dot(a, 0, b, 0, dims);
    }

    @Benchmark
    public float dotBytesSimd() {
        return KernelState.SIMD.dotBytes(a, 0, codes, 0, dims);
    }

    @Benchmark
    public float dotBytesScalar() {
        return KernelState.SCALAR.dotBytes(a, 0, codes, 0, dims);
    }

    @Benchmark
    public float squaredL2Simd() {
        return KernelState.SIMD.squaredL2(a, 0, b, 0, dims);
    }

    @Benchmark
    public float squaredL2Scalar() {
        return KernelState.SCALAR.squaredL2(a, 0, b, 0, dims);
    }

    @Benchmark
    public float cosineSimd() {
        return KernelState.SIMD.cosine(a, 0, b, 0, dims);
    }

    @Benchmark
    public float cosineScalar() {
        return KernelState.SCALAR.cosine(a, 0, b, 0, dims);
    }
}
