package io.recgate.kernels;

import java.util.Objects;

/**
 * Selection of the k largest scores without sorting everything: a bounded min-heap, O(n log k).
 *
 * <p>Order: by score descending; equal scores by lower index first; NaN ranks below every number
 * (including −∞), so a NaN score is only returned when fewer than k numbers exist. Scores are read,
 * never modified.
 */
public final class TopK {

    private TopK() {
    }

    /** Indices of the {@code k} largest of {@code scores[0 .. n)}, best first. */
    public static int[] largest(float[] scores, int n, int k) {
        Objects.requireNonNull(scores, "scores");
        if (n < 0 || n > scores.length) {
            throw new IllegalArgumentException("n " + n + " outside [0, " + scores.length + "]");
        }
        if (k < 0) {
            throw new IllegalArgumentException("k " + k + " must be >= 0");
        }
        int size = Math.min(k, n);
        int[] heap = new int[size];
        if (size == 0) {
            return heap;
        }
        // Min-heap on (score, -index): the root is the weakest of the kept candidates.
        for (int i = 0; i < size; i++) {
            heap[i] = i;
            siftUp(scores, heap, i);
        }
        for (int i = size; i < n; i++) {
            if (better(scores, i, heap[0])) {
                heap[0] = i;
                siftDown(scores, heap, 0, size);
            }
        }
        // Pop the weakest to the end: the array ends up best first.
        for (int end = size - 1; end > 0; end--) {
            int weakest = heap[0];
            heap[0] = heap[end];
            heap[end] = weakest;
            siftDown(scores, heap, 0, end);
        }
        return heap;
    }

    /** True when index i ranks strictly before index j. */
    static boolean better(float[] scores, int i, int j) {
        float a = scores[i];
        float b = scores[j];
        if (a > b) {
            return true;
        }
        if (a < b) {
            return false;
        }
        boolean aNaN = a != a;
        boolean bNaN = b != b;
        if (aNaN != bNaN) {
            return bNaN;
        }
        return i < j;
    }

    private static void siftUp(float[] scores, int[] heap, int pos) {
        int node = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(scores, heap[parent], node)) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = node;
    }

    private static void siftDown(float[] scores, int[] heap, int pos, int size) {
        int node = heap[pos];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && better(scores, heap[child], heap[right])) {
                child = right;
            }
            if (!better(scores, node, heap[child])) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = node;
    }
}
