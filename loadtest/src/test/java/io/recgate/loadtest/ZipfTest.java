package io.recgate.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void exponentOneGivesRankZeroOneOverTheHarmonicNumber() {
        Zipf zipf = new Zipf(1000, 1.0);
        double harmonic = 0;
        for (int r = 1; r <= 1000; r++) {
            harmonic += 1.0 / r;
        }
        assertEquals(1 / harmonic, zipf.probability(0), 1e-12);
        assertEquals(1 / (2 * harmonic), zipf.probability(1), 1e-12);
        int[] hits = new int[1000];
        SplittableRandom random = new SplittableRandom(1);
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            hits[zipf.next(random)]++;
        }
        // Binomial standard deviation of rank 0's share is about 0.00076; 5 sigma.
        assertEquals(1 / harmonic, hits[0] / (double) draws, 0.004);
        assertEquals(1 / (10 * harmonic), hits[9] / (double) draws, 0.002);
        assertTrue(hits[0] > hits[1] && hits[1] > hits[9] && hits[9] > hits[99], "not decreasing by rank");
    }

    @Test
    void exponentZeroIsUniform() {
        Zipf zipf = new Zipf(4, 0);
        for (int r = 0; r < 4; r++) {
            assertEquals(0.25, zipf.probability(r), 1e-12);
        }
        assertEquals(0, zipf.rankAt(0.0));
        assertEquals(1, zipf.rankAt(0.25));
        assertEquals(3, zipf.rankAt(0.999999));
    }

    @Test
    void oneRankAlwaysDrawsIt() {
        Zipf zipf = new Zipf(1, 2.5);
        assertEquals(0, zipf.rankAt(0.0));
        assertEquals(0, zipf.rankAt(0.9999));
    }

    @Test
    void refusesEmptyRangesAndBadExponents() {
        assertEquals("n must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Zipf(0, 1)).getMessage());
        assertEquals("exponent must be finite and >= 0, got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new Zipf(3, -0.5)).getMessage());
        assertEquals("exponent must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Zipf(3, Double.NaN)).getMessage());
    }
}
