package io.recgate.indexbuilder.publish;

import io.recgate.core.ann.hnsw.NativeHnswIndex;
import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleMetadata;
import io.recgate.core.bundle.BundleVersion;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.core.model.FactorModel;
import io.recgate.core.serving.BundleParams;
import io.recgate.core.serving.RerankerKind;
import io.recgate.indexbuilder.hnsw.BuiltIndex;
import io.recgate.indexbuilder.hnsw.RecallPoint;
import io.recgate.indexbuilder.hnsw.RecallReport;
import io.recgate.indexbuilder.io.Dataset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes a servable bundle: the model files (copied from a verified model set, or written from
 * externally trained factors), the retrieval and similar-items HNSW indexes, and a manifest with
 * every parameter and offline metric, including ANN recall and latency per ef. Written to a
 * staging directory and renamed into place, so a crash never leaves {@code current} at a partial
 * bundle.
 */
public final class BundlePublisher {

    private BundlePublisher() {
    }

    /** The models the indexes were built from: a model set, or external factors with their data. */
    public sealed interface Source permits FromModelSet, FromFactors {
        FactorModel factors();
    }

    /** A published model set (its files are copied as they are). */
    public record FromModelSet(ModelSet set) implements Source {
        @Override
        public FactorModel factors() {
            return set.factors();
        }
    }

    /** Factors trained elsewhere, with the (interaction-free) data set naming their ids. */
    public record FromFactors(FactorModel factors, Dataset data) implements Source {
    }

    /**
     * How the bundle serves: the reranker that orders its lists, the one the served-quality gate
     * refused (or null), the candidates its served metrics were measured with, and those metrics.
     */
    public record Serving(RerankerKind reranker, RerankerKind refused, int candidates, Map<String, Double> metrics) {
        public Serving {
            java.util.Objects.requireNonNull(reranker, "reranker");
            metrics = Map.copyOf(metrics);
        }

        /** Retrieval order, nothing measured: a bundle from external factors or without a test set. */
        public static Serving retrievalOrder() {
            return new Serving(RerankerKind.NONE, null, RerankerKind.DEFAULT_CANDIDATES, Map.of());
        }

        /** What a model set's manifest recorded (its served metrics are copied with its other metrics). */
        public static Serving of(ModelSet set) {
            Map<String, Object> params = set.bundle().manifest().metadata().params();
            RerankerKind reranker = RerankerKind.parse(BundleParams.get(params, BundleParams.RERANKER, "none"));
            String refused = BundleParams.get(params, BundleParams.RERANKER_REFUSED);
            long candidates = BundleParams.get(params, BundleParams.SERVING_CANDIDATES,
                    (long) RerankerKind.DEFAULT_CANDIDATES);
            return new Serving(reranker, refused == null ? null : RerankerKind.parse(refused),
                    (int) Math.min(Integer.MAX_VALUE, candidates), Map.of());
        }

        /** Writes the reranker, the refused one and the candidates into manifest params. */
        void putInto(Map<String, Object> params) {
            params.put(BundleParams.RERANKER.name(), reranker.cliName());
            if (refused != null) {
                params.put(BundleParams.RERANKER_REFUSED.name(), refused.cliName());
            }
            params.put(BundleParams.SERVING_CANDIDATES.name(), candidates);
        }
    }

    /** Writes and publishes a new version into {@code bundlesRoot}, making it current. */
    public static BundleVersion publish(Path bundlesRoot, Source source, BuiltIndex retrieval, BuiltIndex similar,
                                        Serving serving, int retain) {
        FactorModel factors = source.factors();
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (BundleWriter writer = BundleWriter.open(bundlesRoot, retain, Clock.systemUTC())) {
            switch (source) {
                case FromModelSet m -> {
                    Bundle set = m.set().bundle();
                    for (String name : set.fileNames()) {
                        // Other factor models are for re-evaluation; serving never reads them.
                        if (!ModelFiles.isOtherFactorFile(name)) {
                            writer.copyFrom(set, name);
                        }
                    }
                    params.putAll(set.manifest().metadata().params());
                    metrics.putAll(set.manifest().metadata().metrics());
                    params.put("source.model_set", set.version());
                }
                case FromFactors f -> {
                    ModelFiles.writeData(writer, f.data());
                    ModelFiles.writeFactors(writer, f.factors());
                    params.put(BundleParams.RETRIEVAL_MODEL.name(), "external");
                    params.put(BundleParams.DATA_EXPLICIT.name(), false);
                }
            }
            writer.addFile(BundleFiles.HNSW_INDEX, retrieval::save);
            writer.addFile(BundleFiles.SIMILAR_INDEX, similar::save);
            putIndex(params, metrics, "ann", retrieval);
            putIndex(params, metrics, "similar", similar);
            params.remove(BundleParams.RERANKER_REFUSED.name());
            serving.putInto(params);
            metrics.putAll(serving.metrics());
            return writer.publish(new BundleMetadata(factors.dims(), BundleMetadata.METRIC_INNER_PRODUCT,
                    factors.userCount(), factors.itemCount(), params, metrics));
        }
    }

    private static void putIndex(Map<String, Object> params, Map<String, Double> metrics, String prefix,
                                 BuiltIndex built) {
        params.put(prefix + ".kind", built.index().kind());
        params.put(prefix + ".m", built.params().m());
        params.put(prefix + ".ef_construction", built.params().efConstruction());
        params.put(prefix + ".ef", built.params().ef());
        params.put(prefix + ".partitions", built.partitionCount());
        params.put(prefix + ".exact_scan_max_floats", built.params().exactScanMaxFloats());
        if (built.index() instanceof NativeHnswIndex n) {
            params.put(prefix + ".seed", n.seed());
        }
        RecallReport recall = built.recall();
        params.put(prefix + ".recall_queries", recall.queries());
        params.put(prefix + ".recall_query_source", recall.querySource());
        metrics.put(prefix + ".build_seconds", built.buildTime().toNanos() / 1e9);
        metrics.put(prefix + ".recall@" + recall.k(), recall.atDefaultEf().recall());
        metrics.put(prefix + ".latency_us", recall.atDefaultEf().meanLatencyMicros());
        for (RecallPoint point : recall.sweep()) {
            metrics.put(prefix + ".sweep.ef" + point.ef() + ".recall@" + recall.k(), point.recall());
            metrics.put(prefix + ".sweep.ef" + point.ef() + ".latency_us", point.meanLatencyMicros());
        }
    }
}
