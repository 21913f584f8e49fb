package io.recgate.indexbuilder.cli;

import io.recgate.core.serving.RerankerKind;
import java.util.Map;
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.FactorMatrix;
import io.recgate.indexbuilder.io.FactorReader;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import io.recgate.indexbuilder.io.SideFeatures;
import io.recgate.indexbuilder.publish.BundlePublisher;
import io.recgate.indexbuilder.publish.ModelSet;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code recgate build}: HNSW indexes from a model set or external factors, recall-gated, published as a bundle. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build the HNSW indexes of a model set and publish a verified bundle.",
                "Builds the retrieval (inner product) and similar-items (cosine) indexes from a model set, or "
                        + "from factor files trained elsewhere, measures ANN recall@10 against exact search, refuses to "
                        + "publish below --min-recall, and publishes the bundle into --bundles (atomically; the last "
                        + "--retain versions kept).",
                "Examples:",
                "  recgate build --models models --bundles bundles",
                "  recgate build --item-factors items.npy --item-ids items.txt \\",
                "      --user-factors users.csv --bundles bundles"})
final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Model-set root or version written by 'train' (default: models, unless factor files are given).")
    Path models;

    @Option(names = "--item-factors", paramLabel = "FILE", description = "External item factors: CSV/TSV 'id,f1..fd' or .npy float32.")
    Path itemFactors;

    @Option(names = "--item-ids", paramLabel = "FILE", description = "Ids of the --item-factors rows, one per line (needed for .npy).")
    Path itemIds;

    @Option(names = "--user-factors", paramLabel = "FILE", description = "External user factors (same formats).")
    Path userFactors;

    @Option(names = "--user-ids", paramLabel = "FILE", description = "Ids of the --user-factors rows (needed for .npy).")
    Path userIds;

    @Option(names = "--bundles", defaultValue = "bundles", paramLabel = "DIR",
            description = "Bundles root: versions and the 'current' pointer the gateway follows (default ${DEFAULT-VALUE}).")
    Path bundles;

    @Mixin
    IndexOptions index;

    @Option(names = "--reranker", paramLabel = "KIND",
            description = "Order lists by this reranker (none, ranking-fm, fm) instead of what the model set's served-quality"
                    + " gate accepted. Bypasses the gate: for benchmarks, or a reranker measured elsewhere.")
    String reranker;

    @Override
    public Integer call() {
        BundlePublisher.Source source = source();
        // A model set carries the served-quality gate's decision from train; external factors serve
        // retrieval order.
        BundlePublisher.Serving serving = source instanceof BundlePublisher.FromModelSet m
                ? BundlePublisher.Serving.of(m.set()) : BundlePublisher.Serving.retrievalOrder();
        if (reranker != null) {
            RerankerKind kind = RerankerKind.parse(reranker);
            if (kind != RerankerKind.NONE && !(source instanceof BundlePublisher.FromModelSet m && m.set().has(kind))) {
                throw new IllegalArgumentException("--reranker " + kind + ": the model set has no " + kind + " model");
            }
            serving = new BundlePublisher.Serving(kind, null, serving.candidates(), Map.of());
            System.err.println("build: lists ordered by " + kind + " as --reranker says, not by the served-quality gate");
        }
        IndexBuilding.publish(source, IndexBuilding.build(source, index.config()), serving, bundles, index.retain);
        return ExitCodes.OK;
    }

    private BundlePublisher.Source source() {
        boolean external = itemFactors != null || userFactors != null;
        if (external && models != null) {
            throw new IllegalArgumentException("give --models or external factor files, not both");
        }
        if (!external) {
            ModelSet set = ModelSet.open(models != null ? models : Path.of("models"));
            if (set.factors() == null) {
                throw new IllegalArgumentException("model set " + set.bundle().dir()
                        + " has no factor model to index: train als or implicit-als");
            }
            return new BundlePublisher.FromModelSet(set);
        }
        if (itemFactors == null || userFactors == null) {
            throw new IllegalArgumentException("external factors need both --item-factors and --user-factors");
        }
        FactorMatrix items = FactorReader.read(itemFactors, itemIds);
        FactorMatrix users = FactorReader.read(userFactors, userIds);
        FactorReader.requireSameDims(items, users);
        FactorModel model = FactorModel.withoutBiases(items.dims(), users.values(), items.values());
        IdMap userMap = users.ids();
        IdMap itemMap = items.ids();
        Interactions none = new Interactions(userMap, itemMap, new int[0], new int[0], new float[0], new long[0]);
        Dataset data = new Dataset(none, false, ItemCatalog.empty(itemMap), SideFeatures.none(userMap),
                SideFeatures.none(itemMap));
        return new BundlePublisher.FromFactors(model, data);
    }
}
