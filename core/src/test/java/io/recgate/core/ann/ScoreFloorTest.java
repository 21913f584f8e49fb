package io.recgate.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The floor a packed scan offers above, and the positions it lists, against brute force. */
class ScoreFloorTest {

    /**
     * The listed positions must be ascending and accepted, and must hold every accepted position
     * of the wanted best (by score, then position) that is not beaten by the known floor.
     */
    @Test
    void selectListsEveryAcceptedScoreThatCanBeAmongTheWantedBest() {
        Random random = new Random(41);
        for (int trial = 0; trial < 3_000; trial++) {
            int n = 1 + random.nextInt(700);
            int wanted = 1 + random.nextInt(Math.min(n, 220));
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(4) == 0 ? Math.round(random.nextFloat() * 8) / 8f
                        : random.nextFloat() * 2f - 1f;
            }
            int modulus = 1 + random.nextInt(12);
            IntPredicate accept = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> i -> i % modulus == 0;
                default -> i -> i % modulus != 0;
            };
            float known = random.nextBoolean() ? Float.NEGATIVE_INFINITY : random.nextFloat() * 2f - 1f;
            int[] positions = new int[n];
            int listed = ScoreFloor.select(scores, n, wanted, known, 1f, accept, positions);
            boolean[] isListed = new boolean[n];
            for (int j = 0; j < listed; j++) {
                int p = positions[j];
                assertTrue(j == 0 || positions[j - 1] < p, "positions not ascending");
                assertTrue(accept == null || accept.test(p), "listed a rejected position " + p);
                isListed[p] = true;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : a - b);
            int taken = 0;
            for (int i = 0; i < n && taken < wanted; i++) {
                int p = order[i];
                if (accept == null || accept.test(p)) {
                    taken++;
                    int trial0 = trial;
                    assertTrue(scores[p] < known || isListed[p],
                            () -> "trial " + trial0 + ": position " + p + " of the wanted best was not listed");
                }
            }
        }
    }

    private static int reaching(float[] scores, int n, float floor) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] >= floor) {
                count++;
            }
        }
        return count;
    }

    /** The k-th largest of the first n scores (NaN ranked last). */
    private static float kthLargest(float[] scores, int n, int k) {
        float[] sorted = Arrays.copyOf(scores, n);
        Arrays.sort(sorted);
        int numbers = n;
        while (numbers > 0 && Float.isNaN(sorted[numbers - 1])) {
            numbers--;
        }
        return sorted[numbers - k];
    }

    @Test
    void everyFloorIsReachedByAtLeastKScoresAndLiesAtOrBelowTheKthLargest() {
        Random random = new Random(17);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(600);
            int k = 1 + random.nextInt(Math.min(n, 250));
            float bound = 1f + random.nextFloat() * 10f;
            float[] scores = new float[n + random.nextInt(16)];
            boolean ties = random.nextBoolean();
            for (int i = 0; i < scores.length; i++) {
                float u = random.nextFloat() * 2f - 1f;
                scores[i] = bound * (ties ? Math.round(u * 4) / 4f : u);
            }
            float floor = ScoreFloor.of(scores, n, k, Float.NEGATIVE_INFINITY, bound);
            int count = reaching(scores, n, floor);
            int n0 = n;
            assertTrue(count >= k, () -> "floor " + floor + " reached by " + count + " < k " + k + " of " + n0);
            assertTrue(floor <= kthLargest(scores, n, k), () -> "floor above the k-th largest, k " + k);
        }
    }

    @Test
    void aKnownFloorIsKeptWhenFewReachItAndOnlyRaisedToACountedFloor() {
        Random random = new Random(29);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(600);
            int k = 1 + random.nextInt(Math.min(n, 250));
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextFloat() * 2f - 1f;
            }
            float known = random.nextFloat() * 2f - 1f;
            float floor = ScoreFloor.of(scores, n, k, known, 1f);
            int reachingKnown = reaching(scores, n, known);
            int n0 = n;
            assertTrue(floor >= known, () -> "floor " + floor + " below the known " + known);
            if (reachingKnown <= k + 2 + k / 8) {
                assertEquals(known, floor, () -> reachingKnown + " reach the known floor, n " + n0 + ", k " + k);
            }
            if (floor > known) {
                assertTrue(reaching(scores, n, floor) >= k, () -> "raised floor " + floor + " reached by fewer than k");
            }
        }
    }

    @Test
    void withoutTiesTheFloorLeavesFewScoresBeyondK() {
        Random random = new Random(5);
        float[] scores = new float[256];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextGaussian();
        }
        for (int k : new int[] {1, 10, 40, 200}) {
            float floor = ScoreFloor.of(scores, scores.length, k, Float.NEGATIVE_INFINITY, 10f);
            int count = reaching(scores, scores.length, floor);
            assertTrue(count >= k && count <= k + 2 + k / 8, "k " + k + ": " + count + " scores reach the floor");
        }
    }

    @Test
    void scoresOutsideTheBoundStillGetAFloorThatKOfThemReach() {
        float[] scores = new float[100];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 50f + i;
        }
        float floor = ScoreFloor.of(scores, scores.length, 10, Float.NEGATIVE_INFINITY, 1f);
        assertTrue(reaching(scores, scores.length, floor) >= 10);
        scores[0] = Float.NaN;
        scores[1] = Float.POSITIVE_INFINITY;
        scores[2] = Float.NEGATIVE_INFINITY;
        floor = ScoreFloor.of(scores, scores.length, 10, Float.NEGATIVE_INFINITY, 200f);
        assertTrue(reaching(scores, scores.length, floor) >= 10);
    }

    @Test
    void tooFewScoresOrAnUnusableBoundGiveMinusInfinity() {
        float[] scores = new float[64];
        Arrays.fill(scores, 1f);
        assertEquals(Float.NEGATIVE_INFINITY, ScoreFloor.of(scores, 12, 10, Float.NEGATIVE_INFINITY, 5f));
        assertEquals(Float.NEGATIVE_INFINITY, ScoreFloor.of(scores, 64, 0, Float.NEGATIVE_INFINITY, 5f));
        assertEquals(Float.NEGATIVE_INFINITY, ScoreFloor.of(scores, 64, 10, Float.NEGATIVE_INFINITY, 0f));
        assertEquals(Float.NEGATIVE_INFINITY, ScoreFloor.of(scores, 64, 10, Float.NEGATIVE_INFINITY, Float.NaN));
        assertEquals(Float.NEGATIVE_INFINITY,
                ScoreFloor.of(scores, 64, 10, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
    }
}
