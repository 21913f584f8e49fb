package io.recgate.core.ann.hnsw;

/**
 * The beam of an unfiltered HNSW search as one array of at most {@code ef} nodes sorted by
 * distance, each flagged once expanded. It replaces the pair of heaps (candidates, results): the
 * next node to expand is the nearest unexpanded one in the array, and the search ends when every
 * node in it is expanded. That is the paper's stopping rule — stop when the nearest candidate is
 * farther than the farthest result — because a candidate that is not among the ef nearest found
 * is farther than all of them; so the search visits the same nodes, up to ties.
 *
 * <p>Why: inserting keeps the array sorted with a binary search and one short block move, and the
 * results come out sorted, where the heaps paid a push into each, a pop from each, and a drain.
 *
 * <p>Not thread-safe: one per searching thread, reused.
 */
final class BeamPool {

    /** Set in {@link #nodes} once a node is expanded; node ids are non-negative. */
    private static final int EXPANDED = 0x8000_0000;

    private float[] dists = new float[64];
    private int[] nodes = new int[64];
    private int capacity;
    private int size;
    /** No unexpanded node lies before this index. */
    private int cursor;

    /** Empties the pool and bounds it to {@code capacity} nodes. */
    void reset(int capacity) {
        if (dists.length < capacity) {
            dists = new float[capacity];
            nodes = new int[capacity];
        }
        this.capacity = capacity;
        size = 0;
        cursor = 0;
    }

    int size() {
        return size;
    }

    /** Whether a node at {@code dist} would enter the pool. */
    boolean admits(float dist) {
        return size < capacity || dist < dists[size - 1];
    }

    /**
     * Inserts {@code node} at {@code dist} after any equal distances, dropping the farthest node when
     * full; call only when {@link #admits} holds.
     */
    void insert(float dist, int node) {
        int n = size == capacity ? size - 1 : size;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (dists[mid] <= dist) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(dists, lo, dists, lo + 1, n - lo);
        System.arraycopy(nodes, lo, nodes, lo + 1, n - lo);
        dists[lo] = dist;
        nodes[lo] = node;
        size = n + 1;
        if (lo < cursor) {
            cursor = lo;
        }
    }

    /** The nearest unexpanded node, now flagged expanded, or -1 when every node is expanded. */
    int expandNext() {
        while (cursor < size) {
            int node = nodes[cursor++];
            if (node >= 0) {
                nodes[cursor - 1] = node | EXPANDED;
                return node;
            }
        }
        return -1;
    }

    /** The {@code i}-th nearest node. */
    int node(int i) {
        return nodes[i] & ~EXPANDED;
    }

    /** The distance of the {@code i}-th nearest node. */
    float dist(int i) {
        return dists[i];
    }
}
