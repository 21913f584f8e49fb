package io.recgate.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LevelTrackerTest {

    private static final long SECOND = 1_000_000_000L;

    private static LevelTracker tracker() {
        return new LevelTracker(new double[] {100, 200, 300}, Duration.ofSeconds(10), RecommendRamp::levelName);
    }

    @Test
    void levelsFollowEachOtherFromTheStart() {
        LevelTracker t = tracker();
        assertEquals(0, t.levelAt(5 * SECOND));
        t.start(1_000 * SECOND);
        t.start(1_005 * SECOND);
        assertEquals(0, t.levelAt(1_000 * SECOND));
        assertEquals(0, t.levelAt(1_009 * SECOND));
        assertEquals(1, t.levelAt(1_010 * SECOND));
        assertEquals(2, t.levelAt(1_025 * SECOND));
        assertEquals(2, t.levelAt(1_100 * SECOND));
        assertEquals(3 * SECOND, t.nanosIntoLevel(1, 1_013 * SECOND));
        assertEquals("recommend @ 200/s", t.name(1));
    }

    @Test
    void p99IsTheSmallestMillisecondCoveringNinetyNinePercent() {
        LevelTracker t = tracker();
        for (int i = 0; i < 990; i++) {
            t.record(0, 3, false);
        }
        for (int i = 0; i < 10; i++) {
            t.record(0, 40, false);
        }
        LevelTracker.Stats s = t.stats(0);
        assertEquals(1000, s.requests());
        assertEquals(3, s.p99Millis());
        assertTrue(s.held(20, 0));
        t.record(0, 40, false);
        assertEquals(40, t.stats(0).p99Millis());
        assertFalse(t.stats(0).held(20, 0));
    }

    @Test
    void failuresAndTimeoutsBreakTheErrorBudget() {
        LevelTracker t = tracker();
        for (int i = 0; i < 199; i++) {
            t.record(1, 5, false);
        }
        t.record(1, -1, true);
        LevelTracker.Stats s = t.stats(1);
        assertEquals(200, s.requests());
        assertEquals(1, s.failed());
        assertEquals(0.5, s.errorPercent(), 1e-12);
        assertFalse(s.held(20, 0));
        assertTrue(s.held(20, 0.5));
        t.record(2, 60_000, false);
        assertEquals(LevelTracker.MAX_MILLIS, t.stats(2).p99Millis());
        assertEquals("300/s: 1 requests, p99 >=10000 ms, 0 failed (0.00%)", t.stats(2).toString());
    }

    @Test
    void aLevelWithoutTrafficDidNotHold() {
        assertFalse(tracker().stats(0).held(20, 0));
    }

    @Test
    void eachLevelIsJudgedOnce() {
        LevelTracker t = tracker();
        assertTrue(t.claimJudgement(1));
        assertFalse(t.claimJudgement(1));
        assertTrue(t.claimJudgement(0));
    }

    @Test
    void refusesNoLevelsAndNonPositiveDurations() {
        assertEquals("need at least one level, got 0", assertThrows(IllegalArgumentException.class,
                () -> new LevelTracker(new double[0], Duration.ofSeconds(1), RecommendRamp::levelName)).getMessage());
        assertEquals("level duration must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> new LevelTracker(new double[] {1}, Duration.ZERO, RecommendRamp::levelName)).getMessage());
    }
}
