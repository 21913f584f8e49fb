package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FeatureGroup;
import io.recgate.core.fm.FeatureSpace;
import java.util.Arrays;

/**
 * The libFM MCMC sampler (Rendle 2012, "Factorization Machines with libFM", algorithm 3) for a
 * second-order FM with Gaussian noise, evaluated on the relational design of {@link Side}.
 *
 * <p>Model: {@code y = w0 + Σ w_j x_j + Σ_f ½[(Σ_j v_jf x_j)² − Σ_j v_jf² x_j²] + ε}, ε ~ N(0, 1/α).
 * Priors: {@code w_j ~ N(μ_w^g, 1/λ_w^g)}, {@code v_jf ~ N(μ_f^g, 1/λ_f^g)} per feature group g;
 * hyperpriors {@code α, λ ~ Gamma}, {@code μ ~ N(μ0, 1/(γ0 λ))}, with libFM's defaults
 * (α0 = β0 = αλ = βλ = γ0 = 1, μ0 = 0); w0 has a flat prior. Every parameter θ enters the
 * prediction linearly, {@code y = g(x) + θ h(x)}, so its conditional posterior is normal with
 * precision {@code α Σ h² + λ} and mean {@code (α Σ (r + θh) h + μλ) / precision}, r the residual.
 *
 * <p>With x = (user row, item row) and per-factor sums {@code Q^U_uf = Σ_{j∈u} x_j v_jf} (and
 * {@code Q^I}), a user-side factor has {@code h_c = x_ju (a_u + Q^I_{i(c)f})} with
 * {@code a_u = Q^U_uf − x_ju v_jf}, so Σ h² and Σ r h over the user's cases need only the per-user
 * sums Σ Q^I, Σ (Q^I)², Σ r and Σ r Q^I, kept up to date in O(1) per (user, feature) as v_jf moves;
 * the per-case residuals are brought up to date once after each side. This gives the same chain as
 * the per-case sampler at O(cases + non-zeros of entity rows) per factor per sweep.
 *
 * <p>Features without any training case are left out of sampling and of the hyperparameter
 * updates; in exported samples they take their group's mean (the posterior mean of a feature the
 * data never saw). Not thread-safe; deterministic for a seed.
 */
final class GibbsSampler {

    private static final double ALPHA_0 = 1;
    private static final double BETA_0 = 1;
    private static final double ALPHA_LAMBDA = 1;
    private static final double BETA_LAMBDA = 1;
    private static final double GAMMA_0 = 1;
    private static final double MU_0 = 0;

    private final int k;
    private final int numFeatures;
    private final int groups;
    private final int[] groupOf;
    private final int[] caseUser;
    private final int[] caseItem;
    private final double[] y;
    private final Side users;
    private final Side items;
    private final Distributions random;

    private double w0;
    private final double[] w;
    /** Factors, row-major numFeatures × k. */
    private final double[] v;
    private double alpha = 1;
    private final double[] lambdaW;
    private final double[] muW;
    /** Per group and factor, [g * k + f]. */
    private final double[] lambdaV;
    private final double[] muV;

    private final double[] residual;
    // Per side caches: linear sum per entity, and factor-major Q (Σ x v) and S (Σ x² v²): [f][entity].
    private final double[] userLinear;
    private final double[] itemLinear;
    private final double[][] userQ;
    private final double[][] userS;
    private final double[][] itemQ;
    private final double[][] itemS;
    // Scratch per side, sized for the larger side.
    private final double[] sumR;
    private final double[] sumRB;
    private final double[] sumB;
    private final double[] sumBB;
    private final double[] oldQ;
    private final double[] oldS;
    private final double[] groupSum;
    private final int[] groupCount;

    GibbsSampler(FeatureSpace space, int[] caseUser, int[] caseItem, double[] y, int k, double initStdev, long seed) {
        this.k = k;
        this.numFeatures = space.numFeatures();
        this.groups = FeatureGroup.values().length;
        this.groupOf = new int[numFeatures];
        for (FeatureGroup g : FeatureGroup.values()) {
            Arrays.fill(groupOf, space.offset(g), space.offset(g) + space.size(g), g.ordinal());
        }
        this.caseUser = caseUser;
        this.caseItem = caseItem;
        this.y = y;
        this.users = Side.of(space, true, caseUser);
        this.items = Side.of(space, false, caseItem);
        this.random = new Distributions(seed);
        this.w = new double[numFeatures];
        this.v = new double[numFeatures * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = initStdev * random.gaussian();
        }
        double mean = 0;
        for (double value : y) {
            mean += value;
        }
        this.w0 = y.length == 0 ? 0 : mean / y.length;
        this.lambdaW = filled(groups, 1);
        this.muW = new double[groups];
        this.lambdaV = filled(groups * k, 1);
        this.muV = new double[groups * k];
        this.residual = new double[y.length];
        this.userLinear = new double[users.entities];
        this.itemLinear = new double[items.entities];
        this.userQ = new double[k][users.entities];
        this.userS = new double[k][users.entities];
        this.itemQ = new double[k][items.entities];
        this.itemS = new double[k][items.entities];
        int largest = Math.max(users.entities, items.entities);
        this.sumR = new double[largest];
        this.sumRB = new double[largest];
        this.sumB = new double[largest];
        this.sumBB = new double[largest];
        this.oldQ = new double[largest];
        this.oldS = new double[largest];
        this.groupSum = new double[groups];
        this.groupCount = new int[groups];
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /** One Gibbs sweep over every parameter. Returns the RMSE of the new sample on the training cases. */
    double sweep() {
        // Rebuilt from the parameters each sweep so incremental updates cannot drift.
        refreshCaches();
        sampleAlpha();
        sampleW0();
        sampleLinearHyperparameters();
        sampleLinear(users, userLinear, caseUser);
        sampleLinear(items, itemLinear, caseItem);
        for (int f = 0; f < k; f++) {
            sampleFactorHyperparameters(f);
            sampleFactor(f, users, userQ[f], userS[f], caseUser, itemQ[f], caseItem);
            sampleFactor(f, items, itemQ[f], itemS[f], caseItem, userQ[f], caseUser);
        }
        double sq = 0;
        for (double r : residual) {
            sq += r * r;
        }
        return y.length == 0 ? 0 : Math.sqrt(sq / y.length);
    }

    private void refreshCaches() {
        refreshSide(users, userLinear, userQ, userS);
        refreshSide(items, itemLinear, itemQ, itemS);
        for (int c = 0; c < y.length; c++) {
            int u = caseUser[c];
            int i = caseItem[c];
            double prediction = w0 + userLinear[u] + itemLinear[i];
            for (int f = 0; f < k; f++) {
                double qu = userQ[f][u];
                double qi = itemQ[f][i];
                prediction += 0.5 * (qu * qu - userS[f][u] + qi * qi - itemS[f][i]) + qu * qi;
            }
            residual[c] = y[c] - prediction;
        }
    }

    private void refreshSide(Side side, double[] linear, double[][] q, double[][] s) {
        for (int e = 0; e < side.entities; e++) {
            double lin = 0;
            for (int f = 0; f < k; f++) {
                q[f][e] = 0;
                s[f][e] = 0;
            }
            for (int p = side.rowOffsets[e]; p < side.rowOffsets[e + 1]; p++) {
                int j = side.rowFeatures[p];
                double x = side.rowValues[p];
                lin += w[j] * x;
                for (int f = 0; f < k; f++) {
                    double t = v[j * k + f] * x;
                    q[f][e] += t;
                    s[f][e] += t * t;
                }
            }
            linear[e] = lin;
        }
    }

    private void sampleAlpha() {
        double sq = 0;
        for (double r : residual) {
            sq += r * r;
        }
        alpha = random.gamma((ALPHA_0 + y.length) / 2, (BETA_0 + sq) / 2);
    }

    private void sampleW0() {
        double sum = 0;
        for (double r : residual) {
            sum += r;
        }
        int n = y.length;
        if (n == 0) {
            return;
        }
        double precision = alpha * n;
        double updated = random.normal(w0 + sum / n, precision);
        double delta = updated - w0;
        w0 = updated;
        for (int c = 0; c < n; c++) {
            residual[c] -= delta;
        }
    }

    private void sampleLinearHyperparameters() {
        Arrays.fill(groupSum, 0);
        Arrays.fill(groupCount, 0);
        collect(users, w, 1, 0);
        collect(items, w, 1, 0);
        for (int g = 0; g < groups; g++) {
            if (groupCount[g] > 0) {
                double sq = squaredDeviation(g, w, 1, 0, muW[g]);
                lambdaW[g] = drawLambda(groupCount[g], sq, muW[g]);
                muW[g] = drawMu(groupCount[g], groupSum[g], lambdaW[g]);
            }
        }
    }

    private void sampleFactorHyperparameters(int f) {
        Arrays.fill(groupSum, 0);
        Arrays.fill(groupCount, 0);
        collect(users, v, k, f);
        collect(items, v, k, f);
        for (int g = 0; g < groups; g++) {
            if (groupCount[g] > 0) {
                int gf = g * k + f;
                double sq = squaredDeviation(g, v, k, f, muV[gf]);
                lambdaV[gf] = drawLambda(groupCount[g], sq, muV[gf]);
                muV[gf] = drawMu(groupCount[g], groupSum[g], lambdaV[gf]);
            }
        }
    }

    private void collect(Side side, double[] values, int stride, int f) {
        for (int j : side.features) {
            groupSum[groupOf[j]] += values[j * stride + f];
            groupCount[groupOf[j]]++;
        }
    }

    private double squaredDeviation(int g, double[] values, int stride, int f, double mu) {
        return squaredDeviation(users, g, values, stride, f, mu) + squaredDeviation(items, g, values, stride, f, mu);
    }

    private double squaredDeviation(Side side, int g, double[] values, int stride, int f, double mu) {
        double sq = 0;
        for (int j : side.features) {
            if (groupOf[j] == g) {
                double d = values[j * stride + f] - mu;
                sq += d * d;
            }
        }
        return sq;
    }

    private double drawLambda(int n, double squaredDeviation, double mu) {
        double shape = (ALPHA_LAMBDA + n + 1) / 2;
        double rate = (BETA_LAMBDA + squaredDeviation + GAMMA_0 * (mu - MU_0) * (mu - MU_0)) / 2;
        return random.gamma(shape, rate);
    }

    private double drawMu(int n, double sum, double lambda) {
        return random.normal((sum + GAMMA_0 * MU_0) / (n + GAMMA_0), (n + GAMMA_0) * lambda);
    }

    /** Linear weights of one side: h_c = x_j for the cases of entities having feature j. */
    private void sampleLinear(Side side, double[] linear, int[] caseEntity) {
        double[] r = sumR;
        double[] old = oldQ;
        for (int e = 0; e < side.entities; e++) {
            double s = 0;
            for (int p = side.caseOffsets[e]; p < side.caseOffsets[e + 1]; p++) {
                s += residual[side.cases[p]];
            }
            r[e] = s;
            old[e] = linear[e];
        }
        for (int a = 0; a < side.features.length; a++) {
            int j = side.features[a];
            double sumHH = 0;
            double sumRH = 0;
            for (int p = side.columnOffsets[a]; p < side.columnOffsets[a + 1]; p++) {
                int e = side.columnEntities[p];
                double x = side.columnValues[p];
                sumHH += x * x * side.count[e];
                sumRH += x * r[e];
            }
            int g = groupOf[j];
            double precision = alpha * sumHH + lambdaW[g];
            double mean = (alpha * (sumRH + w[j] * sumHH) + muW[g] * lambdaW[g]) / precision;
            double delta = random.normal(mean, precision) - w[j];
            w[j] += delta;
            for (int p = side.columnOffsets[a]; p < side.columnOffsets[a + 1]; p++) {
                int e = side.columnEntities[p];
                double x = side.columnValues[p];
                r[e] -= delta * x * side.count[e];
                linear[e] += delta * x;
            }
        }
        for (int c = 0; c < residual.length; c++) {
            int e = caseEntity[c];
            residual[c] -= linear[e] - old[e];
        }
    }

    /**
     * Factor f of every feature of one side. {@code q}, {@code s}: this side's Q and S for f;
     * {@code otherQ}: the other side's Q for f, constant meanwhile.
     */
    private void sampleFactor(int f, Side side, double[] q, double[] s, int[] caseEntity, double[] otherQ,
                              int[] caseOther) {
        double[] r = sumR;
        double[] rb = sumRB;
        double[] b = sumB;
        double[] bb = sumBB;
        for (int e = 0; e < side.entities; e++) {
            double sr = 0;
            double srb = 0;
            double sb = 0;
            double sbb = 0;
            for (int p = side.caseOffsets[e]; p < side.caseOffsets[e + 1]; p++) {
                int c = side.cases[p];
                double o = otherQ[caseOther[c]];
                sr += residual[c];
                srb += residual[c] * o;
                sb += o;
                sbb += o * o;
            }
            r[e] = sr;
            rb[e] = srb;
            b[e] = sb;
            bb[e] = sbb;
            oldQ[e] = q[e];
            oldS[e] = s[e];
        }
        for (int a = 0; a < side.features.length; a++) {
            int j = side.features[a];
            double vj = v[j * k + f];
            double sumHH = 0;
            double sumRH = 0;
            for (int p = side.columnOffsets[a]; p < side.columnOffsets[a + 1]; p++) {
                int e = side.columnEntities[p];
                double x = side.columnValues[p];
                double rest = q[e] - x * vj;
                sumHH += x * x * (side.count[e] * rest * rest + 2 * rest * b[e] + bb[e]);
                sumRH += x * (rest * r[e] + rb[e]);
            }
            int gf = groupOf[j] * k + f;
            double precision = alpha * sumHH + lambdaV[gf];
            double mean = (alpha * (sumRH + vj * sumHH) + muV[gf] * lambdaV[gf]) / precision;
            double updated = random.normal(mean, precision);
            double delta = updated - vj;
            v[j * k + f] = updated;
            double squareChange = updated * updated - vj * vj;
            for (int p = side.columnOffsets[a]; p < side.columnOffsets[a + 1]; p++) {
                int e = side.columnEntities[p];
                double x = side.columnValues[p];
                double rest = q[e] - x * vj;
                r[e] -= delta * x * (side.count[e] * rest + b[e]);
                rb[e] -= delta * x * (rest * b[e] + bb[e]);
                q[e] += delta * x;
                s[e] += x * x * squareChange;
            }
        }
        for (int c = 0; c < residual.length; c++) {
            int e = caseEntity[c];
            double o = otherQ[caseOther[c]];
            double before = 0.5 * (oldQ[e] * oldQ[e] - oldS[e]) + oldQ[e] * o;
            double after = 0.5 * (q[e] * q[e] - s[e]) + q[e] * o;
            residual[c] -= after - before;
        }
    }

    // State views for tests; do not modify.

    double w0() {
        return w0;
    }

    double alpha() {
        return alpha;
    }

    double[] weights() {
        return w;
    }

    double[] factors() {
        return v;
    }

    /**
     * Adds the current sample, scaled, to the export accumulators: {@code w0Sum += w0},
     * {@code wSum[j] += w_j}, and the factors into columns [slot·k, slot·k + k) of the
     * {@code exportK}-wide matrix {@code exportV}, times {@code scale}. Unsampled features take their
     * group means.
     */
    void addSampleTo(double[] w0Sum, double[] wSum, float[] exportV, int exportK, int slot, double scale) {
        boolean[] active = new boolean[numFeatures];
        for (int j : users.features) {
            active[j] = true;
        }
        for (int j : items.features) {
            active[j] = true;
        }
        w0Sum[0] += w0;
        for (int j = 0; j < numFeatures; j++) {
            int g = groupOf[j];
            wSum[j] += active[j] ? w[j] : muW[g];
            for (int f = 0; f < k; f++) {
                double value = active[j] ? v[j * k + f] : muV[g * k + f];
                exportV[j * exportK + slot * k + f] = (float) (value * scale);
            }
        }
    }
}
