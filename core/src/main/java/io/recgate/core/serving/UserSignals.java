package io.recgate.core.serving;

import java.util.Objects;

/**
 * A user's signals for one request, resolved against a bundle.
 *
 * @param user          bundle user index, or -1 (unknown user or anonymous session)
 * @param historyItems  bundle item indices of recent events (newest first) or the session's items
 * @param historyValues fold-in values aligned with {@code historyItems}
 */
public record UserSignals(int user, int[] historyItems, float[] historyValues) {

    private static final int[] NO_ITEMS = new int[0];
    private static final float[] NO_VALUES = new float[0];

    public UserSignals {
        Objects.requireNonNull(historyItems, "historyItems");
        Objects.requireNonNull(historyValues, "historyValues");
        if (historyItems.length != historyValues.length) {
            throw new IllegalArgumentException("historyItems length " + historyItems.length
                    + " != historyValues length " + historyValues.length);
        }
    }

    /** A known user with no live history: what offline evaluation asks for. */
    public static UserSignals of(int user) {
        return new UserSignals(user, NO_ITEMS, NO_VALUES);
    }

    /** True when there is nothing to personalise from: cold start. */
    boolean isCold() {
        return user < 0 && historyItems.length == 0;
    }
}
