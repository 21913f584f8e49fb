package io.recgate.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bundle loading and the recommendation pipeline. Immutable; built by {@link ConfigLoader}, which
 * validates every field.
 *
 * @param pollInterval      how often the bundle root's {@code current} pointer is read to pick up a
 *                          newly published version
 * @param warmupQueries     searches run on a freshly loaded bundle before it goes live
 * @param defaultK          {@code k} when a request does not give one (at most {@code http.maxK})
 * @param defaultCandidates {@code candidates} when a request does not give one
 * @param maxBatchUsers     users per {@code POST /v1/recommendations/batch}
 * @param poolSize          threads of the {@code recgate-recommend} worker pool (retrieval + rerank)
 */
public record RecommendConfig(Duration pollInterval, int warmupQueries, int defaultK, int defaultCandidates,
                              int maxBatchUsers, int poolSize) {

    public RecommendConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
    }
}
