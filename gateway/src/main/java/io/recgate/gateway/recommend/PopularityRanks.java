package io.recgate.gateway.recommend;

import io.recgate.core.serving.ServableBundle;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Each item's 1-based rank in a bundle's popularity order ({@link ServableBundle#popularity()}), the
 * inverse of that order, computed once per bundle version and kept for the latest version asked for.
 * Keyed by the version name, not the bundle object, so a swapped-out bundle is not kept reachable;
 * a version's files never change, so its ranks do not either.
 *
 * <p>Computing is O(items): call {@link #of} off the event loop; {@link #cached} is O(1) anywhere.
 * Thread-safe (two threads may both compute the same ranks once; either result is kept).
 */
final class PopularityRanks {

    private record Ranks(String version, int[] rank) {
    }

    private final AtomicReference<Ranks> latest = new AtomicReference<>();

    /** Ranks of the bundle's items (index = item), computing them if needed. Shared: do not modify. */
    int[] of(ServableBundle b) {
        int[] ranks = cached(b);
        if (ranks != null) {
            return ranks;
        }
        int[] order = b.popularity();
        ranks = new int[b.items().size()];
        for (int p = 0; p < order.length; p++) {
            ranks[order[p]] = p + 1;
        }
        latest.set(new Ranks(b.version(), ranks));
        return ranks;
    }

    /** The ranks when already computed for this bundle's version, else null. */
    int[] cached(ServableBundle b) {
        Ranks r = latest.get();
        return r != null && r.version().equals(b.version()) && r.rank().length == b.items().size() ? r.rank() : null;
    }
}
