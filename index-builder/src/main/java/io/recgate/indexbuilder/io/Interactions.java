package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.util.Objects;

/**
 * A set of (user, item, value, timestamp) interactions in columnar form, with the id maps that
 * name the dense user and item indices. {@code value} is a rating for explicit data and a weight
 * (count, dwell, 1 for a click) for implicit data; {@code timestamp} is epoch seconds, or 0 when
 * the source has none. Arrays are owned by this object and must not be modified.
 *
 * <p>Train and test splits of one data set share the same id maps, so index {@code u} means the
 * same user in both.
 */
public final class Interactions {

    private final IdMap users;
    private final IdMap items;
    private final int[] user;
    private final int[] item;
    private final float[] value;
    private final long[] timestamp;

    public Interactions(IdMap users, IdMap items, int[] user, int[] item, float[] value, long[] timestamp) {
        this.users = Objects.requireNonNull(users, "users");
        this.items = Objects.requireNonNull(items, "items");
        this.user = Objects.requireNonNull(user, "user");
        this.item = Objects.requireNonNull(item, "item");
        this.value = Objects.requireNonNull(value, "value");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        if (item.length != user.length || value.length != user.length || timestamp.length != user.length) {
            throw new IllegalArgumentException("column lengths differ: user " + user.length + ", item " + item.length
                    + ", value " + value.length + ", timestamp " + timestamp.length);
        }
    }

    public IdMap users() {
        return users;
    }

    public IdMap items() {
        return items;
    }

    /** Number of interactions. */
    public int size() {
        return user.length;
    }

    public int user(int row) {
        return user[row];
    }

    public int item(int row) {
        return item[row];
    }

    public float value(int row) {
        return value[row];
    }

    public long timestamp(int row) {
        return timestamp[row];
    }

    /** The user column; do not modify. */
    public int[] userColumn() {
        return user;
    }

    /** The item column; do not modify. */
    public int[] itemColumn() {
        return item;
    }

    /** The value column; do not modify. */
    public float[] valueColumn() {
        return value;
    }

    /** The timestamp column; do not modify. */
    public long[] timestampColumn() {
        return timestamp;
    }

    /** The rows at the given positions, in that order, with the same id maps. */
    public Interactions select(int[] rows) {
        int[] u = new int[rows.length];
        int[] i = new int[rows.length];
        float[] v = new float[rows.length];
        long[] t = new long[rows.length];
        for (int r = 0; r < rows.length; r++) {
            u[r] = user[rows[r]];
            i[r] = item[rows[r]];
            v[r] = value[rows[r]];
            t[r] = timestamp[rows[r]];
        }
        return new Interactions(users, items, u, i, v, t);
    }
}
