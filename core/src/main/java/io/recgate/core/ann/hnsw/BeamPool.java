package io.recgate.core.ann.hnsw;

/**
 * The beam of an unfiltered HNSW search as one array of at most {@code ef} nodes sorted by
 * distance, each flagged once expanded (or of more nodes, of which only the nearest ef are
 * expanded: see {@link #reset(int, int)}). It replaces the pair of heaps (candidates, results): the
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

    /** Set in an entry's node half once the node is expanded; node ids are non-negative. */
    private static final int EXPANDED = 0x8000_0000;
    /** {@link #EXPANDED} in place in an entry (without the sign extension of the int). */
    private static final long EXPANDED_ENTRY = EXPANDED & 0xFFFF_FFFFL;

    /**
     * Entry i: the {@linkplain #order order-preserving bits} of its distance in the high half, its
     * node (with {@link #EXPANDED}) in the low half, so that an insertion moves one array.
     */
    private long[] entries = new long[64];
    private int capacity;
    private int size;
    /** No unexpanded node lies before this index. */
    private int cursor;
    /** Only the nodes at indices below this are expanded. */
    private int expandWithin;

    /** Empties the pool and bounds it to {@code capacity} nodes, all of which may be expanded. */
    void reset(int capacity) {
        reset(capacity, capacity);
    }

    /**
     * Empties the pool, bounds it to {@code capacity} nodes and expands only the nearest
     * {@code expandWithin} of them: a beam of that width that also keeps the best others it scored.
     * A node's rank only grows as nearer nodes arrive, so one that starts beyond the beam is never
     * expanded, as if it had been kept outside the beam.
     */
    void reset(int capacity, int expandWithin) {
        this.expandWithin = Math.min(capacity, expandWithin);
        if (entries.length < capacity) {
            entries = new long[capacity];
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
        return size < capacity || order(dist) < (int) (entries[size - 1] >> 32);
    }

    /**
     * Inserts {@code node} at {@code dist} after any equal distances, dropping the farthest node when
     * full; call only when {@link #admits} holds.
     */
    void insert(float dist, int node) {
        int n = size == capacity ? size - 1 : size;
        int key = order(dist);
        long[] e = entries;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((int) (e[mid] >> 32) <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(e, lo, e, lo + 1, n - lo);
        e[lo] = ((long) key << 32) | (node & 0xFFFF_FFFFL);
        size = n + 1;
        if (lo < cursor) {
            cursor = lo;
        }
    }

    /** An int that orders as {@code dist} does (for non-NaN floats, −0 below +0). */
    private static int order(float dist) {
        int bits = Float.floatToRawIntBits(dist);
        return bits ^ ((bits >> 31) & 0x7FFF_FFFF);
    }

    /** The inverse of {@link #order}. */
    private static float distance(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7FFF_FFFF));
    }

    /**
     * The nearest unexpanded node within the beam, now flagged expanded, or -1 when every node in
     * the beam is expanded.
     */
    int expandNext() {
        int end = Math.min(size, expandWithin);
        long[] e = entries;
        while (cursor < end) {
            long entry = e[cursor++];
            int node = (int) entry;
            if (node >= 0) {
                e[cursor - 1] = entry | EXPANDED_ENTRY;
                return node;
            }
        }
        return -1;
    }

    /** The {@code i}-th nearest node. */
    int node(int i) {
        return (int) entries[i] & ~EXPANDED;
    }

    /** The distance of the {@code i}-th nearest node. */
    float dist(int i) {
        return distance((int) (entries[i] >> 32));
    }
}
