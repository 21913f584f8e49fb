package io.recgate.indexbuilder.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measures the CSV reader's rate on a generated file (not a test: timings on a shared machine are
 * noisy, so nothing is asserted). Usage: {@code CsvReadRate [rows] [runs] [dir]}; writes
 * {@code user,item,rating,timestamp} rows with 200k users and 50k items, reads the file
 * {@code runs} times and prints each time and the median.
 */
public final class CsvReadRate {

    private CsvReadRate() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("csv-read-rate");
        Path file = dir.resolve("interactions.csv");
        SplittableRandom random = new SplittableRandom(7);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("user,item,rating,timestamp\n");
            for (int r = 0; r < rows; r++) {
                out.write("u" + random.nextInt(200_000) + ",i" + random.nextInt(50_000) + ","
                        + (1 + random.nextInt(9)) * 0.5 + "," + (1_500_000_000L + random.nextInt(100_000_000)) + "\n");
            }
        }
        long bytes = Files.size(file);
        ReadOptions options = ReadOptions.builder(file).ratingColumn("rating").timestampColumn("timestamp").build();
        double[] seconds = new double[runs];
        double[] cpuSeconds = new double[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int k = 0; k < runs; k++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            ReadResult r = DatasetReaders.read("csv", options, null);
            seconds[k] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[k] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("run %d: %d rows (%d kept, %d duplicates merged, %d users, %d items) in %.2f s"
                    + " (reading thread CPU %.2f s)%n", k + 1, r.rowsRead(), r.dataset().interactions().size(),
                    r.duplicatesMerged(), r.dataset().interactions().users().size(),
                    r.dataset().interactions().items().size(), seconds[k], cpuSeconds[k]);
        }
        Arrays.sort(seconds);
        Arrays.sort(cpuSeconds);
        double median = seconds[runs / 2];
        System.out.printf("file %s: %d rows, %.0f MB; median wall %.2f s = %.2f M rows/s, %.0f MB/s;"
                + " median reading-thread CPU %.2f s%n", file, rows, bytes / 1e6, median, rows / median / 1e6,
                bytes / median / 1e6, cpuSeconds[runs / 2]);
        Files.delete(file);
    }
}
