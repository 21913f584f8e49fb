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
 * The two selection kernels of a packed scan's score floor, SIMD against scalar: {@code countAtLeast}
 * (one bisection step) and {@code indicesAtLeast} (listing the scores that reach the floor). The
 * scores are Gaussian, and each call takes the next of 64 arrays, so that the branch predictor
 * cannot learn one array's pattern; the threshold passes about 16 of 256 scores (and 256 of 4,096),
 * as a floor under the top 10 or 200 does. Time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SelectBenchmark {

    private static final int ARRAYS = 64;

    @Param({"256", "4096"})
    int n;

    private float[][] scores;
    private int[] positions;
    private float threshold;
    private int next;

    @Setup
    public void setUp() {
        KernelState.requireSimd();
        Random random = new Random(42);
        scores = new float[ARRAYS][n];
        for (float[] array : scores) {
            for (int i = 0; i < n; i++) {
                array[i] = (float) random.nextGaussian();
            }
        }
        positions = new int[n];
        // P(Z >= 1.53) is about 1/16.
        threshold = 1.53f;
    }

    private float[] nextScores() {
        next = (next + 1) & (ARRAYS - 1);
        return scores[next];
    }

    @Benchmark
    public int countAtLeastSimd() {
        return KernelState.SIMD.countAtLeast(nextScores(), 0, n, threshold);
    }

    @Benchmark
    public int countAtLeastScalar() {
        return KernelState.SCALAR.countAtLeast(nextScores(), 0, n, threshold);
    }

    @Benchmark
    public int indicesAtLeastSimd() {
        return KernelState.SIMD.indicesAtLeast(nextScores(), 0, n, threshold, positions);
    }

    @Benchmark
    public int indicesAtLeastScalar() {
        return KernelState.SCALAR.indicesAtLeast(nextScores(), 0, n, threshold, positions);
    }
}
