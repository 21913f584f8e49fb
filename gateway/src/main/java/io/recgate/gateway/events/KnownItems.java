package io.recgate.gateway.events;

import java.util.Objects;
import java.util.Set;

/**
 * Which item ids exist, so that events about unknown items are refused with 404 {@code unknown_item}.
 * The live bundle provides it (its item id map); before the first bundle the server accepts any id.
 * Implementations must be thread-safe and fast (called on the event loop, once per event): to follow
 * a hot-swapped bundle, read the current bundle through its {@code AtomicReference} inside
 * {@link #contains}, e.g. {@code id -> bundle.get().itemIds().indexOf(id) >= 0}.
 */
@FunctionalInterface
public interface KnownItems {

    /** Whether the item exists. */
    boolean contains(String itemId);

    /** Accepts every item id. */
    static KnownItems any() {
        return id -> true;
    }

    /** Exactly the given ids (copied). */
    static KnownItems of(Set<String> ids) {
        Set<String> copy = Set.copyOf(Objects.requireNonNull(ids, "ids"));
        return copy::contains;
    }
}
