package io.recgate.indexbuilder.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a user's distinct items, each draw picking item i among those the user does not have yet
 * with probability ∝ popularity_i · exp(β⟨u, v_i⟩): popularity times taste.
 *
 * <p>How: rejection sampling from a proposal already tilted towards the user's taste, so that a
 * strong β does not cost thousands of draws per row. Items are grouped by primary category. Each
 * category c has a unit axis (the mean direction of its item vectors) and the range of angles
 * [θmin_c, θmax_c] between its items and that axis. A unit user vector at angle φ to the axis then
 * has ⟨u, v⟩ ≤ bound_uc = cos(distance from φ to [θmin_c, θmax_c]) for every item of c (the part
 * of v off the axis can at best line up with the part of u off the axis). The proposal picks c
 * with probability ∝ P_c · exp(β(bound_uc − 1)), P_c being the popularity mass of c, then an item
 * of c by popularity, and accepts it with probability exp(β(⟨u, v⟩ − bound_uc)) &lt;= 1. The
 * product is popularity_i · exp(β(⟨u, v_i⟩ − 1)) up to a constant of the user: the target,
 * exactly, whatever the bounds' slack; slack only costs draws.
 *
 * <p>exp is read from a table on a fixed grid (identical bits everywhere, faster than a call per
 * draw). Bounds are rounded up to the grid and acceptances down, so acceptances stay &lt;= 1.
 *
 * <p>Immutable after construction; {@link #choose} is safe to call from several threads, each
 * with its own random stream and buffers.
 */
final class ItemSampler {

    /** Grid of the exp table over [−2, 0], the range of ⟨u, v⟩ − bound; steps of 2 / 4096 ≈ 0.0005. */
    private static final int ACCEPT_BINS = 4096;
    /**
     * Added to every bound: the planted vectors are unit-norm only up to float rounding (~1e-7 per
     * component), so a computed ⟨u, v⟩ may exceed the exact bound by a few ulps.
     */
    private static final double BOUND_SLACK = 1e-5;

    private final int rank;
    private final int categories;
    /** The last category with items: where a draw lands if rounding puts it at the very end. */
    private final int lastCategory;
    /** Popularity order of item indices, for the fill after the draw budget. */
    private final int[] byPopularity;
    /** Item indices grouped by primary category, each group in popularity order. */
    private final int[] itemOrder;
    /** Item vectors in {@code itemOrder}: a category's popular items sit together in cache. */
    private final float[] factors;
    /** Start of category c's group in {@code itemOrder}; {@code categories + 1} entries. */
    private final int[] start;
    /** Samples a position inside category c's group by popularity; null for an empty category. */
    private final AliasTable[] withinCategory;
    private final double[] categoryMass;
    /** Unit axis of each category, {@code rank} columns. */
    private final float[] axes;
    /** cos θmin_c and sin θmin_c (closest item), cos θmax_c and sin θmax_c (farthest item). */
    private final double[] cosNear;
    private final double[] sinNear;
    private final double[] cosFar;
    private final double[] sinFar;
    /** exp(β(−2 + 2k / ACCEPT_BINS)) for k in [0, ACCEPT_BINS]. */
    private final double[] exp;

    ItemSampler(PlantedModel model, double beta) {
        rank = model.rank();
        int items = model.itemCount();
        int[] primary = model.primaryCategories();
        categories = model.categoryCount();
        byPopularity = model.itemsByPopularity();
        double[] popularity = model.itemPopularity();
        float[] itemFactors = model.itemFactors();

        start = new int[categories + 1];
        for (int i = 0; i < items; i++) {
            start[primary[i] + 1]++;
        }
        for (int c = 0; c < categories; c++) {
            start[c + 1] += start[c];
        }
        itemOrder = new int[items];
        int[] fill = start.clone();
        for (int item : byPopularity) {
            itemOrder[fill[primary[item]]++] = item;
        }
        factors = new float[items * rank];
        for (int k = 0; k < items; k++) {
            System.arraycopy(itemFactors, itemOrder[k] * rank, factors, k * rank, rank);
        }

        withinCategory = new AliasTable[categories];
        categoryMass = new double[categories];
        axes = new float[categories * rank];
        cosNear = new double[categories];
        sinNear = new double[categories];
        cosFar = new double[categories];
        sinFar = new double[categories];
        double[] axis = new double[rank];
        for (int c = 0; c < categories; c++) {
            int from = start[c];
            int to = start[c + 1];
            if (from == to) {
                continue;
            }
            double[] weights = new double[to - from];
            Arrays.fill(axis, 0);
            for (int k = from; k < to; k++) {
                weights[k - from] = popularity[itemOrder[k]];
                categoryMass[c] += weights[k - from];
                for (int d = 0; d < rank; d++) {
                    axis[d] += factors[k * rank + d];
                }
            }
            withinCategory[c] = new AliasTable(weights);
            setUnitAxis(c, axis);
            double near = -1;
            double far = 1;
            for (int k = from; k < to; k++) {
                double cos = clamp(PlantedModel.dot(factors, k * rank, axes, c * rank, rank));
                near = Math.max(near, cos);
                far = Math.min(far, cos);
            }
            cosNear[c] = near;
            sinNear[c] = Math.sqrt(1 - near * near);
            cosFar[c] = far;
            sinFar[c] = Math.sqrt(1 - far * far);
        }

        int last = 0;
        for (int c = 0; c < categories; c++) {
            last = categoryMass[c] > 0 ? c : last;
        }
        lastCategory = last;

        exp = new double[ACCEPT_BINS + 1];
        for (int k = 0; k <= ACCEPT_BINS; k++) {
            exp[k] = StrictMath.exp(beta * (-2.0 + 2.0 * k / ACCEPT_BINS));
        }
    }

    /** Per-thread buffers for {@link #choose}. */
    Buffers newBuffers(int maxRows) {
        return new Buffers(byPopularity.length, categories, maxRows);
    }

    /**
     * Draws {@code n} distinct items for user {@code u} (unit vector at {@code userOff} of
     * {@code userFactors}) into {@code b.chosen[0..n)}, in draw order. After a generous draw budget
     * (only reached by users who must take a large share of the catalogue) the rest is filled in
     * popularity order.
     */
    void choose(int u, float[] userFactors, int n, SplittableRandom random, Buffers b) {
        int userOff = u * rank;
        // Proposal weights of the categories for this user, and the shift that turns the bin of
        // ⟨u, v⟩ into the bin of ⟨u, v⟩ − bound.
        double total = 0;
        for (int c = 0; c < categories; c++) {
            double bound = categoryMass[c] > 0 ? bound(userFactors, userOff, c) : 1;
            // bin of bound − 1 on the grid over [−2, 0], rounded up
            int bin = (int) Math.ceil((Math.min(1, bound + BOUND_SLACK) + 1) * (ACCEPT_BINS / 2));
            bin = Math.max(0, Math.min(ACCEPT_BINS, bin));
            b.shift[c] = ACCEPT_BINS - bin;
            total += categoryMass[c] * exp[bin];
            b.cumulative[c] = total;
        }

        int mark = u + 1;
        int[] stamp = b.stamp;
        int got = 0;
        long budget = 1000L * n + 100_000L;
        for (long draw = 0; got < n && draw < budget; draw++) {
            int c = pick(b.cumulative, random.nextDouble() * total);
            int k = start[c] + withinCategory[c].sample(random);
            int item = itemOrder[k];
            if (stamp[item] == mark) {
                continue;
            }
            float a = PlantedModel.dot(userFactors, userOff, factors, k * rank, rank);
            // floor((a + 1) · BINS / 2) + shift = floor of the bin of a − bound; capped at the
            // top bin in case rounding put a a hair above its bound
            int bin = (int) ((a + 1f) * (ACCEPT_BINS / 2)) + b.shift[c];
            bin = Math.max(0, Math.min(ACCEPT_BINS, bin));
            if (random.nextDouble() < exp[bin]) {
                stamp[item] = mark;
                b.chosen[got++] = item;
            }
        }
        for (int r = 0; got < n; r++) {
            int item = byPopularity[r];
            if (stamp[item] != mark) {
                stamp[item] = mark;
                b.chosen[got++] = item;
            }
        }
    }

    /**
     * An upper bound on ⟨u, v⟩ over the items of non-empty category c, for the unit user vector at
     * {@code userOff}: the cosine of the angle from u to the nearest direction at an item angle
     * θ in [θmin_c, θmax_c] from the axis, 1 when u's own angle is in that range.
     */
    double bound(float[] userFactors, int userOff, int c) {
        double g = clamp(PlantedModel.dot(userFactors, userOff, axes, c * rank, rank));
        double h = Math.sqrt(1 - g * g);
        if (g > cosNear[c]) {
            // u is closer to the axis than every item: cos(θmin − φ) = cos θmin cos φ + sin θmin sin φ
            return g * cosNear[c] + h * sinNear[c];
        }
        if (g < cosFar[c]) {
            return g * cosFar[c] + h * sinFar[c];
        }
        return 1;
    }

    /** Items of category c, as indices into the planted model; empty for an empty category. */
    int[] itemsOf(int c) {
        return Arrays.copyOfRange(itemOrder, start[c], start[c + 1]);
    }

    /**
     * First category whose cumulative weight exceeds x: never an empty one, whose cumulative
     * weight equals its predecessor's; the last non-empty one if x rounded up to the total.
     */
    private int pick(double[] cumulative, double x) {
        int lo = 0;
        int hi = lastCategory;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void setUnitAxis(int c, double[] sum) {
        double sq = 0;
        for (double x : sum) {
            sq += x * x;
        }
        // a category whose item vectors cancel out has no direction: any unit axis bounds it
        double inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
        for (int d = 0; d < rank; d++) {
            axes[c * rank + d] = (float) (sq > 0 ? sum[d] * inv : d == 0 ? 1 : 0);
        }
    }

    private static double clamp(double cos) {
        return Math.max(-1, Math.min(1, cos));
    }

    /** Per-thread scratch, sized once: the item stamps, the chosen items and per-category state. */
    static final class Buffers {
        /** stamp[item] == user + 1 when the user already has the item; never reset between users. */
        final int[] stamp;
        final int[] chosen;
        final double[] cumulative;
        final int[] shift;

        Buffers(int items, int categories, int maxRows) {
            stamp = new int[items];
            chosen = new int[maxRows];
            cumulative = new double[categories];
            shift = new int[categories];
        }
    }
}
