package io.recgate.core.bundle;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Rough timing of publish, verification, read and map for one large item matrix (not a test).
 * Usage: {@code java -cp <core test+main classpath> io.recgate.core.bundle.BundleTiming [items] [dims] [runs] [dir]}.
 * Prints medians in milliseconds and MB/s; verification includes SHA-256 of every byte.
 */
public final class BundleTiming {

    private BundleTiming() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path base = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("bundle-timing");
        float[] factors = new float[items * dims];
        Random random = new Random(1);
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) random.nextGaussian();
        }
        double mb = factors.length * 4.0 / (1 << 20);
        long[] publish = new long[runs];
        long[] verify = new long[runs];
        long[] read = new long[runs];
        long[] map = new long[runs];
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            BundleVersion version;
            try (BundleWriter writer = BundleWriter.open(base, 2, java.time.Clock.systemUTC())) {
                writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, factors, dims);
                version = writer.publish(new BundleMetadata(dims, BundleMetadata.METRIC_INNER_PRODUCT, 0, items,
                        Map.of(), Map.of()));
            }
            long t1 = System.nanoTime();
            Bundle bundle = Bundle.open(version.dir());
            long t2 = System.nanoTime();
            float[] back = bundle.readFloats(BundleFiles.ITEM_FACTORS);
            long t3 = System.nanoTime();
            FloatBuffer mapped = bundle.mapFloats(BundleFiles.ITEM_FACTORS);
            double sum = 0;
            for (int i = 0; i < mapped.limit(); i += 1024) {
                sum += mapped.get(i);
            }
            long t4 = System.nanoTime();
            if (back.length != factors.length || Double.isNaN(sum)) {
                throw new AssertionError("round trip failed");
            }
            publish[run] = t1 - t0;
            verify[run] = t2 - t1;
            read[run] = t3 - t2;
            map[run] = t4 - t3;
        }
        System.out.printf("matrix %d x %d = %.0f MB, %d runs (medians; page cache warm after publish)%n",
                items, dims, mb, runs);
        report("publish (write+sha256+fsync+rename)", publish, mb);
        report("open (verify sha256)", verify, mb);
        report("readFloats", read, mb);
        report("mapFloats + strided touch", map, mb);
    }

    private static void report(String what, long[] nanos, double mb) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double ms = sorted[sorted.length / 2] / 1e6;
        System.out.printf("  %-38s %8.1f ms  %7.0f MB/s%n", what, ms, mb / (ms / 1000));
    }
}
