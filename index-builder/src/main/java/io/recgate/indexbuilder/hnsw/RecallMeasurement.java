package io.recgate.indexbuilder.hnsw;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.ExactIndex;
import io.recgate.core.ann.SearchResult;
import java.util.ArrayList;
import java.util.List;

/** Recall@k of an approximate index against exact search over a fixed query set, per ef. */
final class RecallMeasurement {

    /** Untimed searches before each timed pass, so that the JIT has compiled the search path. */
    private static final int WARM_UP_QUERIES = 100;

    private final AnnIndex ann;
    private final float[][] queries;
    private final int k;
    private final SearchResult[] truth;

    RecallMeasurement(AnnIndex ann, ExactIndex exact, float[][] queries, int k) {
        this.ann = ann;
        this.queries = queries;
        this.k = k;
        this.truth = new SearchResult[queries.length];
        for (int q = 0; q < queries.length; q++) {
            truth[q] = exact.search(queries[q], k, 1, null);
        }
    }

    RecallPoint at(int ef) {
        for (int q = 0; q < Math.min(WARM_UP_QUERIES, queries.length); q++) {
            ann.search(queries[q], k, ef, null);
        }
        SearchResult[] found = new SearchResult[queries.length];
        long start = System.nanoTime();
        for (int q = 0; q < queries.length; q++) {
            found[q] = ann.search(queries[q], k, ef, null);
        }
        double micros = (System.nanoTime() - start) / 1e3 / queries.length;
        double sum = 0;
        for (int q = 0; q < queries.length; q++) {
            sum += overlap(truth[q], found[q]);
        }
        return new RecallPoint(ef, sum / queries.length, micros);
    }

    List<RecallPoint> sweep(List<Integer> efs) {
        List<RecallPoint> points = new ArrayList<>(efs.size());
        for (int ef : efs) {
            points.add(at(ef));
        }
        return points;
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
