package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleVersion;
import io.recgate.indexbuilder.hnsw.BuiltIndex;
import io.recgate.indexbuilder.hnsw.HnswBuildConfig;
import io.recgate.indexbuilder.hnsw.IndexBuild;
import io.recgate.indexbuilder.hnsw.RecallTooLowException;
import io.recgate.indexbuilder.publish.BundlePublisher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

/** Builds both indexes with progress, applies the recall gate, publishes: the tail of build and rebuild. */
final class IndexBuilding {

    private IndexBuilding() {
    }

    /** The retrieval and similar-items indexes of one bundle. */
    record Indexes(BuiltIndex retrieval, BuiltIndex similar) {
    }

    /** Builds both indexes with progress; the retrieval index's recall is gated. */
    static Indexes build(BundlePublisher.Source source, HnswBuildConfig config) {
        return new Indexes(build("index retrieval", source, config, true),
                build("index similar-items", source, config.withAllowLowRecall(true), false));
    }

    static BundleVersion publish(BundlePublisher.Source source, Indexes indexes, BundlePublisher.Serving serving,
                                 Path bundles, int retain) {
        BundleVersion version = BundlePublisher.publish(bundles, source, indexes.retrieval(), indexes.similar(),
                serving, retain);
        System.err.printf(Locale.ROOT, "published bundle %s in %s (sum of heap pool peaks so far: %,d MB)%n", version.name(),
                version.dir(), peakHeapBytes() >> 20);
        return version;
    }

    /** Sum of the heap pools' peak usage since the JVM started: what the build needed at most. */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static BuiltIndex build(String task, BundlePublisher.Source source, HnswBuildConfig config,
                                    boolean retrievalIndex) {
        int items = source.factors().itemCount();
        BuiltIndex built;
        try (Progress progress = Progress.start(task, items, "items")) {
            built = retrievalIndex
                    ? IndexBuild.retrievalIndex(source.factors(), config, (done, total) -> progress.update(done))
                    : IndexBuild.similarItemsIndex(source.factors(), config, (done, total) -> progress.update(done));
        } catch (RecallTooLowException e) {
            throw new QualityGateException(e.getMessage() + "; nothing was published");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the index", e);
        }
        var point = built.recall().atDefaultEf();
        System.err.printf(Locale.ROOT, "%s: %,d items in %.1f s; recall@%d %.4f at ef %d (%.0f us/query, %d %s queries)%n",
                task, items, built.buildTime().toNanos() / 1e9, built.recall().k(), point.recall(), point.ef(),
                point.meanLatencyMicros(), built.recall().queries(), built.recall().querySource());
        return built;
    }
}
