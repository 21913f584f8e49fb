package io.recgate.indexbuilder.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ItemSamplerTest {

    private static final int ITEMS = 60;
    private static final int DRAWS = 200_000;

    @Test
    void drawsInProportionToPopularityTimesTaste() {
        // Strong taste and few items per category, so a bound that cut off the best items or a
        // proposal weight that did not cancel would show as a large deviation.
        GeneratorParams params = GeneratorParams.of(3, ITEMS, 3).withCategories(6).withAffinityStrength(12);
        PlantedModel model = PlantedModel.plant(params);
        ItemSampler sampler = new ItemSampler(model, params.affinityStrength());
        ItemSampler.Buffers buffers = sampler.newBuffers(1);
        SplittableRandom random = new SplittableRandom(7);
        for (int u = 0; u < 3; u++) {
            double[] observed = new double[ITEMS];
            for (int k = 0; k < DRAWS; k++) {
                // forget the previous draw, so every draw is a first draw from the whole catalogue
                Arrays.fill(buffers.stamp, 0);
                sampler.choose(u, model.userFactors(), 1, random, buffers);
                observed[buffers.chosen[0]] += 1.0 / DRAWS;
            }
            double[] target = new double[ITEMS];
            double[] popularityOnly = new double[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                target[i] = model.itemPopularity()[i] * Math.exp(params.affinityStrength() * model.affinity(u, i));
                popularityOnly[i] = model.itemPopularity()[i];
            }
            normalize(target);
            normalize(popularityOnly);
            // Sampling noise: E[TV] <= ½·Σ sqrt(p_i / DRAWS) <= ½·sqrt(ITEMS / DRAWS) ≈ 0.009;
            // the exp table's grid adds under 1% relative error per item.
            double error = totalVariation(observed, target);
            assertTrue(error < 0.02, "user " + u + ": total variation " + error + " from popularity x taste");
            // and the check has teeth: taste moves the distribution far more than the tolerance
            assertTrue(totalVariation(target, popularityOnly) > 0.3, "user " + u + ": taste barely matters");
        }
    }

    @Test
    void categoryBoundsHoldForEveryItemAndAreTighterThanOne() {
        // Exactness rests on ⟨u, v⟩ <= bound(u, c) for every item of c; a bound that is too low
        // only clips the best items, which the distribution test above may not notice.
        GeneratorParams params = GeneratorParams.of(2000, 3000, 2000);
        PlantedModel model = PlantedModel.plant(params);
        ItemSampler sampler = new ItemSampler(model, params.affinityStrength());
        int rank = model.rank();
        double slackSum = 0;
        int pairs = 0;
        for (int u = 0; u < model.userCount(); u++) {
            for (int c = 0; c < params.categories(); c++) {
                int[] members = sampler.itemsOf(c);
                if (members.length == 0) {
                    continue;
                }
                double bound = sampler.bound(model.userFactors(), u * rank, c);
                double best = -1;
                for (int item : members) {
                    best = Math.max(best, model.affinity(u, item));
                }
                assertTrue(best <= bound + 1e-6, "user " + u + " category " + c + ": " + best + " > bound " + bound);
                slackSum += 1 - bound;
                pairs++;
            }
        }
        // the tilt is what keeps strong taste cheap: bounds must be well below the trivial 1
        assertTrue(slackSum / pairs > 0.2, "mean 1 - bound " + slackSum / pairs);
    }

    @Test
    void drawsDistinctItemsAndFillsWhenTheUserTakesTheWholeCatalogue() {
        GeneratorParams params = GeneratorParams.of(1, ITEMS, ITEMS).withAffinityStrength(20);
        PlantedModel model = PlantedModel.plant(params);
        ItemSampler sampler = new ItemSampler(model, params.affinityStrength());
        ItemSampler.Buffers buffers = sampler.newBuffers(ITEMS);
        sampler.choose(0, model.userFactors(), ITEMS, new SplittableRandom(1), buffers);
        int[] sorted = Arrays.copyOf(buffers.chosen, ITEMS);
        Arrays.sort(sorted);
        for (int i = 0; i < ITEMS; i++) {
            assertEquals(i, sorted[i], Arrays.toString(sorted));
        }
    }

    private static void normalize(double[] p) {
        double sum = Arrays.stream(p).sum();
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }

    private static double totalVariation(double[] p, double[] q) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return sum / 2;
    }
}
