package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AlsParamsTest {

    private static String messageOf(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }

    @Test
    void defaultsAreValidAndDocumented() {
        AlsParams explicit = AlsParams.defaults();
        assertEquals(AlsParams.DEFAULT_RANK, explicit.rank());
        assertEquals(AlsParams.DEFAULT_LAMBDA, explicit.lambda());
        assertEquals(AlsParams.DEFAULT_ITERATIONS, explicit.iterations());
        AlsParams implicit = AlsParams.implicitDefaults();
        assertEquals(AlsParams.DEFAULT_IMPLICIT_RANK, implicit.rank());
        assertEquals(AlsParams.DEFAULT_IMPLICIT_ALPHA, implicit.alpha());
        assertEquals(ConfidenceScaling.LINEAR, implicit.confidence());
    }

    @Test
    void withersChangeOneValue() {
        AlsParams p = AlsParams.defaults().withRank(7).withIterations(3).withLambda(0.5).withAlpha(2)
                .withConfidence(ConfidenceScaling.LOG).withThreads(3).withSeed(9).withCgSteps(4);
        assertEquals(new AlsParams(7, 3, 0.5, 2, ConfidenceScaling.LOG, 3, 9, 4), p);
    }

    @Test
    void rejectsRankOutOfRange() {
        assertEquals("invalid ALS parameters: rank 0 must be in [1, 1024]",
                messageOf(() -> AlsParams.defaults().withRank(0)));
        assertEquals("invalid ALS parameters: rank 1025 must be in [1, 1024]",
                messageOf(() -> AlsParams.defaults().withRank(1025)));
    }

    @Test
    void rejectsNonPositiveOrNonFiniteLambda() {
        assertEquals("invalid ALS parameters: lambda 0.0 must be finite and > 0",
                messageOf(() -> AlsParams.defaults().withLambda(0)));
        assertEquals("invalid ALS parameters: lambda NaN must be finite and > 0",
                messageOf(() -> AlsParams.defaults().withLambda(Double.NaN)));
        assertEquals("invalid ALS parameters: lambda Infinity must be finite and > 0",
                messageOf(() -> AlsParams.defaults().withLambda(Double.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsNegativeAlpha() {
        assertEquals("invalid ALS parameters: alpha -1.0 must be finite and >= 0",
                messageOf(() -> AlsParams.defaults().withAlpha(-1)));
    }

    @Test
    void rejectsBadIterationsThreadsAndCgSteps() {
        assertEquals("invalid ALS parameters: iterations 0 must be in [1, 10000]",
                messageOf(() -> AlsParams.defaults().withIterations(0)));
        assertEquals("invalid ALS parameters: threads 0 must be in [1, 1024]",
                messageOf(() -> AlsParams.defaults().withThreads(0)));
        assertEquals("invalid ALS parameters: cgSteps 0 must be in [1, 1024]",
                messageOf(() -> AlsParams.defaults().withCgSteps(0)));
    }

    @Test
    void reportsEveryInvalidValueAtOnce() {
        assertEquals("invalid ALS parameters: rank -1 must be in [1, 1024]; lambda -2.0 must be finite and > 0;"
                        + " threads 0 must be in [1, 1024]",
                messageOf(() -> new AlsParams(-1, 5, -2, 1, ConfidenceScaling.LINEAR, 0, 1, 3)));
    }

    @Test
    void rejectsNullConfidence() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> AlsParams.defaults().withConfidence(null));
        assertEquals("confidence", e.getMessage());
    }

    @Test
    void confidenceScalingsFollowTheirFormulas() {
        assertEquals(1 + 40 * 3.0, ConfidenceScaling.LINEAR.confidence(3, 40));
        assertEquals(1 + 2 * Math.log(4), ConfidenceScaling.LOG.confidence(3, 2), 1e-12);
    }
}
