package io.recgate.indexbuilder.cli;

import io.recgate.core.ann.HnswParams;
import io.recgate.indexbuilder.hnsw.HnswBuildConfig;
import io.recgate.indexbuilder.hnsw.IndexKind;
import picocli.CommandLine.Option;

/** HNSW parameters and the recall gate; shared by build and rebuild. */
final class IndexOptions {

    @Option(names = "--index", defaultValue = "native", paramLabel = "KIND",
            description = "HNSW implementation: native (Recgate's own, default) or hnswlib (hnswlib-core).")
    String kind;

    @Option(names = "--m", defaultValue = "" + HnswParams.DEFAULT_M, paramLabel = "N",
            description = "HNSW links per node (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--ef-construction", defaultValue = "" + HnswParams.DEFAULT_EF_CONSTRUCTION, paramLabel = "N",
            description = "HNSW build beam width (default ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(names = "--ef", defaultValue = "" + HnswParams.DEFAULT_EF, paramLabel = "N",
            description = "HNSW default search beam width, served and gated (default ${DEFAULT-VALUE}).")
    int ef;

    @Option(names = "--exact-scan-max-floats", defaultValue = "" + HnswParams.DEFAULT_EXACT_SCAN_MAX_FLOATS,
            paramLabel = "N", description = "Norm ranges of at most N floats (items x dims) keep a packed copy"
                    + " and are scanned exactly when that is cheaper than searching their graph; 0 keeps none"
                    + " (default ${DEFAULT-VALUE}).")
    int exactScanMaxFloats;

    @Option(names = "--min-recall", defaultValue = "" + HnswBuildConfig.DEFAULT_MIN_RECALL, paramLabel = "R",
            description = "Refuse to publish when ANN recall@10 at --ef is below this (default ${DEFAULT-VALUE}).")
    double minRecall;

    @Option(names = "--allow-low-recall", description = "Publish even below --min-recall (recall is still measured and reported).")
    boolean allowLowRecall;

    @Option(names = "--recall-queries", defaultValue = "1000", paramLabel = "N",
            description = "Users sampled to measure recall against exact search (default ${DEFAULT-VALUE}).")
    int recallQueries;

    @Option(names = "--index-threads", paramLabel = "N", description = "Threads building the index (default: all cores).")
    Integer threads;

    @Option(names = "--retain", defaultValue = "5", paramLabel = "N",
            description = "Bundle versions kept (the current one is never deleted; default ${DEFAULT-VALUE}).")
    int retain;

    HnswBuildConfig config() {
        HnswBuildConfig d = HnswBuildConfig.defaults();
        return new HnswBuildConfig(new HnswParams(m, efConstruction, ef, exactScanMaxFloats),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), recallQueries, d.recallK(),
                minRecall, allowLowRecall, d.efSweep(), d.seed(), IndexKind.of(kind));
    }
}
