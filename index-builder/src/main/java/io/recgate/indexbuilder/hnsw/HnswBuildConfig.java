package io.recgate.indexbuilder.hnsw;

import io.recgate.core.ann.HnswParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to build the retrieval index and check its quality. All values are recorded in the bundle
 * manifest.
 *
 * @param params         graph parameters; {@code params.ef()} is the query breadth the gate checks
 * @param threads        build threads ({@code >= 1}); a native index built with one thread is
 *                       reproducible, with more threads or with hnswlib (whose 1.2.1 draws levels
 *                       from an unseedable random source) it is not
 * @param recallQueries  number of queries for the recall measurement: sampled users with a
 *                       non-zero vector, or random Gaussian vectors when there are none
 * @param recallK        the k of recall@k, usually 10
 * @param minRecall      the gate: builds measuring a lower recall@k at {@code params.ef()} are
 *                       refused with {@link RecallTooLowException}, in [0, 1]
 * @param allowLowRecall skip the gate (the recall is still measured and reported)
 * @param efSweep        ef values at which recall and mean latency are also measured, for the
 *                       recall/latency plot; may be empty
 * @param seed           seed of the query sample, so that the measurement is repeatable, and of the
 *                       native index's node levels
 * @param kind           the HNSW implementation
 */
public record HnswBuildConfig(HnswParams params, int threads, int recallQueries, int recallK, double minRecall,
                              boolean allowLowRecall, List<Integer> efSweep, long seed, IndexKind kind) {

    /** Default gate: recall@10 at the default ef must be at least this. */
    public static final double DEFAULT_MIN_RECALL = 0.95;
    /** Default ef sweep. */
    public static final List<Integer> DEFAULT_EF_SWEEP = List.of(10, 20, 50, 100, 200);

    /**
     * @throws IllegalArgumentException listing every invalid value at once
     */
    public HnswBuildConfig {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(efSweep, "efSweep");
        Objects.requireNonNull(kind, "kind");
        efSweep = List.copyOf(efSweep);
        List<String> errors = new ArrayList<>();
        if (threads < 1) {
            errors.add("threads " + threads + " must be >= 1");
        }
        if (recallQueries < 1) {
            errors.add("recallQueries " + recallQueries + " must be >= 1");
        }
        if (recallK < 1) {
            errors.add("recallK " + recallK + " must be >= 1");
        }
        if (!(minRecall >= 0 && minRecall <= 1)) {
            errors.add("minRecall " + minRecall + " must be in [0, 1]");
        }
        for (int ef : efSweep) {
            if (ef < 1) {
                errors.add("efSweep value " + ef + " must be >= 1");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid HNSW build config: " + String.join("; ", errors));
        }
    }

    /** A config for the default implementation, {@link IndexKind#NATIVE}. */
    public HnswBuildConfig(HnswParams params, int threads, int recallQueries, int recallK, double minRecall,
                           boolean allowLowRecall, List<Integer> efSweep, long seed) {
        this(params, threads, recallQueries, recallK, minRecall, allowLowRecall, efSweep, seed, IndexKind.NATIVE);
    }

    /**
     * The defaults: {@link HnswParams#DEFAULTS}, 2 threads, 1,000 recall queries, recall@10, gate
     * 0.95, ef sweep 10/20/50/100/200, seed 42, the native index.
     */
    public static HnswBuildConfig defaults() {
        return new HnswBuildConfig(HnswParams.DEFAULTS, 2, 1000, 10, DEFAULT_MIN_RECALL, false,
                DEFAULT_EF_SWEEP, 42L, IndexKind.NATIVE);
    }

    /** This config with other graph parameters. */
    public HnswBuildConfig withParams(HnswParams newParams) {
        return new HnswBuildConfig(newParams, threads, recallQueries, recallK, minRecall, allowLowRecall, efSweep, seed,
                kind);
    }

    /** This config with the gate skipped or enforced. */
    public HnswBuildConfig withAllowLowRecall(boolean allow) {
        return new HnswBuildConfig(params, threads, recallQueries, recallK, minRecall, allow, efSweep, seed, kind);
    }

    /** This config with another build thread count. */
    public HnswBuildConfig withThreads(int newThreads) {
        return new HnswBuildConfig(params, newThreads, recallQueries, recallK, minRecall, allowLowRecall, efSweep, seed,
                kind);
    }

    /** This config with another HNSW implementation. */
    public HnswBuildConfig withKind(IndexKind newKind) {
        return new HnswBuildConfig(params, threads, recallQueries, recallK, minRecall, allowLowRecall, efSweep, seed,
                newKind);
    }
}
