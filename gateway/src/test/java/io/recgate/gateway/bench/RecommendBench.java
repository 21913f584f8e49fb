package io.recgate.gateway.bench;

import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.serving.RecommendQuery;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import io.recgate.core.serving.UserSignals;
import io.recgate.gateway.recommend.Recommender;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * In-process time of one retrieval + rerank (the work {@code RecommendRoutes} puts on its worker
 * pool), single thread, on a real bundle: {@code RecommendBench <bundle root> [requests]}. Prints
 * p50/p90/p99/max wall time per configuration: known user (bundle vector), known user with 5 recent
 * events (fold-in), candidates 100 and 200, k 10; and the mean CPU time of the thread per request,
 * which other processes on a shared machine disturb much less than wall time. A third argument
 * names the reranker every list is ordered by ({@code none}: retrieval order), for an A/B of its cost.
 */
public final class RecommendBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RecommendBench() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/big/bundles");
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        // A reranker name orders every list by it instead of the bundle's (none: retrieval order).
        RerankerKind reranker = args.length > 2 ? RerankerKind.parse(args[2]) : null;
        long t0 = System.nanoTime();
        ServableBundle b = ServableBundle.load(BundleRoot.at(root).openCurrent());
        System.out.printf("loaded %s (%d items x %d, reranker %s) in %d ms%n", b.version(), b.items().size(), b.dims(),
                b.reranker(), (System.nanoTime() - t0) / 1_000_000);
        b.warm(200);
        Recommender recommender = new Recommender((r, rr, n, cold) -> { });
        for (int candidates : new int[] {100, 200}) {
            for (int events : new int[] {0, 5}) {
                run(b, recommender, candidates, events, requests / 3, reranker);
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long[] nanos = run(b, recommender, candidates, events, requests, reranker);
                double cpuMillis = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6 / requests;
                Arrays.sort(nanos);
                System.out.printf("k=10 candidates=%d recentEvents=%d: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms,"
                        + " CPU mean %.3f ms (%d requests)%n", candidates, events, nanos[nanos.length / 2] / 1e6,
                        nanos[nanos.length * 9 / 10] / 1e6, nanos[nanos.length * 99 / 100] / 1e6,
                        nanos[nanos.length - 1] / 1e6, cpuMillis, nanos.length);
            }
        }
    }

    private static long[] run(ServableBundle b, Recommender recommender, int candidates, int events, int requests,
                              RerankerKind reranker) {
        Random random = new Random(7 + candidates + events);
        long[] nanos = new long[requests];
        RecommendQuery q = RecommendQuery.of(10, candidates).withReranker(reranker);
        for (int r = 0; r < requests; r++) {
            int user = random.nextInt(b.users().size());
            int[] items = random.ints(events, 0, b.items().size()).toArray();
            float[] values = new float[events];
            Arrays.fill(values, 1f);
            long start = System.nanoTime();
            recommender.recommend(b, new UserSignals(user, items, values), q, false);
            nanos[r] = System.nanoTime() - start;
        }
        return nanos;
    }
}
