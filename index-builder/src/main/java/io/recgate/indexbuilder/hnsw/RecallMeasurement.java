package io.recgate.indexbuilder.hnsw;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.ExactIndex;
import io.recgate.core.ann.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Recall@k of an approximate index against exact search over a fixed query set, and its mean search
 * time, at each of a set of ef values.
 *
 * <p>All ef values are measured together by {@link #measure}: first untimed warm-up rounds run every
 * query at every ef (at least {@link #MIN_WARM_UP_SEARCHES} searches in all), so that the JIT has
 * compiled the search path for every beam width before any clock is read; then one timed pass per ef.
 * A figure for a given ef is therefore the same whether it is read as "the default ef" or as a sweep
 * point, and the first ef timed does not pay the warm-up. Not thread-safe; searches run on the
 * calling thread.
 */
final class RecallMeasurement {

    /**
     * Fewest untimed searches before the first timed one. Whole rounds over every query and every ef
     * are run until this many are done, so a small query set still warms the JIT; one round is always
     * run.
     */
    static final int MIN_WARM_UP_SEARCHES = 5_000;

    private final AnnIndex ann;
    private final float[][] queries;
    private final int k;
    private final SearchResult[] truth;
    private final LongSupplier nanoClock;

    RecallMeasurement(AnnIndex ann, ExactIndex exact, float[][] queries, int k) {
        this(ann, exact, queries, k, System::nanoTime);
    }

    /** As the other constructor, reading time from {@code nanoClock} (for tests). */
    RecallMeasurement(AnnIndex ann, ExactIndex exact, float[][] queries, int k, LongSupplier nanoClock) {
        if (queries.length == 0) {
            throw new IllegalArgumentException("recall measurement needs at least 1 query, got 0");
        }
        this.ann = ann;
        this.queries = queries;
        this.k = k;
        this.nanoClock = nanoClock;
        this.truth = new SearchResult[queries.length];
        for (int q = 0; q < queries.length; q++) {
            truth[q] = exact.search(queries[q], k, 1, null);
        }
    }

    /**
     * Recall and mean latency at each distinct ef of {@code efs}, after a warm-up over all of them.
     *
     * @param efs ef values, each {@code >= 1}; duplicates are measured once
     * @return one point per distinct ef, in first-seen order; a point's latency is the mean
     *     wall-clock time per query in microseconds, single thread, after the warm-up
     * @throws IllegalArgumentException if {@code efs} is empty
     */
    Map<Integer, RecallPoint> measure(List<Integer> efs) {
        List<Integer> distinct = new ArrayList<>(new LinkedHashSet<>(efs));
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("no ef to measure");
        }
        warmUp(distinct);
        Map<Integer, RecallPoint> points = new LinkedHashMap<>();
        for (int ef : distinct) {
            points.put(ef, timed(ef));
        }
        return points;
    }

    private void warmUp(List<Integer> efs) {
        long searches = 0;
        do {
            for (int ef : efs) {
                for (float[] query : queries) {
                    ann.search(query, k, ef, null);
                }
                searches += queries.length;
            }
        } while (searches < MIN_WARM_UP_SEARCHES);
    }

    private RecallPoint timed(int ef) {
        SearchResult[] found = new SearchResult[queries.length];
        long start = nanoClock.getAsLong();
        for (int q = 0; q < queries.length; q++) {
            found[q] = ann.search(queries[q], k, ef, null);
        }
        double micros = (nanoClock.getAsLong() - start) / 1e3 / queries.length;
        double sum = 0;
        for (int q = 0; q < queries.length; q++) {
            sum += overlap(truth[q], found[q]);
        }
        return new RecallPoint(ef, sum / queries.length, micros);
    }

    /** Fraction of the exact result's items that the approximate result contains. */
    static double overlap(SearchResult truth, SearchResult found) {
        if (truth.size() == 0) {
            return 1;
        }
        int hits = 0;
        for (int t : truth.items()) {
            for (int f : found.items()) {
                if (t == f) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / truth.size();
    }
}
