package io.recgate.core.ann.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeamPoolTest {

    private record Entry(float dist, int node, int seq) {
    }

    @Test
    void holdsTheNearestInsertedNodesSortedWithEqualDistancesInInsertionOrder() {
        Random random = new Random(11);
        BeamPool pool = new BeamPool();
        for (int trial = 0; trial < 300; trial++) {
            int capacity = 1 + random.nextInt(60);
            pool.reset(capacity);
            List<Entry> all = new ArrayList<>();
            int inserts = random.nextInt(400);
            for (int i = 0; i < inserts; i++) {
                float d = random.nextInt(50) - 25;
                if (pool.admits(d)) {
                    pool.insert(d, i);
                    all.add(new Entry(d, i, i));
                }
            }
            // Reference: only admitted entries, each kept iff among the capacity nearest when it came
            // and not pushed out since; equivalently the capacity nearest of all admitted, with
            // equal distances in insertion order (a later equal one never displaces an earlier).
            List<Entry> expected = all.stream()
                    .sorted(Comparator.comparingDouble(Entry::dist).thenComparingInt(Entry::seq))
                    .limit(capacity).toList();
            assertEquals(expected.size(), pool.size());
            for (int i = 0; i < pool.size(); i++) {
                assertEquals(expected.get(i).node(), pool.node(i), "trial " + trial + " position " + i);
                assertEquals(expected.get(i).dist(), pool.dist(i));
            }
        }
    }

    @Test
    void keepsDistancesOfEverySignAndMagnitudeExactlyAndInOrderThroughExpansion() {
        float[] values = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -3.5e7f, -1f, -0.3f, -Float.MIN_VALUE, -0f, 0f,
            Float.MIN_VALUE, 1e-30f, 0.75f, 2.5e9f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        BeamPool pool = new BeamPool();
        pool.reset(values.length);
        for (int node : order) {
            pool.insert(values[node], node);
        }
        int expanded = 0;
        while (pool.expandNext() >= 0) {
            expanded++;
        }
        assertEquals(values.length, expanded);
        for (int i = 0; i < values.length; i++) {
            // values is ascending (-0 before +0), so position i holds node i with its exact bits.
            assertEquals(i, pool.node(i), "position " + i);
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(pool.dist(i)), "position " + i);
        }
    }

    @Test
    void expandsNearestUnexpandedFirstAndRevisitsFrontInsertions() {
        BeamPool pool = new BeamPool();
        pool.reset(4);
        pool.insert(5f, 50);
        pool.insert(3f, 30);
        assertEquals(30, pool.expandNext());
        pool.insert(4f, 40);
        assertEquals(40, pool.expandNext());
        pool.insert(1f, 10);
        assertEquals(10, pool.expandNext(), "a node inserted before the cursor is expanded next");
        assertEquals(50, pool.expandNext());
        pool.insert(2f, 20);
        assertEquals(4, pool.size());
        assertEquals(20, pool.expandNext());
        assertEquals(-1, pool.expandNext(), "all expanded: the search ends");
        assertTrue(!pool.admits(4f) && pool.admits(3.5f), "full: only nearer than the farthest");
        assertEquals(10, pool.node(0));
        assertEquals(40, pool.node(3));
    }

    @Test
    void aBeamNarrowerThanThePoolExpandsOnlyItsNearestButKeepsTheRest() {
        BeamPool pool = new BeamPool();
        pool.reset(4, 2);
        pool.insert(5f, 50);
        pool.insert(3f, 30);
        assertEquals(30, pool.expandNext());
        assertEquals(50, pool.expandNext());
        pool.insert(4f, 40);
        assertEquals(40, pool.expandNext(), "second nearest: inside the beam");
        pool.insert(6f, 60);
        assertEquals(-1, pool.expandNext(), "50 and 60 lie beyond the beam of 2");
        pool.insert(1f, 10);
        assertEquals(10, pool.expandNext());
        assertEquals(-1, pool.expandNext());
        assertEquals(4, pool.size(), "the pool still keeps its capacity of scored nodes");
        assertEquals(10, pool.node(0));
        assertEquals(50, pool.node(3));
    }

    @Test
    void aNarrowBeamExpandsExactlyTheNodesThatWereAmongItsNearestWhenTheyCame() {
        Random random = new Random(5);
        BeamPool pool = new BeamPool();
        for (int trial = 0; trial < 300; trial++) {
            int capacity = 2 + random.nextInt(30);
            int beam = 1 + random.nextInt(capacity);
            pool.reset(capacity, beam);
            List<Entry> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                float d = random.nextInt(100);
                if (pool.admits(d)) {
                    pool.insert(d, i);
                    all.add(new Entry(d, i, i));
                }
                if (random.nextInt(3) == 0) {
                    int node = pool.expandNext();
                    if (node >= 0) {
                        // Reference rank: admitted entries nearer, or equal and earlier.
                        Entry e = all.stream().filter(x -> x.node() == node).findFirst().orElseThrow();
                        long rank = all.stream().filter(x -> x.dist() < e.dist()
                                || (x.dist() == e.dist() && x.seq() < e.seq())).count();
                        assertTrue(rank < beam, "trial " + trial + ": expanded rank " + rank + " of beam " + beam);
                    }
                }
            }
        }
    }
}
