package io.recgate.indexbuilder.generate;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The hidden truth behind a synthetic data set: unit-norm user and item taste vectors of rank r,
 * item popularity, categories and quality, user attributes, biases and interaction counts.
 * Exposed so tests and demos can check that a trained model recovers the planted structure.
 * A function of the {@link GeneratorParams} only (not of the thread count).
 *
 * <p>User index u is written as id {@code u<u+1>}, item index i as {@code i<i+1>}.
 *
 * <p>Arrays are owned by the model; do not modify. Safe to share between threads.
 */
public final class PlantedModel {

    // Stream numbers give every part of the model its own random sequence, so changing how one
    // part draws numbers does not shift the others.
    private static final long CATEGORY_STREAM = 1;
    private static final long POPULARITY_STREAM = 2;
    private static final long ITEM_STREAM = 3;
    static final long TITLE_STREAM = 4;
    private static final long USER_STREAM = 5;
    private static final long ATTRIBUTE_STREAM = 6;
    private static final long ALLOCATION_STREAM = 7;
    static final long BLOCK_STREAM_BASE = 1L << 32;

    /**
     * Item vector = normalize(ITEM_CATEGORY_WEIGHT · category prototype + ITEM_NOISE_WEIGHT · own
     * direction), user vector = normalize(USER_TASTE_WEIGHT · taste + USER_NOISE_WEIGHT · own
     * direction). The own parts, about a fifth of each vector's variance, are what a factor model
     * must learn per user and per item from a few dozen rows: real but not dominant, as in rating
     * logs where genre explains much of a choice. Two fifths drowned the shared structure.
     */
    private static final double ITEM_CATEGORY_WEIGHT = 0.75;
    private static final double ITEM_NOISE_WEIGHT = 0.4;
    private static final double USER_TASTE_WEIGHT = 0.8;
    private static final double USER_NOISE_WEIGHT = 0.4;
    /** Sharpness of the softmax that picks secondary categories from an item's vector. */
    private static final double CATEGORY_SHARPNESS = 5.0;
    /** Sharpness of the softmax that ties user attributes to taste. */
    private static final double ATTRIBUTE_SHARPNESS = 3.0;
    /** Logit scale of P(gender = F) along the gender axis of taste space. */
    private static final double GENDER_SHARPNESS = 4.0;
    /** σ of the log-normal user activity. */
    private static final double ACTIVITY_SIGMA = 1.0;

    private final int rank;
    private final int userCount;
    private final int itemCount;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final double[] itemPopularity;
    private final int[] itemsByPopularity;
    private final int[][] itemCategories;
    private final int[] itemPrimaryCategory;
    private final int categoryCount;
    private final float[] itemQuality;
    private final float[] userBias;
    private final byte[] userAge;
    private final byte[] userGender;
    private final byte[] userRegion;
    private final int[] interactionsPerUser;

    private PlantedModel(GeneratorParams p) {
        rank = p.rank();
        userCount = p.users();
        itemCount = p.items();
        int categories = p.categories();
        categoryCount = categories;
        long seed = p.seed();

        SplittableRandom categoryRandom = stream(seed, CATEGORY_STREAM);
        float[] prototypes = new float[categories * rank];
        for (int c = 0; c < categories; c++) {
            gaussianUnit(categoryRandom, prototypes, c * rank, rank);
        }
        double[] categoryWeights = new double[categories];
        for (int c = 0; c < categories; c++) {
            categoryWeights[c] = 1.0 / Math.pow(c + 1, 0.8);
        }
        AliasTable categoryAlias = new AliasTable(categoryWeights);

        SplittableRandom popularityRandom = stream(seed, POPULARITY_STREAM);
        itemsByPopularity = new int[itemCount];
        for (int i = 0; i < itemCount; i++) {
            itemsByPopularity[i] = i;
        }
        for (int i = itemCount - 1; i > 0; i--) {
            int j = popularityRandom.nextInt(i + 1);
            int t = itemsByPopularity[i];
            itemsByPopularity[i] = itemsByPopularity[j];
            itemsByPopularity[j] = t;
        }
        itemPopularity = new double[itemCount];
        for (int r = 0; r < itemCount; r++) {
            itemPopularity[itemsByPopularity[r]] = 1.0 / Math.pow(r + 1, p.popularityExponent());
        }

        SplittableRandom itemRandom = stream(seed, ITEM_STREAM);
        itemFactors = new float[itemCount * rank];
        itemCategories = new int[itemCount][];
        itemPrimaryCategory = new int[itemCount];
        itemQuality = new float[itemCount];
        float[] noise = new float[rank];
        double[] logits = new double[categories];
        for (int i = 0; i < itemCount; i++) {
            int primary = categoryAlias.sample(itemRandom);
            itemPrimaryCategory[i] = primary;
            gaussianUnit(itemRandom, noise, 0, rank);
            int off = i * rank;
            for (int d = 0; d < rank; d++) {
                itemFactors[off + d] = (float) (ITEM_CATEGORY_WEIGHT * prototypes[primary * rank + d]
                        + ITEM_NOISE_WEIGHT * noise[d]);
            }
            normalize(itemFactors, off, rank);
            double extra = itemRandom.nextDouble();
            int count = Math.min(categories, extra < 0.5 ? 1 : extra < 0.85 ? 2 : 3);
            int[] chosen = new int[count];
            chosen[0] = primary;
            for (int k = 1; k < count; k++) {
                for (int c = 0; c < categories; c++) {
                    logits[c] = contains(chosen, k, c) ? Double.NEGATIVE_INFINITY
                            : CATEGORY_SHARPNESS * dot(itemFactors, off, prototypes, c * rank, rank);
                }
                chosen[k] = softmaxSample(itemRandom, logits, categories);
            }
            Arrays.sort(chosen);
            itemCategories[i] = chosen;
            itemQuality[i] = (float) itemRandom.nextGaussian();
        }

        SplittableRandom attributeRandom = stream(seed, ATTRIBUTE_STREAM);
        float[] genderAxis = new float[rank];
        gaussianUnit(attributeRandom, genderAxis, 0, rank);
        float[] ageAxes = new float[Vocabulary.AGE_BUCKETS.length * rank];
        for (int b = 0; b < Vocabulary.AGE_BUCKETS.length; b++) {
            gaussianUnit(attributeRandom, ageAxes, b * rank, rank);
        }
        float[] regionAxes = new float[Vocabulary.REGIONS.length * rank];
        for (int g = 0; g < Vocabulary.REGIONS.length; g++) {
            gaussianUnit(attributeRandom, regionAxes, g * rank, rank);
        }

        SplittableRandom userRandom = stream(seed, USER_STREAM);
        userFactors = new float[userCount * rank];
        userBias = new float[userCount];
        userAge = new byte[userCount];
        userGender = new byte[userCount];
        userRegion = new byte[userCount];
        double[] activity = new double[userCount];
        double[] ageLogits = new double[Vocabulary.AGE_BUCKETS.length];
        double[] regionLogits = new double[Vocabulary.REGIONS.length];
        for (int u = 0; u < userCount; u++) {
            int off = u * rank;
            int first = categoryAlias.sample(userRandom);
            int second = userRandom.nextInt(3) == 0 ? categoryAlias.sample(userRandom) : first;
            float[] taste = noise;
            for (int d = 0; d < rank; d++) {
                taste[d] = prototypes[first * rank + d] + (second == first ? 0f : prototypes[second * rank + d]);
            }
            normalize(taste, 0, rank);
            for (int d = 0; d < rank; d++) {
                userFactors[off + d] = (float) (USER_TASTE_WEIGHT * taste[d]);
            }
            gaussianUnit(userRandom, taste, 0, rank);
            for (int d = 0; d < rank; d++) {
                userFactors[off + d] += (float) (USER_NOISE_WEIGHT * taste[d]);
            }
            normalize(userFactors, off, rank);
            activity[u] = Math.exp(ACTIVITY_SIGMA * userRandom.nextGaussian());
            userBias[u] = (float) userRandom.nextGaussian();
            double genderScore = GENDER_SHARPNESS * dot(userFactors, off, genderAxis, 0, rank);
            userGender[u] = (byte) (userRandom.nextDouble() < 1 / (1 + Math.exp(-genderScore)) ? 0 : 1);
            for (int b = 0; b < ageLogits.length; b++) {
                ageLogits[b] = Math.log(Vocabulary.AGE_SHARES[b])
                        + ATTRIBUTE_SHARPNESS * dot(userFactors, off, ageAxes, b * rank, rank);
            }
            userAge[u] = (byte) softmaxSample(userRandom, ageLogits, ageLogits.length);
            for (int g = 0; g < regionLogits.length; g++) {
                regionLogits[g] = Math.log(Vocabulary.REGION_SHARES[g])
                        + ATTRIBUTE_SHARPNESS * dot(userFactors, off, regionAxes, g * rank, rank);
            }
            userRegion[u] = (byte) softmaxSample(userRandom, regionLogits, regionLogits.length);
        }
        interactionsPerUser = allocate(activity, p.interactions(), itemCount, stream(seed, ALLOCATION_STREAM));
    }

    /** Builds the planted model of a parameter set; deterministic in the parameters. */
    public static PlantedModel plant(GeneratorParams params) {
        return new PlantedModel(Objects.requireNonNull(params, "params"));
    }

    /**
     * Splits {@code total} rows over users in proportion to their activity, exactly, with at most
     * {@code cap} per user and at least one each when there are enough rows.
     */
    static int[] allocate(double[] activity, long total, int cap, SplittableRandom random) {
        int n = activity.length;
        int[] counts = new int[n];
        long remaining = total;
        if (total >= n) {
            Arrays.fill(counts, 1);
            remaining -= n;
        }
        // Proportional rounds until a round caps nobody (usually the first); capped users drop
        // out of the next round. What the floors leave over is then fewer than the open users.
        boolean cappedSome = true;
        while (remaining > 0 && cappedSome) {
            cappedSome = false;
            double open = 0;
            for (int u = 0; u < n; u++) {
                if (counts[u] < cap) {
                    open += activity[u];
                }
            }
            long assigned = 0;
            for (int u = 0; u < n && assigned < remaining; u++) {
                if (counts[u] < cap) {
                    long share = (long) Math.floor(remaining * (activity[u] / open));
                    int add = (int) Math.min(Math.min(share, cap - counts[u]), remaining - assigned);
                    counts[u] += add;
                    assigned += add;
                    cappedSome |= counts[u] == cap && share > add;
                }
            }
            remaining -= assigned;
        }
        // One more row each from a random start, so low ids are not favoured.
        for (int u = random.nextInt(n); remaining > 0; u = (u + 1) % n) {
            if (counts[u] < cap) {
                counts[u]++;
                remaining--;
            }
        }
        return counts;
    }

    static SplittableRandom stream(long seed, long stream) {
        return new SplittableRandom(mix(seed ^ mix(stream * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)));
    }

    /** Stafford's variant-13 64-bit finalizer: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void gaussianUnit(SplittableRandom random, float[] out, int off, int n) {
        for (int d = 0; d < n; d++) {
            out[off + d] = (float) random.nextGaussian();
        }
        normalize(out, off, n);
    }

    private static void normalize(float[] v, int off, int n) {
        double sq = 0;
        for (int d = 0; d < n; d++) {
            sq += (double) v[off + d] * v[off + d];
        }
        if (sq == 0) {
            v[off] = 1f;
            return;
        }
        float inv = (float) (1 / Math.sqrt(sq));
        for (int d = 0; d < n; d++) {
            v[off + d] *= inv;
        }
    }

    /**
     * Scalar on purpose: the result, and so the generated bytes, must not depend on the SIMD width
     * of the machine. Four independent accumulators in a fixed order break the add dependency
     * chain (this is the generator's hottest loop) and still give the same bits everywhere.
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int d = 0;
        for (; d + 3 < n; d += 4) {
            s0 += a[aOff + d] * b[bOff + d];
            s1 += a[aOff + d + 1] * b[bOff + d + 1];
            s2 += a[aOff + d + 2] * b[bOff + d + 2];
            s3 += a[aOff + d + 3] * b[bOff + d + 3];
        }
        for (; d < n; d++) {
            s0 += a[aOff + d] * b[bOff + d];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int k = 0; k < count; k++) {
            if (values[k] == value) {
                return true;
            }
        }
        return false;
    }

    private static int softmaxSample(SplittableRandom random, double[] logits, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, logits[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(logits[k] - max);
        }
        double target = random.nextDouble() * sum;
        int last = 0;
        for (int k = 0; k < n; k++) {
            if (logits[k] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            last = k;
            target -= Math.exp(logits[k] - max);
            if (target < 0) {
                return k;
            }
        }
        return last;
    }

    public int rank() {
        return rank;
    }

    public int userCount() {
        return userCount;
    }

    public int itemCount() {
        return itemCount;
    }

    /** Row-major unit-norm user taste vectors, {@code rank} columns; do not modify. */
    public float[] userFactors() {
        return userFactors;
    }

    /** Row-major unit-norm item vectors, {@code rank} columns; do not modify. */
    public float[] itemFactors() {
        return itemFactors;
    }

    /** ⟨u, v⟩ of a user and an item, in [−1, 1]. */
    public float affinity(int user, int item) {
        return dot(userFactors, user * rank, itemFactors, item * rank, rank);
    }

    /** Number of interaction rows of each user; sums to the requested interactions. Do not modify. */
    public int[] interactionsPerUser() {
        return interactionsPerUser;
    }

    /** Unnormalized Zipf popularity weight of each item; do not modify. */
    public double[] itemPopularity() {
        return itemPopularity;
    }

    /** Sorted category indices (1–3) of each item; do not modify. */
    public int[][] itemCategories() {
        return itemCategories;
    }

    /** The category each item's vector is built around (one of its 1–3 categories). */
    int[] primaryCategories() {
        return itemPrimaryCategory;
    }

    int categoryCount() {
        return categoryCount;
    }

    int[] itemsByPopularity() {
        return itemsByPopularity;
    }

    float[] itemQuality() {
        return itemQuality;
    }

    float[] userBias() {
        return userBias;
    }

    String ageOf(int user) {
        return Vocabulary.AGE_BUCKETS[userAge[user]];
    }

    String genderOf(int user) {
        return Vocabulary.GENDERS[userGender[user]];
    }

    String regionOf(int user) {
        return Vocabulary.REGIONS[userRegion[user]];
    }
}
