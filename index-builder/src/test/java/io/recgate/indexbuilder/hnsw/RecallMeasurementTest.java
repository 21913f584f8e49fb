package io.recgate.indexbuilder.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.ExactIndex;
import io.recgate.core.ann.SearchResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The measurement's structure, on a simulated clock: no test here times real searches, so none can
 * flake on a busy machine.
 */
class RecallMeasurementTest {

    private static final int DIMS = 8;

    private static float[] rows(int count, long seed) {
        Random random = new Random(seed);
        float[] out = new float[count * DIMS];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private static float[][] queries(int count) {
        float[] flat = rows(count, 9);
        float[][] out = new float[count][DIMS];
        for (int q = 0; q < count; q++) {
            System.arraycopy(flat, q * DIMS, out[q], 0, DIMS);
        }
        return out;
    }

    /**
     * Exact search on a simulated clock: a search costs {@code ef} µs once warm, and 100 µs per ef
     * for the first {@code coldSearches} (standing in for the JIT's warm-up). Records every search
     * and every clock read in order.
     */
    private static final class SimulatedIndex implements AnnIndex {
        final ExactIndex exact;
        final int coldSearches;
        final List<String> events = new ArrayList<>();
        final Map<float[], Integer> queryIds = new IdentityHashMap<>();
        long nanos;
        int searches;

        SimulatedIndex(ExactIndex exact, int coldSearches) {
            this.exact = exact;
            this.coldSearches = coldSearches;
        }

        long clock() {
            events.add("clock");
            return nanos;
        }

        @Override
        public int size() {
            return exact.size();
        }

        @Override
        public int dims() {
            return exact.dims();
        }

        @Override
        public String kind() {
            return "simulated";
        }

        @Override
        public SearchResult search(float[] query, int k, int ef, IntPredicate accept) {
            nanos += (searches < coldSearches ? 100_000L : 1_000L) * ef;
            searches++;
            events.add("search ef" + ef + " q" + queryIds.computeIfAbsent(query, q -> queryIds.size()));
            return exact.search(query, k, ef, accept);
        }
    }

    private static ExactIndex exact() {
        return new ExactIndex(rows(200, 3), DIMS);
    }

    @Test
    void timesEveryEfAfterAWarmUpThatRanEveryQueryAtEveryEf() {
        ExactIndex exact = exact();
        SimulatedIndex index = new SimulatedIndex(exact, 500);
        float[][] queries = queries(40);
        RecallMeasurement measurement = new RecallMeasurement(index, exact, queries, 10, index::clock);

        Map<Integer, RecallPoint> points = measurement.measure(List.of(10, 20, 50));

        int firstClock = index.events.indexOf("clock");
        assertTrue(firstClock >= RecallMeasurement.MIN_WARM_UP_SEARCHES,
                "first clock read after only " + firstClock + " searches");
        Set<String> warmedUp = new HashSet<>(index.events.subList(0, firstClock));
        assertEquals(40, index.queryIds.size());
        for (int ef : List.of(10, 20, 50)) {
            for (int q = 0; q < queries.length; q++) {
                assertTrue(warmedUp.contains("search ef" + ef + " q" + q), "q" + q + " not warmed up at ef " + ef);
            }
        }
        // Each timed pass sees only warm searches: ef µs per query, exactly, the first ef included.
        assertEquals(List.of(10, 20, 50), List.copyOf(points.keySet()));
        for (RecallPoint point : points.values()) {
            assertEquals(point.ef(), point.meanLatencyMicros(), 1e-9, point.toString());
            assertEquals(1.0, point.recall(), 1e-12, point.toString());
        }
    }

    @Test
    void warmsUpInWholeRoundsUntilTheMinimumEvenWithFewQueries() {
        ExactIndex exact = exact();
        // 7 queries × 2 efs = 14 a round: 358 rounds (5,012 searches) before the first clock read.
        SimulatedIndex index = new SimulatedIndex(exact, RecallMeasurement.MIN_WARM_UP_SEARCHES - 1);
        RecallMeasurement measurement = new RecallMeasurement(index, exact, queries(7), 10, index::clock);

        Map<Integer, RecallPoint> points = measurement.measure(List.of(50, 10));

        int rounds = (RecallMeasurement.MIN_WARM_UP_SEARCHES + 13) / 14;
        assertEquals(rounds * 14, index.events.indexOf("clock"));
        assertEquals(50.0, points.get(50).meanLatencyMicros(), 1e-9);
        assertEquals(10.0, points.get(10).meanLatencyMicros(), 1e-9);
    }

    @Test
    void measuresARepeatedEfOnceSoTheDefaultEfAndTheSweepShareOneFigure() {
        ExactIndex exact = exact();
        SimulatedIndex index = new SimulatedIndex(exact, 0);
        RecallMeasurement measurement = new RecallMeasurement(index, exact, queries(30), 10, index::clock);

        Map<Integer, RecallPoint> points = measurement.measure(List.of(10, 50, 100, 50));

        assertEquals(List.of(10, 50, 100), List.copyOf(points.keySet()));
        // Two clock reads per timed pass: three passes, not four.
        assertEquals(6, index.events.stream().filter("clock"::equals).count());
    }

    @Test
    void refusesNothingToMeasure() {
        ExactIndex exact = exact();
        IllegalArgumentException noQueries = assertThrows(IllegalArgumentException.class,
                () -> new RecallMeasurement(exact, exact, new float[0][], 10));
        assertEquals("recall measurement needs at least 1 query, got 0", noQueries.getMessage());
        RecallMeasurement measurement = new RecallMeasurement(exact, exact, queries(3), 10);
        IllegalArgumentException noEf = assertThrows(IllegalArgumentException.class,
                () -> measurement.measure(List.of()));
        assertEquals("no ef to measure", noEf.getMessage());
    }
}
