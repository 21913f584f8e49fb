package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.FmScorer;
import io.recgate.kernels.VectorKernels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measures FM training time and RMSE on an ML-100K split (u1 by default) and the serving cost of the
 * exported model. Run: {@code java ... FmTimingMain [factors iterations burnIn kept] [-seed=N]
 * [-split=u1..u5] [-nouser] [-noitem] [-noimplicit]}. Not a test: timings on a shared machine are
 * noisy; it prints medians and the training thread's CPU time.
 */
public final class FmTimingMain {

    public static void main(String[] args) {
        Path dir = MovieLens100k.directory().orElseThrow(() -> new IllegalStateException("ML-100K not found"));
        String name = option(args, "-split=", "u1");
        MovieLens100k.Split split = MovieLens100k.load(dir, name);
        FmParams d = FmParams.defaults();
        FmParams params = args.length >= 4
                ? new FmParams(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]), d.initStdev(),
                        Long.parseLong(option(args, "-seed=", Long.toString(d.seed()))), !has(args, "-nouser"),
                        !has(args, "-noitem"), !has(args, "-noimplicit"))
                : d;
        System.out.println(VectorKernels.description());
        System.out.println(params);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        FmModel model = FmTrainer.train(split.train(), params, (t, n, rmse, kept) -> {
            if (t % 50 == 0 || t == n) {
                System.out.printf("sweep %d/%d train rmse %.4f%n", t, n, rmse);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double rmse = FmEvaluation.rmse(model, split.test().interactions(), 1f, 5f);
        System.out.printf("trained in %.1f s wall (%.1f s CPU, one thread), exported k'=%d, %s.test RMSE %.4f%n",
                seconds, cpuSeconds, model.k(), name, rmse);
        timeServing(model);
    }

    private static String option(String[] args, String prefix, String otherwise) {
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        return otherwise;
    }

    private static boolean has(String[] args, String flag) {
        return Arrays.asList(args).contains(flag);
    }

    private static void timeServing(FmModel model) {
        FmScorer scorer = new FmScorer(model);
        int users = model.space().users().size();
        int items = model.space().items().size();
        SplittableRandom random = new SplittableRandom(1);
        int candidates = 200;
        int[] cand = new int[candidates];
        float[] out = new float[candidates];
        int rounds = 20_000;
        long[] prepare = new long[rounds];
        long[] rerank = new long[rounds];
        float sink = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < rounds; r++) {
                int user = random.nextInt(users);
                for (int c = 0; c < candidates; c++) {
                    cand[c] = random.nextInt(items);
                }
                long t0 = System.nanoTime();
                FmScorer.UserContext context = scorer.prepare(user);
                long t1 = System.nanoTime();
                scorer.scoreAll(context, cand, out);
                long t2 = System.nanoTime();
                sink += out[r % candidates];
                prepare[r] = t1 - t0;
                rerank[r] = t2 - t1;
            }
        }
        Arrays.sort(prepare);
        Arrays.sort(rerank);
        System.out.printf("serving k'=%d: prepare(user) median %.1f us p99 %.1f us; scoreAll(%d) median %.1f us"
                        + " (%.1f ns/candidate) p99 %.1f us  [sink %.1f]%n",
                model.k(), prepare[rounds / 2] / 1e3, prepare[rounds * 99 / 100] / 1e3, candidates,
                rerank[rounds / 2] / 1e3, rerank[rounds / 2] / (double) candidates, rerank[rounds * 99 / 100] / 1e3,
                sink);
    }
}
