package io.recgate.indexbuilder.split;

import io.recgate.indexbuilder.io.Interactions;
import java.util.Objects;

/**
 * Training and test interactions of one data set, sharing the same user and item id maps (so index
 * {@code u} is the same user in both).
 *
 * @param train           the interactions to train on
 * @param test            the held-out interactions
 * @param droppedTestRows test rows dropped because their user or item does not occur in training
 *                        (only with {@link UnknownTestRows#DROP})
 */
public record Split(Interactions train, Interactions test, int droppedTestRows) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("train and test must share id maps: users " + train.users() + " vs "
                    + test.users() + ", items " + train.items() + " vs " + test.items());
        }
        if (droppedTestRows < 0) {
            throw new IllegalArgumentException("droppedTestRows " + droppedTestRows + " < 0");
        }
    }
}
