package io.recgate.indexbuilder.hnsw;

import java.util.List;

/**
 * The recall measurement of a built index, for the bundle manifest and the web page's plot.
 *
 * @param k           the k of recall@k
 * @param queries     number of queries measured
 * @param querySource {@code "users"} (sampled user vectors) or {@code "items"} (sampled item
 *                    vectors, for the similar-items index) or {@code "random"} (Gaussian vectors,
 *                    when the model has no usable user vectors)
 * @param seed        seed of the query sample
 * @param atDefaultEf recall and latency at the index's default ef, the one the gate checks; measured
 *                    in the same warmed-up pass as the sweep, and the very sweep point when the sweep
 *                    contains the default ef (so the manifest's {@code <index>.latency_us} equals
 *                    {@code <index>.sweep.ef<default>.latency_us})
 * @param sweep       recall and latency at each ef of the configured sweep, in the configured order
 */
public record RecallReport(int k, int queries, String querySource, long seed, RecallPoint atDefaultEf,
                           List<RecallPoint> sweep) {

    public RecallReport {
        sweep = List.copyOf(sweep);
    }
}
