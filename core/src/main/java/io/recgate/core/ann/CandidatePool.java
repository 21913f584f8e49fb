package io.recgate.core.ann;

import io.recgate.kernels.TopK;
import java.util.Arrays;

/**
 * Candidates gathered from several partitions for one search: all their rows and scores, plus the
 * k-th best score so far (a min-heap of the best {@code wanted} scores) for partition pruning.
 * One per search; not thread-safe.
 */
final class CandidatePool {

    private final int wanted;
    private final float[] heap;
    private int heapSize;
    private int[] rows = new int[64];
    private float[] scores = new float[64];
    private int count;
    private long examined;
    private long accepted;

    CandidatePool(int wanted) {
        this.wanted = wanted;
        this.heap = new float[wanted];
    }

    void add(int row, float score) {
        if (heapSize == wanted && score < heap[0]) {
            // The k-th best only rises, so this candidate can never make the result. Keeping it
            // anyway made exact scans store, and best() sort, every scanned row (~20 ns a row).
            // Equal scores are kept: a lower row wins a tie at the k-th place.
            return;
        }
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, 2 * count);
            scores = Arrays.copyOf(scores, 2 * count);
        }
        rows[count] = row;
        scores[count] = score;
        count++;
        if (heapSize < wanted) {
            heap[heapSize++] = score;
            siftUp(heapSize - 1);
        } else if (score > heap[0]) {
            heap[0] = score;
            siftDown();
        }
    }

    /** Records that a graph search returned {@code returned} items of which {@code acceptedCount} were accepted. */
    void observeAcceptance(int returned, int acceptedCount) {
        examined += returned;
        accepted += acceptedCount;
    }

    /**
     * A graph breadth expected to yield {@code wanted} accepted items at the acceptance rate seen so
     * far (with 50% headroom), 0 before any observation. Saturates instead of overflowing.
     */
    int suggestedFetch(int wanted) {
        if (examined == 0) {
            return 0;
        }
        if (accepted == 0) {
            return (int) Math.min(Integer.MAX_VALUE, 8 * examined);
        }
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(1.5 * wanted * examined / accepted));
    }

    /** The {@code wanted}-th best score so far, or −∞ while fewer candidates were added. */
    float kthBest() {
        return heapSize < wanted ? Float.NEGATIVE_INFINITY : heap[0];
    }

    /** The best {@code wanted} candidates, ties to the lower row. */
    SearchResult best() {
        // Order by row first so that TopK's lower-position-first tie rule means lower item index.
        long[] packed = new long[count];
        for (int i = 0; i < count; i++) {
            packed[i] = ((long) rows[i] << 32) | i;
        }
        Arrays.sort(packed);
        int[] sortedRows = new int[count];
        float[] sortedScores = new float[count];
        for (int i = 0; i < count; i++) {
            int at = (int) packed[i];
            sortedRows[i] = rows[at];
            sortedScores[i] = scores[at];
        }
        int[] top = TopK.largest(sortedScores, count, wanted);
        float[] topScores = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            topScores[i] = sortedScores[top[i]];
            top[i] = sortedRows[top[i]];
        }
        return new SearchResult(top, topScores);
    }

    private void siftUp(int pos) {
        float value = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = value;
    }

    private void siftDown() {
        float value = heap[0];
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (value <= heap[child]) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = value;
    }
}
