package io.recgate.loadtest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.DoubleFunction;

/**
 * Per-level latency and failures of a stepped ramp, kept inside the simulation so that the ramp can stop
 * at the first level that breaks the budget and say which rate was the highest that held (Gatling's own
 * statistics are only available once the run is over).
 *
 * <p>Levels follow each other every {@code levelDuration} from {@link #start}; latencies are whole
 * milliseconds (as Gatling reports them) in one histogram per level, capped at
 * {@value #MAX_MILLIS} ms. Thread-safe: virtual users record concurrently.
 */
final class LevelTracker {

    static final int MAX_MILLIS = 10_000;

    private final int levels;
    private final long levelNanos;
    private final DoubleFunction<String> rateName;
    private final double[] rates;
    private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLongArray counts;
    private final AtomicLongArray failures;
    private final AtomicIntegerArray judged;
    private final AtomicIntegerArray[] histograms;

    /**
     * @param rates         arrival rate of each level, per second
     * @param levelDuration how long each level lasts
     * @param rateName      a level's request name from its rate
     */
    LevelTracker(double[] rates, Duration levelDuration, DoubleFunction<String> rateName) {
        if (rates.length < 1) {
            throw new IllegalArgumentException("need at least one level, got " + rates.length);
        }
        if (levelDuration.isNegative() || levelDuration.isZero()) {
            throw new IllegalArgumentException("level duration must be positive, got " + levelDuration);
        }
        this.levels = rates.length;
        this.rates = rates.clone();
        this.levelNanos = levelDuration.toNanos();
        this.rateName = rateName;
        this.counts = new AtomicLongArray(levels);
        this.failures = new AtomicLongArray(levels);
        this.judged = new AtomicIntegerArray(levels);
        this.histograms = new AtomicIntegerArray[levels];
        for (int l = 0; l < levels; l++) {
            histograms[l] = new AtomicIntegerArray(MAX_MILLIS + 1);
        }
    }

    /** Marks the start of level 0 (the first call wins). */
    void start(long nanos) {
        startNanos.compareAndSet(Long.MIN_VALUE, nanos);
    }

    int levels() {
        return levels;
    }

    double rate(int level) {
        return rates[level];
    }

    String name(int level) {
        return rateName.apply(rates[level]);
    }

    /** The level running at {@code nanos} (the last one after the ramp's end, 0 before start). */
    int levelAt(long nanos) {
        long start = startNanos.get();
        if (start == Long.MIN_VALUE || nanos <= start) {
            return 0;
        }
        return (int) Math.min(levels - 1, (nanos - start) / levelNanos);
    }

    /** How long level {@code level} has been running at {@code nanos} (negative before it starts). */
    long nanosIntoLevel(int level, long nanos) {
        return nanos - startNanos.get() - level * levelNanos;
    }

    /**
     * Records one request of {@code level}: its response time in ms (negative when there was no response),
     * and whether it failed.
     */
    void record(int level, int millis, boolean failed) {
        counts.incrementAndGet(level);
        if (failed) {
            failures.incrementAndGet(level);
        }
        if (millis >= 0) {
            histograms[level].incrementAndGet(Math.min(millis, MAX_MILLIS));
        }
    }

    /** Snapshot of a level's numbers. */
    Stats stats(int level) {
        AtomicIntegerArray h = histograms[level];
        long measured = 0;
        for (int ms = 0; ms <= MAX_MILLIS; ms++) {
            measured += h.get(ms);
        }
        int p99 = -1;
        if (measured > 0) {
            long needed = (long) Math.ceil(0.99 * measured);
            long seen = 0;
            for (int ms = 0; ms <= MAX_MILLIS; ms++) {
                seen += h.get(ms);
                if (seen >= needed) {
                    p99 = ms;
                    break;
                }
            }
        }
        return new Stats(rates[level], counts.get(level), failures.get(level), p99);
    }

    /** True exactly once per level: for the caller that gets to judge it. */
    boolean claimJudgement(int level) {
        return judged.compareAndSet(level, 0, 1);
    }

    /**
     * @param rate     the level's arrival rate per second
     * @param requests requests recorded
     * @param failed   failed requests among them
     * @param p99Millis 99th percentile of response time, ms ({@value #MAX_MILLIS} = at least that), -1 when none
     */
    record Stats(double rate, long requests, long failed, int p99Millis) {

        double errorPercent() {
            return requests == 0 ? 0 : 100.0 * failed / requests;
        }

        /** Whether the level had traffic and kept p99 and the error share within budget. */
        boolean held(int p99Budget, double maxErrorPercent) {
            return requests > 0 && p99Millis >= 0 && p99Millis <= p99Budget && errorPercent() <= maxErrorPercent;
        }

        @Override
        public String toString() {
            return String.format("%.0f/s: %d requests, p99 %s ms, %d failed (%.2f%%)", rate, requests,
                    p99Millis < 0 ? "-" : p99Millis >= MAX_MILLIS ? ">=" + MAX_MILLIS : Integer.toString(p99Millis),
                    failed, errorPercent());
        }
    }
}
