package io.recgate.indexbuilder.publish;

import io.recgate.core.ann.hnsw.NativeHnswIndex;
import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleMetadata;
import io.recgate.core.bundle.BundleVersion;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.core.model.FactorModel;
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

    /** Writes and publishes a new version into {@code bundlesRoot}, making it current. */
    public static BundleVersion publish(Path bundlesRoot, Source source, BuiltIndex retrieval, BuiltIndex similar,
                                        int retain) {
        FactorModel factors = source.factors();
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (BundleWriter writer = BundleWriter.open(bundlesRoot, retain, Clock.systemUTC())) {
            switch (source) {
                case FromModelSet m -> {
                    Bundle set = m.set().bundle();
                    for (String name : set.fileNames()) {
                        writer.copyFrom(set, name);
                    }
                    params.putAll(set.manifest().metadata().params());
                    metrics.putAll(set.manifest().metadata().metrics());
                    params.put("source.model_set", set.version());
                }
                case FromFactors f -> {
                    ModelFiles.writeData(writer, f.data());
                    ModelFiles.writeFactors(writer, f.factors());
                    params.put("retrieval.model", "external");
                    params.put("data.explicit", false);
                }
            }
            writer.addFile(BundleFiles.HNSW_INDEX, retrieval::save);
            writer.addFile(BundleFiles.SIMILAR_INDEX, similar::save);
            putIndex(params, metrics, "ann", retrieval);
            putIndex(params, metrics, "similar", similar);
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
