package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Times one explicit ALS {@code train()} call in a fresh JVM, as the CLI would report it (data
 * loaded first, JVM not warmed up). Not a test; run it by hand, several times, and take the median:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp &lt;test and main classpath&gt; \
 *     io.recgate.indexbuilder.als.AlsTiming [rank] [iterations] [threads] [ml-100k dir]
 * </pre>
 */
final class AlsTiming {

    private AlsTiming() {
    }

    public static void main(String[] args) {
        int rank = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = args.length > 3 ? Path.of(args[3])
                : MovieLens100k.locate().orElseThrow(() -> new IllegalStateException(MovieLens100k.missingReason()));
        MovieLens100k data = MovieLens100k.load(dir, "u1");
        AlsParams params = AlsParams.defaults().withRank(rank).withIterations(iterations).withThreads(threads);
        boolean verbose = Boolean.getBoolean("verbose");
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onIteration(int iteration, int total, Duration elapsed, double loss) {
                if (verbose) {
                    System.out.printf("  iteration %d at %d ms%n", iteration, elapsed.toMillis());
                }
            }

            @Override
            public boolean wantsTrainingLoss() {
                return false;
            }
        };
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int runs = Integer.getInteger("runs", 1);
        for (int run = 1; run <= runs; run++) {
            if (runs > 1) {
                System.out.printf("run %d: ", run);
            }
            timeOnce(data, params, listener, os);
        }
    }

    private static void timeOnce(MovieLens100k data, AlsParams params, ProgressListener listener,
                                 OperatingSystemMXBean os) {
        int rank = params.rank();
        int iterations = params.iterations();
        int threads = params.threads();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        FactorModel model = ExplicitAls.train(data.train(), params, listener);
        long nanos = System.nanoTime() - start;
        long cpuNanos = os.getProcessCpuTime() - cpuStart;
        // Process CPU time includes the JIT compiler threads; on a shared machine it is steadier than wall time.
        System.out.printf("explicit ALS rank %d, %d iterations, %d threads: train %.0f ms wall, %.0f ms process CPU,"
                        + " test RMSE %.4f%n",
                rank, iterations, threads, nanos / 1e6, cpuNanos / 1e6, OfflineMetrics.rmse(model, data.test(), 1f, 5f));
    }
}
