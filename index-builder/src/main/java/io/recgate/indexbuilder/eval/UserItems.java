package io.recgate.indexbuilder.eval;

import io.recgate.indexbuilder.io.Interactions;
import java.util.Arrays;

/**
 * The distinct items of each user in compressed-row form: the items of user u are
 * {@code items[offsets[u] .. offsets[u + 1])}, sorted ascending. Built in O(rows + users).
 */
final class UserItems {

    final int[] offsets;
    final int[] items;

    private UserItems(int[] offsets, int[] items) {
        this.offsets = offsets;
        this.items = items;
    }

    /** All interactions of each user. */
    static UserItems of(Interactions interactions) {
        return of(interactions, Float.NEGATIVE_INFINITY, null);
    }

    /**
     * The items of each user whose value is &gt;= minValue and that are not among the user's
     * items in {@code exclude} (may be null).
     */
    static UserItems of(Interactions interactions, float minValue, UserItems exclude) {
        int userCount = interactions.users().size();
        int[] users = interactions.userColumn();
        int[] itemColumn = interactions.itemColumn();
        float[] values = interactions.valueColumn();
        int[] offsets = new int[userCount + 1];
        for (int r = 0; r < users.length; r++) {
            if (keep(r, users, itemColumn, values, minValue, exclude)) {
                offsets[users[r] + 1]++;
            }
        }
        for (int u = 0; u < userCount; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] fill = Arrays.copyOf(offsets, userCount);
        int[] items = new int[offsets[userCount]];
        for (int r = 0; r < users.length; r++) {
            if (keep(r, users, itemColumn, values, minValue, exclude)) {
                items[fill[users[r]]++] = itemColumn[r];
            }
        }
        // Sort each row and squeeze out duplicate (user, item) rows so that counts are of distinct items.
        int[] compactOffsets = new int[userCount + 1];
        int out = 0;
        for (int u = 0; u < userCount; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            Arrays.sort(items, from, to);
            compactOffsets[u] = out;
            for (int p = from; p < to; p++) {
                if (p == from || items[p] != items[p - 1]) {
                    items[out++] = items[p];
                }
            }
        }
        compactOffsets[userCount] = out;
        return new UserItems(compactOffsets, out == items.length ? items : Arrays.copyOf(items, out));
    }

    private static boolean keep(int r, int[] users, int[] items, float[] values, float minValue, UserItems exclude) {
        return values[r] >= minValue && (exclude == null || !exclude.contains(users[r], items[r]));
    }

    int count(int user) {
        return offsets[user + 1] - offsets[user];
    }

    boolean contains(int user, int item) {
        return Arrays.binarySearch(items, offsets[user], offsets[user + 1], item) >= 0;
    }
}
