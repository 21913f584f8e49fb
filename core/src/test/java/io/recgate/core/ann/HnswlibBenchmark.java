package io.recgate.core.ann;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/**
 * Build time, peak heap, recall@10 and single-thread queries/s of {@link HnswlibIndex} on seeded
 * taste-shaped data (see {@link TasteData}). Not a unit test: run by hand, e.g.
 *
 * <pre>{@code
 * mvn -q -pl core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt && mvn -q -pl core test-compile
 * java --add-modules jdk.incubator.vector -Xmx6g -cp core/target/test-classes:core/target/classes:$(cat /tmp/cp.txt) \
 *     io.recgate.core.ann.HnswlibBenchmark items=200000 dims=64 queries=1000 threads=2 ef=50,10,20,50,100,200
 * }</pre>
 */
public final class HnswlibBenchmark {

    private HnswlibBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int items = intArg(args, "items", 200_000);
        int dims = intArg(args, "dims", 64);
        int rank = intArg(args, "rank", 16);
        int queries = intArg(args, "queries", 1000);
        int threads = intArg(args, "threads", 2);
        int m = intArg(args, "m", HnswParams.DEFAULT_M);
        int efc = intArg(args, "efc", HnswParams.DEFAULT_EF_CONSTRUCTION);
        int[] efs = Arrays.stream(stringArg(args, "ef", "10,20,50,100,200").split(","))
                .mapToInt(Integer::parseInt).toArray();
        boolean cosine = Boolean.parseBoolean(stringArg(args, "cosine", "false"));

        TasteData data = new TasteData(dims, rank, 7);
        float[] itemMatrix = data.items(items);
        float[] userMatrix = data.users(queries);
        if (cosine) {
            itemMatrix = ItemVectors.normalizedRows(itemMatrix, dims);
        }
        System.out.printf("data: %d items x %d dims (rank %d), %d queries, M %d, efConstruction %d, threads %d%n",
                items, dims, rank, queries, m, efc, threads);
        resetPeaks();
        long start = System.nanoTime();
        HnswlibIndex index = HnswlibIndex.build(itemMatrix, dims, new HnswParams(m, efc, efs[0]), threads,
                BuildProgress.none());
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("build: %.1f s, peak heap during build %d MB%n", buildSeconds, peakHeapMb());

        ExactIndex exact = new ExactIndex(itemMatrix, dims);
        SearchResult[] truth = new SearchResult[queries];
        long exactStart = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            truth[q] = exact.search(TasteData.row(userMatrix, q, dims), 10, 1, null);
        }
        System.out.printf("exact: %.0f queries/s single thread%n", queries / ((System.nanoTime() - exactStart) / 1e9));

        for (int ef : efs) {
            for (int q = 0; q < Math.min(queries, 200); q++) {
                index.search(TasteData.row(userMatrix, q, dims), 10, ef, null);
            }
            double recall = 0;
            long searchStart = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                recall += TasteData.overlap(truth[q], index.search(TasteData.row(userMatrix, q, dims), 10, ef, null));
            }
            double seconds = (System.nanoTime() - searchStart) / 1e9;
            System.out.printf("ef %4d: recall@10 %.4f, %.0f queries/s single thread, mean %.1f us%n",
                    ef, recall / queries, queries / seconds, seconds * 1e6 / queries);
        }
        System.out.printf("graphs (norm ranges): %d%n", index.partitionCount());
        int ef = HnswParams.DEFAULT_EF;
        int[] moduli = {2, 10, 100, 1000};
        for (int modulus : moduli) {
            java.util.function.IntPredicate accept = i -> i % modulus == 0;
            SearchResult[] filteredTruth = new SearchResult[queries];
            for (int q = 0; q < queries; q++) {
                filteredTruth[q] = exact.search(TasteData.row(userMatrix, q, dims), 10, 1, accept);
            }
            SearchResult[] found = new SearchResult[queries];
            long filteredStart = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                found[q] = index.search(TasteData.row(userMatrix, q, dims), 10, ef, accept);
            }
            double seconds = (System.nanoTime() - filteredStart) / 1e9;
            double recall = 0;
            for (int q = 0; q < queries; q++) {
                if (found[q].size() != 10) {
                    throw new AssertionError("filtered search returned " + found[q].size());
                }
                recall += TasteData.overlap(filteredTruth[q], found[q]);
            }
            System.out.printf("filter accepting 1/%d of items, ef %d: recall@10 %.4f, mean %.1f us%n",
                    modulus, ef, recall / queries, seconds * 1e6 / queries);
        }
        java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
        long saveStart = System.nanoTime();
        index.save(saved);
        double saveSeconds = (System.nanoTime() - saveStart) / 1e9;
        long loadStart = System.nanoTime();
        HnswlibIndex loaded = HnswlibIndex.load(new java.io.ByteArrayInputStream(saved.toByteArray()));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("saved %d MB in %.1f s, loaded %d items in %.1f s%n", saved.size() >> 20, saveSeconds,
                loaded.size(), loadSeconds);
        System.out.printf("peak heap overall %d MB%n", peakHeapMb());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound on the true simultaneous peak. */
    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
