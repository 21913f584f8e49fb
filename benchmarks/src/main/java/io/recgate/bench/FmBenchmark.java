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

/** The FM pairwise term for one (user, item) candidate: what the reranker pays per candidate. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FmBenchmark {

    @Param({"40"})
    int activeFeatures;

    @Param({"32"})
    int k;

    /** Rows in the factor matrix: ids and side features of a mid-sized catalogue. */
    @Param({"20000"})
    int features;

    private float[] factors;
    private int[] indices;
    private float[] values;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        factors = KernelState.randomFloats(random, features * k);
        indices = random.ints(activeFeatures, 0, features).toArray();
        values = KernelState.randomFloats(random, activeFeatures);
        KernelState.requireSimd();
    }

    @Benchmark
    public float fmPairwiseSimd() {
        return KernelState.SIMD.fmPairwise(factors, k, indices, values, activeFeatures);
    }

    @Benchmark
    public float fmPairwiseScalar() {
        return KernelState.SCALAR.fmPairwise(factors, k, indices, values, activeFeatures);
    }
}
