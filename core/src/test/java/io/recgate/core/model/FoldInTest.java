package io.recgate.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fold-in is the ALS user step for one user. The tests train small models with an independent,
 * deliberately naive ALS (full normal equations over explicit design rows, Gaussian elimination)
 * and check that folding a trained user back in from all their interactions reproduces the trained
 * vector: exactly when the last ALS half-step was the user step, closely when it was the item step.
 */
class FoldInTest {

    private static final int USERS = 25;
    private static final int ITEMS = 30;
    private static final int DIMS = 3;

    /** Sparse interactions: per user, item indices and values. */
    record Data(int[][] items, float[][] values) {
    }

    @Test
    void explicitFoldInReproducesTheBiasedAlsUserStep() {
        Data data = plantedRatings(11);
        double lambda = 0.05;
        Als als = new Als(data, lambda, true, 0, 5);
        als.iterateEndingWithItemStep(25);
        FoldIn foldIn = FoldIn.explicit(als.model(), lambda, true);
        float[][] trainedBeforeFinalUserStep = als.userVectors();
        float[] biasBefore = als.userBias.clone();

        als.userStep();
        FoldIn.Scratch scratch = foldIn.newScratch();
        float[] out = new float[DIMS];
        double maxDrift = 0;
        for (int u = 0; u < USERS; u++) {
            float bias = foldIn.foldInto(data.items[u], data.values[u], data.items[u].length, scratch, out);
            assertArrayEquals(als.userVectors()[u], out, 1e-4f, "user " + u);
            assertEquals(als.userBias[u], bias, 1e-4f, "bias of user " + u);
            for (int k = 0; k < DIMS; k++) {
                maxDrift = Math.max(maxDrift, Math.abs(out[k] - trainedBeforeFinalUserStep[u][k]));
            }
            maxDrift = Math.max(maxDrift, Math.abs(bias - biasBefore[u]));
        }
        // Near convergence one more user step barely moves the users: fold-in ≈ trained vector.
        assertTrue(maxDrift < 0.02, "max drift " + maxDrift);
    }

    @Test
    void explicitFoldInWithoutUserBiasIsRidgeOnTheResidual() {
        Data data = plantedRatings(12);
        double lambda = 0.1;
        Als als = new Als(data, lambda, false, 0, 5);
        als.iterateEndingWithItemStep(15);
        als.userStep();
        FoldIn foldIn = FoldIn.explicit(als.model(), lambda, false);
        for (int u = 0; u < USERS; u++) {
            FoldIn.FoldedUser folded = foldIn.fold(data.items[u], data.values[u]);
            assertArrayEquals(als.userVectors()[u], folded.vector(), 1e-4f, "user " + u);
            assertEquals(0f, folded.bias());
        }
    }

    @Test
    void explicitFoldedUserPredictsTheirRatingsLikeTheTrainedOne() {
        Data data = plantedRatings(13);
        Als als = new Als(data, 0.05, true, 0, 5);
        als.iterateEndingWithItemStep(25);
        FactorModel model = als.model();
        FoldIn foldIn = FoldIn.explicit(model, 0.05, true);
        double squaredError = 0;
        int n = 0;
        for (int u = 0; u < USERS; u++) {
            FoldIn.FoldedUser folded = foldIn.fold(data.items[u], data.values[u]);
            for (int j = 0; j < data.items[u].length; j++) {
                int i = data.items[u][j];
                double predicted = model.globalBias() + folded.bias() + model.itemBias()[i]
                        + dot(folded.vector(), model.itemFactors(), i);
                squaredError += (predicted - data.values[u][j]) * (predicted - data.values[u][j]);
                n++;
            }
        }
        double rmse = Math.sqrt(squaredError / n);
        assertTrue(rmse < 0.3, "training RMSE of folded-in users " + rmse + " (noise is 0.1)");
    }

    @Test
    void implicitFoldInReproducesTheHuKorenVolinskyUserStep() {
        Data data = plantedImplicit(21);
        double lambda = 0.1;
        double alpha = 2.0;
        Als als = new Als(data, lambda, false, alpha, 7);
        als.iterateEndingWithItemStep(25);
        float[][] before = als.userVectors();
        FoldIn foldIn = FoldIn.implicit(als.model(), lambda, alpha);
        als.userStep();
        double maxDrift = 0;
        for (int u = 0; u < USERS; u++) {
            FoldIn.FoldedUser folded = foldIn.fold(data.items[u], data.values[u]);
            assertArrayEquals(als.userVectors()[u], folded.vector(), 1e-4f, "user " + u);
            assertEquals(0f, folded.bias());
            for (int k = 0; k < DIMS; k++) {
                maxDrift = Math.max(maxDrift, Math.abs(folded.vector()[k] - before[u][k]));
            }
        }
        assertTrue(maxDrift < 0.02, "max drift " + maxDrift);
    }

    @Test
    void implicitRepeatedEventsCountAsOneItemWithSummedStrength() {
        FactorModel model = randomModel(31);
        FoldIn foldIn = FoldIn.implicit(model, 0.1, 3.0);
        float[] repeated = foldIn.fold(new int[] {4, 7, 4, 9}, new float[] {1f, 2f, 0.5f, 1f}).vector();
        float[] aggregated = foldIn.fold(new int[] {7, 4, 9}, new float[] {2f, 1.5f, 1f}).vector();
        assertArrayEquals(aggregated, repeated, 1e-5f);
    }

    @Test
    void implicitZeroStrengthIsTheSameAsNoInteraction() {
        FactorModel model = randomModel(32);
        FoldIn foldIn = FoldIn.implicit(model, 0.1, 3.0);
        assertArrayEquals(foldIn.fold(new int[] {2, 5}, new float[] {1f, 4f}).vector(),
                foldIn.fold(new int[] {2, 11, 5}, new float[] {1f, 0f, 4f}).vector(), 1e-6f);
    }

    @Test
    void noInteractionsGiveTheZeroVector() {
        FactorModel model = randomModel(33);
        float[] out = {9f, 9f, 9f};
        assertEquals(0f, FoldIn.explicit(model, 0.1, true).foldInto(new int[0], new float[0], 0,
                FoldIn.explicit(model, 0.1, true).newScratch(), out));
        assertArrayEquals(new float[DIMS], out);
        assertArrayEquals(new float[DIMS], FoldIn.implicit(model, 0.1, 1).fold(new int[0], new float[0]).vector());
    }

    @Test
    void scratchIsReusableAcrossCallsOfDifferentSizes() {
        FactorModel model = randomModel(34);
        FoldIn foldIn = FoldIn.implicit(model, 0.1, 2);
        FoldIn.Scratch scratch = foldIn.newScratch();
        Random random = new Random(5);
        for (int call = 0; call < 20; call++) {
            int n = random.nextInt(60);
            int[] items = new int[n];
            float[] values = new float[n];
            for (int j = 0; j < n; j++) {
                items[j] = random.nextInt(ITEMS);
                values[j] = 1 + random.nextInt(3);
            }
            float[] out = new float[DIMS];
            foldIn.foldInto(items, values, n, scratch, out);
            assertArrayEquals(foldIn.fold(items, values).vector(), out, 0f, "call " + call);
        }
    }

    @Test
    void refusesBadInputsNamingThem() {
        FactorModel model = randomModel(35);
        FoldIn explicit = FoldIn.explicit(model, 0.1, true);
        FoldIn implicit = FoldIn.implicit(model, 0.1, 1);
        assertEquals("item index 30 at position 1 is outside 0..29", assertThrows(IllegalArgumentException.class,
                () -> explicit.fold(new int[] {0, 30}, new float[] {1, 2})).getMessage());
        assertEquals("value NaN at position 0 is not finite", assertThrows(IllegalArgumentException.class,
                () -> explicit.fold(new int[] {0}, new float[] {Float.NaN})).getMessage());
        assertEquals("implicit strength -1.0 at position 0 is negative", assertThrows(IllegalArgumentException.class,
                () -> implicit.fold(new int[] {0}, new float[] {-1})).getMessage());
        assertEquals("count 2 must be in 0..1 (items 2, values 1)", assertThrows(IllegalArgumentException.class,
                () -> explicit.fold(new int[] {0, 1}, new float[] {1})).getMessage());
        assertEquals("out length 2 < dims 3", assertThrows(IllegalArgumentException.class,
                () -> implicit.foldInto(new int[0], new float[0], 0, implicit.newScratch(), new float[2])).getMessage());
        assertEquals("scratch for 4 unknowns, this fold-in needs 3 (use newScratch())",
                assertThrows(IllegalArgumentException.class, () -> implicit.foldInto(new int[0], new float[0], 0,
                        explicit.newScratch(), new float[3])).getMessage());
        assertEquals("lambda 0.0 must be > 0 and finite", assertThrows(IllegalArgumentException.class,
                () -> FoldIn.explicit(model, 0, false)).getMessage());
        assertEquals("alpha -1.0 must be >= 0 and finite", assertThrows(IllegalArgumentException.class,
                () -> FoldIn.implicit(model, 1, -1)).getMessage());
    }

    // ---- test data and a naive reference ALS -------------------------------------------------

    private static Data plantedRatings(long seed) {
        Random random = new Random(seed);
        double[][] p = gaussian(random, USERS, DIMS, 0.7);
        double[][] q = gaussian(random, ITEMS, DIMS, 0.7);
        double[] bu = gaussian(random, 1, USERS, 0.3)[0];
        double[] bi = gaussian(random, 1, ITEMS, 0.3)[0];
        int[][] items = new int[USERS][];
        float[][] values = new float[USERS][];
        for (int u = 0; u < USERS; u++) {
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                if (random.nextDouble() < 0.6) {
                    chosen.add(i);
                }
            }
            items[u] = chosen.stream().mapToInt(Integer::intValue).toArray();
            values[u] = new float[items[u].length];
            for (int j = 0; j < items[u].length; j++) {
                int i = items[u][j];
                double r = 3.5 + bu[u] + bi[i] + random.nextGaussian() * 0.1;
                for (int k = 0; k < DIMS; k++) {
                    r += p[u][k] * q[i][k];
                }
                values[u][j] = (float) r;
            }
        }
        return new Data(items, values);
    }

    private static Data plantedImplicit(long seed) {
        Random random = new Random(seed);
        int[][] items = new int[USERS][];
        float[][] values = new float[USERS][];
        for (int u = 0; u < USERS; u++) {
            int group = u % 3;
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                if (random.nextDouble() < (i % 3 == group ? 0.6 : 0.1)) {
                    chosen.add(i);
                }
            }
            items[u] = chosen.stream().mapToInt(Integer::intValue).toArray();
            values[u] = new float[items[u].length];
            for (int j = 0; j < items[u].length; j++) {
                values[u][j] = 1 + random.nextInt(5);
            }
        }
        return new Data(items, values);
    }

    private static FactorModel randomModel(long seed) {
        Random random = new Random(seed);
        float[] users = new float[USERS * DIMS];
        float[] items = new float[ITEMS * DIMS];
        for (int i = 0; i < users.length; i++) {
            users[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < items.length; i++) {
            items[i] = (float) random.nextGaussian();
        }
        return FactorModel.withoutBiases(DIMS, users, items);
    }

    private static double[][] gaussian(Random random, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = random.nextGaussian() * scale;
            }
        }
        return m;
    }

    private static double dot(float[] vector, float[] matrix, int row) {
        double sum = 0;
        for (int k = 0; k < vector.length; k++) {
            sum += vector[k] * matrix[row * vector.length + k];
        }
        return sum;
    }

    /**
     * Textbook ALS on dense per-row design matrices: explicit (ALS-WR, λ·n ridge, optional biases
     * solved jointly) when alpha == 0, implicit (Hu, Koren, Volinsky: every item, confidence
     * 1 + α r, λ ridge) otherwise. Float storage as in FactorModel; double arithmetic.
     */
    private static final class Als {
        final Data data;
        final double lambda;
        final boolean biases;
        final double alpha;
        final float[] userFactors = new float[USERS * DIMS];
        final float[] itemFactors = new float[ITEMS * DIMS];
        final float[] userBias = new float[USERS];
        final float[] itemBias = new float[ITEMS];
        final float mu;
        final float[][] dense = new float[USERS][ITEMS];
        final boolean[][] observed = new boolean[USERS][ITEMS];

        Als(Data data, double lambda, boolean biases, double alpha, long seed) {
            this.data = data;
            this.lambda = lambda;
            this.biases = biases;
            this.alpha = alpha;
            Random random = new Random(seed);
            for (int i = 0; i < itemFactors.length; i++) {
                itemFactors[i] = (float) (random.nextGaussian() * 0.3);
            }
            double sum = 0;
            int n = 0;
            for (int u = 0; u < USERS; u++) {
                for (int j = 0; j < data.items[u].length; j++) {
                    dense[u][data.items[u][j]] += data.values[u][j];
                    observed[u][data.items[u][j]] = true;
                    sum += data.values[u][j];
                    n++;
                }
            }
            mu = alpha == 0 && biases ? (float) (sum / n) : 0f;
        }

        void iterateEndingWithItemStep(int iterations) {
            for (int it = 0; it < iterations; it++) {
                userStep();
                itemStep();
            }
        }

        void userStep() {
            for (int u = 0; u < USERS; u++) {
                solveRow(u, true);
            }
        }

        void itemStep() {
            for (int i = 0; i < ITEMS; i++) {
                solveRow(i, false);
            }
        }

        private void solveRow(int row, boolean user) {
            int others = user ? ITEMS : USERS;
            float[] fixed = user ? itemFactors : userFactors;
            float[] fixedBias = user ? itemBias : userBias;
            int m = DIMS + (biases ? 1 : 0);
            List<double[]> design = new ArrayList<>();
            List<Double> targets = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (int o = 0; o < others; o++) {
                int u = user ? row : o;
                int i = user ? o : row;
                if (alpha == 0 && !observed[u][i]) {
                    continue;
                }
                double[] z = new double[m];
                for (int k = 0; k < DIMS; k++) {
                    z[k] = fixed[o * DIMS + k];
                }
                if (biases) {
                    z[DIMS] = 1;
                }
                design.add(z);
                if (alpha == 0) {
                    targets.add(dense[u][i] - mu - (double) fixedBias[o]);
                    weights.add(1.0);
                } else {
                    targets.add(observed[u][i] && dense[u][i] > 0 ? 1.0 : 0.0);
                    weights.add(1 + alpha * dense[u][i]);
                }
            }
            double[][] a = new double[m][m];
            double[] b = new double[m];
            for (int n = 0; n < design.size(); n++) {
                double[] z = design.get(n);
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < m; k++) {
                        a[j][k] += weights.get(n) * z[j] * z[k];
                    }
                    b[j] += weights.get(n) * z[j] * targets.get(n);
                }
            }
            double ridge = alpha == 0 ? lambda * design.size() : lambda;
            for (int j = 0; j < m; j++) {
                a[j][j] += ridge;
            }
            double[] x = gauss(a, b);
            float[] target = user ? userFactors : itemFactors;
            for (int k = 0; k < DIMS; k++) {
                target[row * DIMS + k] = (float) x[k];
            }
            if (biases) {
                (user ? userBias : itemBias)[row] = (float) x[DIMS];
            }
        }

        FactorModel model() {
            return new FactorModel(DIMS, userFactors.clone(), itemFactors.clone(), mu, userBias.clone(),
                    itemBias.clone());
        }

        float[][] userVectors() {
            float[][] vectors = new float[USERS][DIMS];
            for (int u = 0; u < USERS; u++) {
                System.arraycopy(userFactors, u * DIMS, vectors[u], 0, DIMS);
            }
            return vectors;
        }

        /** Gaussian elimination with partial pivoting. */
        private static double[] gauss(double[][] a, double[] b) {
            int n = b.length;
            for (int col = 0; col < n; col++) {
                int pivot = col;
                for (int r = col + 1; r < n; r++) {
                    if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                        pivot = r;
                    }
                }
                double[] rowSwap = a[col];
                a[col] = a[pivot];
                a[pivot] = rowSwap;
                double bSwap = b[col];
                b[col] = b[pivot];
                b[pivot] = bSwap;
                for (int r = col + 1; r < n; r++) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c < n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                    b[r] -= f * b[col];
                }
            }
            double[] x = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double sum = b[r];
                for (int c = r + 1; c < n; c++) {
                    sum -= a[r][c] * x[c];
                }
                x[r] = sum / a[r][r];
            }
            return x;
        }
    }
}
