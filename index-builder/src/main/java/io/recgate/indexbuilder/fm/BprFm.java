package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FeatureGroup;
import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.fm.SparseFeatures;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The parameters being fitted: sparse features 0..N−1 (the feature space's layout) and the
 * dense retrieval features N..N+D−1, each with a linear weight and k factors. Dense Adam with
 * weight decay on every parameter, as in the prototype the defaults were chosen with.
 */
final class BprFm {

    /** Adam's usual moment decay rates and denominator guard. */
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final int n;
    private final int d;
    private final int k;
    private final double[] w;
    private final double[] v;
    private final double[] gw;
    private final double[] gv;
    private final double[] mw;
    private final double[] sw;
    private final double[] mv;
    private final double[] sv;
    private final boolean[] trainable;
    /** The dense features' parameter rows, N..N+D−1. */
    private final int[] denseIndices;
    private long steps;

    BprFm(FeatureSpace space, RankingFmParams p, SplittableRandom random) {
        this.n = space.numFeatures();
        this.d = p.features().size();
        this.k = p.factors();
        int rows = n + d;
        this.w = new double[rows];
        this.v = new double[rows * k];
        this.gw = new double[rows];
        this.gv = new double[rows * k];
        this.mw = new double[rows];
        this.sw = new double[rows];
        this.mv = new double[rows * k];
        this.sv = new double[rows * k];
        this.trainable = new boolean[rows];
        this.denseIndices = new int[d];
        for (int e = 0; e < d; e++) {
            denseIndices[e] = n + e;
        }
        Arrays.fill(trainable, true);
        // User ids are left out: a per-user factor learns from a handful of lists and overfits;
        // the user is described by the history and tokens instead.
        int from = space.offset(FeatureGroup.USER_ID);
        Arrays.fill(trainable, from, from + space.size(FeatureGroup.USER_ID), false);
        for (int j = 0; j < rows; j++) {
            if (trainable[j]) {
                for (int f = 0; f < k; f++) {
                    v[j * k + f] = p.initStdev() * random.nextGaussian();
                }
            }
        }
    }

    void fit(BprTriples t, List<FeatureSpace> spaces, RankingFmParams p, SplittableRandom random,
             RankingFmTrainer.Listener listener) {
        int[] order = new int[t.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] sumPos = new double[k];
        double[] sumNeg = new double[k];
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            listener.onStep("epochs", epoch, p.epochs());
            RankingFmTrainer.shuffle(order, random);
            for (int start = 0; start < order.length; start += p.batch()) {
                int end = Math.min(order.length, start + p.batch());
                Arrays.fill(gw, 0);
                Arrays.fill(gv, 0);
                for (int b = start; b < end; b++) {
                    int e = order[b];
                    FeatureSpace space = spaces.get(t.fold[e]);
                    SparseFeatures user = space.userFeatures(t.user[e]);
                    SparseFeatures pos = space.itemFeatures(t.positive[e]);
                    SparseFeatures neg = space.itemFeatures(t.negative[e]);
                    double yPos = forward(user, pos, t.positiveDense, e * d, sumPos);
                    double yNeg = forward(user, neg, t.negativeDense, e * d, sumNeg);
                    // d(−ln σ(y⁺ − y⁻)) / dy⁺ = −σ(y⁻ − y⁺), averaged over the batch.
                    double g = 1.0 / (1.0 + Math.exp(yPos - yNeg)) / (end - start);
                    backward(user, pos, t.positiveDense, e * d, sumPos, -g);
                    backward(user, neg, t.negativeDense, e * d, sumNeg, g);
                }
                adam(p.learningRate(), p.regularization());
            }
        }
        listener.onStep("epochs", p.epochs(), p.epochs());
    }

    /** y of one example (w0 cancels in BPR and is left out); writes Σ x_j v_j to {@code sum}. */
    private double forward(SparseFeatures user, SparseFeatures item, float[] dense, int at, double[] sum) {
        Arrays.fill(sum, 0);
        // [0] the linear terms, [1] Σ_j Σ_f (x_j v_jf)², over every feature of the example.
        double[] totals = new double[2];
        accumulate(user.indices(), user.values(), 0, user.indices().length, sum, totals);
        accumulate(item.indices(), item.values(), 0, item.indices().length, sum, totals);
        accumulate(denseIndices, dense, at, d, sum, totals);
        double pairs = 0;
        for (int f = 0; f < k; f++) {
            pairs += sum[f] * sum[f];
        }
        return totals[0] + 0.5 * (pairs - totals[1]);
    }

    /** Adds features {@code idx[p]} with values {@code val[from + p]}, p in [0, n), to the sums. */
    private void accumulate(int[] idx, float[] val, int from, int n, double[] sum, double[] totals) {
        for (int p = 0; p < n; p++) {
            int j = idx[p];
            if (!trainable[j]) {
                continue;
            }
            double x = val[from + p];
            totals[0] += w[j] * x;
            for (int f = 0; f < k; f++) {
                double t = v[j * k + f] * x;
                sum[f] += t;
                totals[1] += t * t;
            }
        }
    }

    /** Adds g · ∂y/∂θ: ∂y/∂w_j = x_j, ∂y/∂v_jf = x_j Σ_f − v_jf x_j². */
    private void backward(SparseFeatures user, SparseFeatures item, float[] dense, int at, double[] sum, double g) {
        gradient(user, sum, g);
        gradient(item, sum, g);
        for (int e = 0; e < d; e++) {
            add(n + e, dense[at + e], sum, g);
        }
    }

    private void gradient(SparseFeatures x, double[] sum, double g) {
        int[] idx = x.indices();
        float[] val = x.values();
        for (int p = 0; p < idx.length; p++) {
            if (trainable[idx[p]]) {
                add(idx[p], val[p], sum, g);
            }
        }
    }

    private void add(int j, double x, double[] sum, double g) {
        gw[j] += g * x;
        for (int f = 0; f < k; f++) {
            gv[j * k + f] += g * (x * sum[f] - v[j * k + f] * x * x);
        }
    }

    private void adam(double rate, double decay) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int j = 0; j < w.length; j++) {
            if (!trainable[j]) {
                continue;
            }
            w[j] -= step(gw[j] + decay * w[j], mw, sw, j, rate, c1, c2);
            for (int f = j * k; f < (j + 1) * k; f++) {
                v[f] -= step(gv[f] + decay * v[f], mv, sv, f, rate, c1, c2);
            }
        }
    }

    private static double step(double grad, double[] m, double[] s, int i, double rate, double c1, double c2) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * grad;
        s[i] = BETA2 * s[i] + (1 - BETA2) * grad * grad;
        return rate * (m[i] / c1) / (Math.sqrt(s[i] / c2) + EPSILON);
    }

    RankingFmModel export(FeatureSpace space, RankingFmParams p, float[] mean, float[] scale) {
        float[] sparseW = new float[n];
        float[] sparseV = new float[n * k];
        for (int j = 0; j < n; j++) {
            sparseW[j] = (float) w[j];
            for (int f = 0; f < k; f++) {
                sparseV[j * k + f] = (float) v[j * k + f];
            }
        }
        float[] denseW = new float[d];
        float[] denseV = new float[d * k];
        for (int e = 0; e < d; e++) {
            denseW[e] = (float) w[n + e];
            for (int f = 0; f < k; f++) {
                denseV[e * k + f] = (float) v[(n + e) * k + f];
            }
        }
        FmModel sparse = new FmModel(space, k, 0f, sparseW, sparseV);
        return new RankingFmModel(sparse, p.features(), mean, scale, denseW, denseV);
    }
}
