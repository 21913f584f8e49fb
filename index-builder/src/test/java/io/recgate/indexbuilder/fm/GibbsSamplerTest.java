package io.recgate.indexbuilder.fm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recgate.core.fm.FeatureGroup;
import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.SparseFeatures;
import io.recgate.indexbuilder.io.Interactions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GibbsSamplerTest {

    /**
     * The relational sampler must produce the same chain as the textbook per-case sampler (libFM's
     * algorithm with h computed case by case), given the same random stream.
     */
    @Test
    void relationalSamplerFollowsTheSameChainAsThePerCaseSampler() {
        PlantedFm planted = new PlantedFm(21, 25, 20, 2, 0.4, 0.3);
        // Keep one user and one item without training cases, so unsampled features are exercised.
        Interactions all = planted.train.interactions();
        int[] rows = java.util.stream.IntStream.range(0, all.size()).filter(c -> all.user(c) != 3 && all.item(c) != 4)
                .toArray();
        Interactions data = all.select(rows);
        var train = new io.recgate.indexbuilder.io.Dataset(data, true, planted.train.catalog(),
                planted.train.userFeatures(), planted.train.itemFeatures());
        FmParams params = new FmParams(3, 10, 0, 1, 0.1, 17, true, true, true);
        FeatureSpace space = FmTrainer.featureSpace(train, params);
        double[] y = new double[data.size()];
        for (int c = 0; c < y.length; c++) {
            y[c] = data.value(c);
        }
        GibbsSampler fast = new GibbsSampler(space, data.userColumn(), data.itemColumn(), y, 3, 0.1, 17);
        PerCaseSampler slow = new PerCaseSampler(space, data.userColumn(), data.itemColumn(), y, 3, 0.1, 17);
        for (int sweep = 1; sweep <= 4; sweep++) {
            double fastRmse = fast.sweep();
            double slowRmse = slow.sweep();
            assertEquals(slowRmse, fastRmse, 1e-9, "rmse after sweep " + sweep);
            assertEquals(slow.alpha, fast.alpha(), 1e-9 * slow.alpha, "alpha after sweep " + sweep);
            assertEquals(slow.w0, fast.w0(), 1e-9, "w0 after sweep " + sweep);
            for (int j = 0; j < slow.w.length; j++) {
                assertEquals(slow.w[j], fast.weights()[j], 1e-9, "w" + j + " after sweep " + sweep);
            }
            for (int j = 0; j < slow.v.length; j++) {
                assertEquals(slow.v[j], fast.factors()[j], 1e-9, "v" + j + " after sweep " + sweep);
            }
        }
    }

    /** libFM's MCMC sweep, one case at a time, drawing in the order GibbsSampler documents. */
    private static final class PerCaseSampler {
        final int k;
        final SparseFeatures[] x;
        final double[] y;
        final int[] group;
        final int[] userActive;
        final int[] itemActive;
        final Distributions random;
        double w0;
        double alpha = 1;
        final double[] w;
        final double[] v;
        final double[] lambdaW = {1, 1, 1, 1, 1};
        final double[] muW = new double[5];
        final double[] lambdaV;
        final double[] muV;
        final double[] r;

        PerCaseSampler(FeatureSpace space, int[] users, int[] items, double[] y, int k, double initStdev, long seed) {
            this.k = k;
            this.y = y;
            this.x = new SparseFeatures[y.length];
            boolean[] active = new boolean[space.numFeatures()];
            for (int c = 0; c < y.length; c++) {
                x[c] = space.userFeatures(users[c]).concat(space.itemFeatures(items[c]));
                for (int j : x[c].indices()) {
                    active[j] = true;
                }
            }
            group = new int[space.numFeatures()];
            for (FeatureGroup g : FeatureGroup.values()) {
                Arrays.fill(group, space.offset(g), space.offset(g) + space.size(g), g.ordinal());
            }
            userActive = java.util.stream.IntStream.range(0, active.length)
                    .filter(j -> active[j] && FeatureGroup.values()[group[j]].userSide()).toArray();
            itemActive = java.util.stream.IntStream.range(0, active.length)
                    .filter(j -> active[j] && !FeatureGroup.values()[group[j]].userSide()).toArray();
            random = new Distributions(seed);
            w = new double[space.numFeatures()];
            v = new double[space.numFeatures() * k];
            for (int i = 0; i < v.length; i++) {
                v[i] = initStdev * random.gaussian();
            }
            w0 = Arrays.stream(y).sum() / y.length;
            lambdaV = new double[5 * k];
            Arrays.fill(lambdaV, 1);
            muV = new double[5 * k];
            r = new double[y.length];
        }

        double predict(int c) {
            int[] idx = x[c].indices();
            float[] val = x[c].values();
            double p = w0;
            for (int a = 0; a < idx.length; a++) {
                p += w[idx[a]] * val[a];
            }
            for (int f = 0; f < k; f++) {
                double s = 0;
                double sq = 0;
                for (int a = 0; a < idx.length; a++) {
                    double t = v[idx[a] * k + f] * val[a];
                    s += t;
                    sq += t * t;
                }
                p += 0.5 * (s * s - sq);
            }
            return p;
        }

        double sweep() {
            int n = y.length;
            for (int c = 0; c < n; c++) {
                r[c] = y[c] - predict(c);
            }
            double sq = Arrays.stream(r).map(e -> e * e).sum();
            alpha = random.gamma((1.0 + n) / 2, (1 + sq) / 2);
            double updated = random.normal(w0 + Arrays.stream(r).sum() / n, alpha * n);
            for (int c = 0; c < n; c++) {
                r[c] -= updated - w0;
            }
            w0 = updated;
            hyper(w, 1, 0, lambdaW, muW, 0);
            for (int[] side : new int[][] {userActive, itemActive}) {
                for (int j : side) {
                    w[j] = draw(j, w[j], lambdaW[group[j]], muW[group[j]], -1);
                }
            }
            for (int f = 0; f < k; f++) {
                hyper(v, k, f, lambdaV, muV, f);
                for (int[] side : new int[][] {userActive, itemActive}) {
                    for (int j : side) {
                        int gf = group[j] * k + f;
                        v[j * k + f] = draw(j, v[j * k + f], lambdaV[gf], muV[gf], f);
                    }
                }
            }
            return Math.sqrt(Arrays.stream(r).map(e -> e * e).sum() / n);
        }

        /** Draws parameter theta of feature j (linear when f < 0, else factor f); updates residuals. */
        double draw(int j, double theta, double lambda, double mu, int f) {
            double[] h = new double[y.length];
            double sumHH = 0;
            double sumRH = 0;
            for (int c = 0; c < y.length; c++) {
                int[] idx = x[c].indices();
                float[] val = x[c].values();
                double xj = 0;
                double q = 0;
                for (int a = 0; a < idx.length; a++) {
                    if (idx[a] == j) {
                        xj = val[a];
                    }
                    if (f >= 0) {
                        q += v[idx[a] * k + f] * val[a];
                    }
                }
                h[c] = f < 0 ? xj : xj * (q - xj * theta);
                sumHH += h[c] * h[c];
                sumRH += r[c] * h[c];
            }
            double precision = alpha * sumHH + lambda;
            double updated = random.normal((alpha * (sumRH + theta * sumHH) + mu * lambda) / precision, precision);
            for (int c = 0; c < y.length; c++) {
                r[c] -= (updated - theta) * h[c];
            }
            return updated;
        }

        void hyper(double[] values, int stride, int f, double[] lambda, double[] mu, int at) {
            for (int g = 0; g < 5; g++) {
                int count = 0;
                double sum = 0;
                double sq = 0;
                int gf = g * (stride == 1 ? 1 : k) + at;
                for (int[] side : new int[][] {userActive, itemActive}) {
                    for (int j : side) {
                        if (group[j] == g) {
                            count++;
                            sum += values[j * stride + f];
                            double d = values[j * stride + f] - mu[gf];
                            sq += d * d;
                        }
                    }
                }
                if (count > 0) {
                    lambda[gf] = random.gamma((1.0 + count + 1) / 2, (1 + sq + mu[gf] * mu[gf]) / 2);
                    mu[gf] = random.normal(sum / (count + 1), (count + 1) * lambda[gf]);
                }
            }
        }
    }
}
