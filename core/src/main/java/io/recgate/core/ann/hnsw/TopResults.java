package io.recgate.core.ann.hnsw;

import io.recgate.core.ann.SearchResult;
import java.util.Arrays;

/**
 * The best {@code wanted} (score, row) pairs of one search over all partitions: a bounded min-heap
 * whose top is the worst kept pair (lowest score, and for equal scores the higher row), so that the
 * final order is score descending, then row ascending, as {@code AnnIndex} requires. Reused by one
 * thread across searches.
 */
final class TopResults {

    private float[] scores = new float[16];
    private int[] rows = new int[16];
    private int wanted;
    private int size;
    void reset(int newWanted) {
        wanted = newWanted;
        size = 0;
        if (scores.length < newWanted) {
            scores = new float[newWanted];
            rows = new int[newWanted];
        }
    }

    /** The {@code wanted}-th best score so far, or −∞ while fewer were offered. */
    float kthBest() {
        return size < wanted ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /** Whether a pair with this score could be kept by {@link #offer} (a cheap pre-check). */
    boolean admits(float score) {
        return size < wanted || score >= scores[0];
    }

    void offer(float score, int row) {
        if (size < wanted) {
            int pos = size++;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (!worse(score, row, scores[parent], rows[parent])) {
                    break;
                }
                scores[pos] = scores[parent];
                rows[pos] = rows[parent];
                pos = parent;
            }
            scores[pos] = score;
            rows[pos] = row;
        } else if (wanted > 0 && worse(scores[0], rows[0], score, row)) {
            siftDownFromTop(score, row, size);
        }
    }

    /** {@code (s1, r1)} ranks below {@code (s2, r2)}. */
    private static boolean worse(float s1, int r1, float s2, int r2) {
        return s1 < s2 || (s1 == s2 && r1 > r2);
    }

    private void siftDownFromTop(float score, int row, int length) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= length) {
                break;
            }
            if (child + 1 < length && worse(scores[child + 1], rows[child + 1], scores[child], rows[child])) {
                child++;
            }
            if (!worse(scores[child], rows[child], score, row)) {
                break;
            }
            scores[pos] = scores[child];
            rows[pos] = rows[child];
            pos = child;
        }
        scores[pos] = score;
        rows[pos] = row;
    }

    /** The kept pairs best first, in new arrays; empties this accumulator. */
    SearchResult drain() {
        int n = size;
        int[] outRows = new int[n];
        float[] outScores = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            outRows[i] = rows[0];
            outScores[i] = scores[0];
            int last = i;
            if (last > 0) {
                siftDownFromTop(scores[last], rows[last], last);
            }
        }
        size = 0;
        return n == 0 ? SearchResult.empty() : new SearchResult(outRows, outScores);
    }

    @Override
    public String toString() {
        return "TopResults" + Arrays.toString(Arrays.copyOf(rows, size));
    }
}
