package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Collects interaction rows into growable primitive columns, interning ids in first-seen order,
 * then merges duplicate (user, item) pairs when built:
 * <ul>
 *   <li>implicit data: the weights are summed and the latest timestamp kept;</li>
 *   <li>explicit data: the rating with the latest timestamp wins (on equal timestamps, the one
 *       later in the file), as a re-rating replaces the earlier one.</li>
 * </ul>
 * The merged row stays at the position of the pair's first occurrence. Not thread-safe.
 */
final class InteractionsBuilder {

    private static final int MAX_ROWS = Integer.MAX_VALUE - 16;

    private final boolean explicit;
    private final IdMap.Builder users = new IdMap.Builder();
    private final IdMap.Builder items = new IdMap.Builder();
    private int[] user = new int[1 << 12];
    private int[] item = new int[1 << 12];
    private float[] value = new float[1 << 12];
    private long[] timestamp = new long[1 << 12];
    private int size;
    private long duplicatesMerged;

    InteractionsBuilder(boolean explicit) {
        this.explicit = explicit;
    }

    void add(String userId, String itemId, float v, long time) {
        if (size == user.length) {
            grow();
        }
        user[size] = users.intern(userId);
        item[size] = items.intern(itemId);
        value[size] = v;
        timestamp[size] = time;
        size++;
    }

    /** Makes ids known without an interaction (cold users), after those seen in rows so far. */
    void registerUsers(Iterable<String> ids) {
        ids.forEach(users::intern);
    }

    /** Makes ids known without an interaction (cold items), after those seen in rows so far. */
    void registerItems(Iterable<String> ids) {
        ids.forEach(items::intern);
    }

    private void grow() {
        if (size >= MAX_ROWS) {
            throw new IllegalStateException("more than " + MAX_ROWS + " interactions");
        }
        int capacity = (int) Math.min(MAX_ROWS, (long) size * 2);
        user = Arrays.copyOf(user, capacity);
        item = Arrays.copyOf(item, capacity);
        value = Arrays.copyOf(value, capacity);
        timestamp = Arrays.copyOf(timestamp, capacity);
    }

    int size() {
        return size;
    }

    /** Duplicate rows folded into an earlier row by the last {@link #build}. */
    long duplicatesMerged() {
        return duplicatesMerged;
    }

    /**
     * Merges duplicates and returns the interactions.
     *
     * @throws DataFormatException naming {@code file} when no row was read
     */
    Interactions build(Path file) {
        if (size == 0) {
            throw new DataFormatException(file, "no interactions (the file has no data rows)");
        }
        int kept = mergeDuplicates();
        return new Interactions(users.build(), items.build(), Arrays.copyOf(user, kept), Arrays.copyOf(item, kept),
                Arrays.copyOf(value, kept), Arrays.copyOf(timestamp, kept));
    }

    /**
     * Groups rows by user with a counting sort, then sorts each user's (item, row) pairs packed in
     * longs so duplicates are adjacent; compacts the columns in place.
     *
     * @return the number of rows kept
     */
    private int mergeDuplicates() {
        int userCount = users.size();
        int[] start = new int[userCount + 1];
        for (int r = 0; r < size; r++) {
            start[user[r] + 1]++;
        }
        int maxDegree = 0;
        for (int u = 0; u < userCount; u++) {
            maxDegree = Math.max(maxDegree, start[u + 1]);
            start[u + 1] += start[u];
        }
        int[] byUser = new int[size];
        int[] fill = Arrays.copyOf(start, userCount);
        for (int r = 0; r < size; r++) {
            byUser[fill[user[r]]++] = r;
        }
        boolean[] dropped = null;
        long[] scratch = new long[maxDegree];
        for (int u = 0; u < userCount; u++) {
            int from = start[u];
            int n = start[u + 1] - from;
            for (int k = 0; k < n; k++) {
                int r = byUser[from + k];
                scratch[k] = ((long) item[r] << 32) | r;
            }
            Arrays.sort(scratch, 0, n);
            int keeper = n > 0 ? (int) scratch[0] : -1;
            for (int k = 1; k < n; k++) {
                if ((scratch[k] >>> 32) != (scratch[k - 1] >>> 32)) {
                    keeper = (int) scratch[k];
                    continue;
                }
                int dup = (int) scratch[k];
                merge(keeper, dup);
                if (dropped == null) {
                    dropped = new boolean[size];
                }
                dropped[dup] = true;
                duplicatesMerged++;
            }
        }
        if (dropped == null) {
            return size;
        }
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (!dropped[r]) {
                user[w] = user[r];
                item[w] = item[r];
                value[w] = value[r];
                timestamp[w] = timestamp[r];
                w++;
            }
        }
        return w;
    }

    private void merge(int keeper, int dup) {
        if (explicit) {
            // Rows come in file order within a run, so ">=" lets the later line win a timestamp tie.
            if (timestamp[dup] >= timestamp[keeper]) {
                value[keeper] = value[dup];
                timestamp[keeper] = timestamp[dup];
            }
        } else {
            value[keeper] += value[dup];
            timestamp[keeper] = Math.max(timestamp[keeper], timestamp[dup]);
        }
    }
}
