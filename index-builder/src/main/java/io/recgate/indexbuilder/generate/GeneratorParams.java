package io.recgate.indexbuilder.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Size and shape of a synthetic data set. Immutable; start from {@link #of} and adjust with the
 * {@code with*} methods. The output files depend on every component except {@code threads}.
 *
 * @param users              number of users, &gt;= 1 (all appear in users.csv)
 * @param items              number of items, &gt;= 1
 * @param interactions       exact number of interaction rows, in [1, users × items]
 * @param rank               dimension of the planted user and item taste vectors, in [1, 1024]
 * @param categories         number of item categories, in [1, 1000]; each item gets 1–3
 * @param seed               the random seed; same seed and parameters give byte-identical files
 * @param threads            worker threads, &gt;= 1; does not change the output
 * @param popularityExponent Zipf exponent s of item popularity (weight of the r-th most popular
 *                           item ∝ 1/r^s), in [0, 4]; 0 is uniform
 * @param affinityStrength   β in the acceptance probability exp(β(⟨u, v⟩ − 1)) of a
 *                           popularity-sampled item; larger means taste matters more, in [0, 20]
 * @param startEpochSecond   start of the period the timestamps fall in, epoch seconds, &gt;= 0
 * @param periodDays         length of that period in days, in [1, 36500]
 */
public record GeneratorParams(int users, int items, long interactions, int rank, int categories, long seed,
                              int threads, double popularityExponent, double affinityStrength,
                              long startEpochSecond, int periodDays) {

    /** Rank of the planted structure unless set. */
    public static final int DEFAULT_RANK = 16;
    /** Number of categories unless set. */
    public static final int DEFAULT_CATEGORIES = 20;
    /** Seed unless set. */
    public static final long DEFAULT_SEED = 42L;
    /** Zipf exponent of item popularity unless set. */
    public static final double DEFAULT_POPULARITY_EXPONENT = 1.0;
    /**
     * β unless set: an item at ⟨u, v⟩ = 1 is e^6 ≈ 400 times as likely to be picked as an equally
     * popular one at 0. Taste must be that strong to hold its own against a Zipf(1) head, or the
     * data has no personal taste worth learning and popularity wins on a user's next pick.
     */
    public static final double DEFAULT_AFFINITY_STRENGTH = 6.0;
    /** 2023-01-01T00:00:00Z. */
    public static final long DEFAULT_START_EPOCH_SECOND = 1_672_531_200L;

    /** @throws IllegalArgumentException listing every invalid component with its value */
    public GeneratorParams {
        List<String> errors = new ArrayList<>();
        if (users < 1) {
            errors.add("users " + users + " must be >= 1");
        }
        if (items < 1) {
            errors.add("items " + items + " must be >= 1");
        }
        if (interactions < 1) {
            errors.add("interactions " + interactions + " must be >= 1");
        } else if (users >= 1 && items >= 1 && interactions > (long) users * items) {
            errors.add("interactions " + interactions + " exceed users x items = " + (long) users * items
                    + " (each user-item pair occurs at most once)");
        }
        if (rank < 1 || rank > 1024) {
            errors.add("rank " + rank + " must be in [1, 1024]");
        }
        if (categories < 1 || categories > 1000) {
            errors.add("categories " + categories + " must be in [1, 1000]");
        }
        if (threads < 1) {
            errors.add("threads " + threads + " must be >= 1");
        }
        if (!(popularityExponent >= 0 && popularityExponent <= 4)) {
            errors.add("popularityExponent " + popularityExponent + " must be in [0, 4]");
        }
        if (!(affinityStrength >= 0 && affinityStrength <= 20)) {
            errors.add("affinityStrength " + affinityStrength + " must be in [0, 20]");
        }
        if (startEpochSecond < 0) {
            errors.add("startEpochSecond " + startEpochSecond + " must be >= 0");
        }
        if (periodDays < 1 || periodDays > 36_500) {
            errors.add("periodDays " + periodDays + " must be in [1, 36500]");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /**
     * The given sizes with defaults for the rest: rank 16, 20 categories, seed 42, one thread per
     * processor, popularity exponent 1.0, affinity strength 6.0, one year from 2023-01-01.
     */
    public static GeneratorParams of(int users, int items, long interactions) {
        return new GeneratorParams(users, items, interactions, DEFAULT_RANK, DEFAULT_CATEGORIES, DEFAULT_SEED,
                Runtime.getRuntime().availableProcessors(), DEFAULT_POPULARITY_EXPONENT, DEFAULT_AFFINITY_STRENGTH,
                DEFAULT_START_EPOCH_SECOND, 365);
    }

    public GeneratorParams withRank(int newRank) {
        return new GeneratorParams(users, items, interactions, newRank, categories, seed, threads,
                popularityExponent, affinityStrength, startEpochSecond, periodDays);
    }

    public GeneratorParams withCategories(int newCategories) {
        return new GeneratorParams(users, items, interactions, rank, newCategories, seed, threads,
                popularityExponent, affinityStrength, startEpochSecond, periodDays);
    }

    public GeneratorParams withSeed(long newSeed) {
        return new GeneratorParams(users, items, interactions, rank, categories, newSeed, threads,
                popularityExponent, affinityStrength, startEpochSecond, periodDays);
    }

    public GeneratorParams withThreads(int newThreads) {
        return new GeneratorParams(users, items, interactions, rank, categories, seed, newThreads,
                popularityExponent, affinityStrength, startEpochSecond, periodDays);
    }

    public GeneratorParams withPopularityExponent(double exponent) {
        return new GeneratorParams(users, items, interactions, rank, categories, seed, threads,
                exponent, affinityStrength, startEpochSecond, periodDays);
    }

    public GeneratorParams withAffinityStrength(double strength) {
        return new GeneratorParams(users, items, interactions, rank, categories, seed, threads,
                popularityExponent, strength, startEpochSecond, periodDays);
    }

    public GeneratorParams withPeriod(long newStartEpochSecond, int newPeriodDays) {
        return new GeneratorParams(users, items, interactions, rank, categories, seed, threads,
                popularityExponent, affinityStrength, newStartEpochSecond, newPeriodDays);
    }
}
