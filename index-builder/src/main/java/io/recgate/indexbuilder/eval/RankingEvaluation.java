package io.recgate.indexbuilder.eval;

import io.recgate.kernels.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes {@link RankingMetrics} of one list source: per user, a top-K list of items the user did
 * not see in training (a {@link Ranker} ranks every unseen item; a {@link ListSource} such as the
 * served pipeline makes the list itself), scored against the user's relevant test items. Users are
 * shared among worker threads in chunks; each user's metrics land in a slot indexed by the user's
 * position, and the slots are summed in that order afterwards, so the result is the same for
 * every thread count.
 */
final class RankingEvaluation {

    private static final int CHUNK = 64;
    private static final double LN2 = Math.log(2);

    private final UserItems seen;
    private final UserItems relevant;
    private final double[] selfInformation;
    private final int itemCount;
    private final EvalOptions options;
    private final int[] evaluatedUsers;
    private final double[] discount;

    RankingEvaluation(UserItems seen, UserItems relevant, double[] selfInformation, EvalOptions options) {
        this.seen = seen;
        this.relevant = relevant;
        this.selfInformation = selfInformation;
        this.itemCount = selfInformation.length;
        this.options = options;
        int userCount = relevant.offsets.length - 1;
        int[] users = new int[userCount];
        int n = 0;
        for (int u = 0; u < userCount; u++) {
            if (relevant.count(u) > 0 && seen.count(u) < itemCount) {
                users[n++] = u;
            }
        }
        this.evaluatedUsers = Arrays.copyOf(users, n);
        this.discount = new double[options.k()];
        for (int r = 0; r < discount.length; r++) {
            discount[r] = LN2 / Math.log(r + 2);
        }
    }

    int evaluatedUserCount() {
        return evaluatedUsers.length;
    }

    RankingMetrics run(Ranker ranker) {
        if (ranker.itemCount() != itemCount) {
            throw new IllegalArgumentException("ranker scores " + ranker.itemCount() + " items but the data has "
                    + itemCount);
        }
        return run(new RankedLists(ranker));
    }

    RankingMetrics run(ListSource lists) {
        int n = evaluatedUsers.length;
        double[][] perUser = new double[Slot.COUNT][n];
        boolean[] covered = new boolean[itemCount];
        int threads = Math.min(options.threads(), Math.max(1, (n + CHUNK - 1) / CHUNK));
        AtomicInteger nextChunk = new AtomicInteger();
        if (threads == 1) {
            work(lists, nextChunk, perUser, covered);
        } else {
            runPooled(lists, threads, nextChunk, perUser, covered);
        }
        return summarize(perUser, covered);
    }

    private void runPooled(ListSource ranker, int threads, AtomicInteger nextChunk, double[][] perUser,
                           boolean[] covered) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "recgate-eval-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<boolean[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    boolean[] mine = new boolean[itemCount];
                    work(ranker, nextChunk, perUser, mine);
                    return mine;
                }));
            }
            for (Future<boolean[]> future : futures) {
                boolean[] mine = future.get();
                for (int i = 0; i < itemCount; i++) {
                    covered[i] |= mine[i];
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("evaluation worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Processes chunks of users until none are left; scratch arrays are per call, so per thread. */
    private void work(ListSource lists, AtomicInteger nextChunk, double[][] perUser, boolean[] covered) {
        ListSource.Worker worker = lists.worker();
        int[] stamp = new int[itemCount];
        int n = evaluatedUsers.length;
        for (int chunk = nextChunk.getAndIncrement(); (long) chunk * CHUNK < n; chunk = nextChunk.getAndIncrement()) {
            int from = chunk * CHUNK;
            int to = Math.min(n, from + CHUNK);
            for (int p = from; p < to; p++) {
                evaluateUser(p, worker, stamp, perUser, covered);
            }
        }
    }

    private void evaluateUser(int position, ListSource.Worker lists, int[] stamp, double[][] perUser,
                              boolean[] covered) {
        int user = evaluatedUsers[position];
        int[] top = lists.top(user, options.k());
        if (top.length > options.k()) {
            throw new IllegalStateException("a list of " + top.length + " items for k " + options.k());
        }

        // A stamp of user + 1 marks this user's relevant items without clearing the array per user.
        int mark = user + 1;
        for (int p = relevant.offsets[user]; p < relevant.offsets[user + 1]; p++) {
            stamp[relevant.items[p]] = mark;
        }
        int relevantCount = relevant.count(user);
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        double novelty = 0;
        for (int r = 0; r < top.length; r++) {
            int item = top[r];
            covered[item] = true;
            novelty += selfInformation[item];
            if (stamp[item] == mark) {
                hits++;
                dcg += discount[r];
                precisionSum += (double) hits / (r + 1);
            }
        }
        int ideal = Math.min(relevantCount, options.k());
        double idcg = 0;
        for (int r = 0; r < ideal; r++) {
            idcg += discount[r];
        }
        perUser[Slot.PRECISION][position] = (double) hits / options.k();
        perUser[Slot.RECALL][position] = (double) hits / relevantCount;
        perUser[Slot.NDCG][position] = dcg / idcg;
        perUser[Slot.AP][position] = precisionSum / ideal;
        perUser[Slot.HIT][position] = hits > 0 ? 1 : 0;
        perUser[Slot.NOVELTY][position] = top.length == 0 ? 0 : novelty / top.length;
        perUser[Slot.DIVERSITY][position] = diversity(top);
    }

    /** A ranker's lists: every item scored, seen items removed, top K by {@link TopK}. */
    private final class RankedLists implements ListSource {
        private final Ranker ranker;

        RankedLists(Ranker ranker) {
            this.ranker = ranker;
        }

        @Override
        public Worker worker() {
            float[] scores = new float[itemCount];
            return (user, k) -> {
                ranker.score(user, scores);
                for (int i = 0; i < itemCount; i++) {
                    // NaN is reserved below for seen items, which TopK ranks last; a model's NaN counts as worst.
                    if (scores[i] != scores[i]) {
                        scores[i] = Float.NEGATIVE_INFINITY;
                    }
                }
                for (int p = seen.offsets[user]; p < seen.offsets[user + 1]; p++) {
                    scores[seen.items[p]] = Float.NaN;
                }
                int candidates = itemCount - seen.count(user);
                return TopK.largest(scores, itemCount, Math.min(k, candidates));
            };
        }
    }

    /** Mean pairwise dissimilarity of a list; NaN when not measured or fewer than two items. */
    private double diversity(int[] top) {
        ItemDissimilarity dissimilarity = options.dissimilarity();
        if (dissimilarity == null || top.length < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int a = 0; a < top.length; a++) {
            for (int b = a + 1; b < top.length; b++) {
                sum += dissimilarity.distance(top[a], top[b]);
            }
        }
        return sum / ((double) top.length * (top.length - 1) / 2);
    }

    private RankingMetrics summarize(double[][] perUser, boolean[] covered) {
        int n = evaluatedUsers.length;
        double[] mean = new double[Slot.COUNT];
        for (int s = 0; s < Slot.COUNT; s++) {
            if (s == Slot.DIVERSITY) {
                continue;
            }
            double sum = 0;
            for (int p = 0; p < n; p++) {
                sum += perUser[s][p];
            }
            mean[s] = n == 0 ? Double.NaN : sum / n;
        }
        double diversitySum = 0;
        int diversityUsers = 0;
        for (int p = 0; p < n; p++) {
            double d = perUser[Slot.DIVERSITY][p];
            if (!Double.isNaN(d)) {
                diversitySum += d;
                diversityUsers++;
            }
        }
        int coveredCount = 0;
        for (boolean c : covered) {
            if (c) {
                coveredCount++;
            }
        }
        double coverage = n == 0 || itemCount == 0 ? Double.NaN : (double) coveredCount / itemCount;
        return new RankingMetrics(mean[Slot.PRECISION], mean[Slot.RECALL], mean[Slot.NDCG], mean[Slot.AP],
                mean[Slot.HIT], coverage, diversityUsers == 0 ? Double.NaN : diversitySum / diversityUsers,
                mean[Slot.NOVELTY], n);
    }

    /** Row indices of the per-user metric table. */
    private static final class Slot {
        static final int PRECISION = 0;
        static final int RECALL = 1;
        static final int NDCG = 2;
        static final int AP = 3;
        static final int HIT = 4;
        static final int NOVELTY = 5;
        static final int DIVERSITY = 6;
        static final int COUNT = 7;
    }
}
