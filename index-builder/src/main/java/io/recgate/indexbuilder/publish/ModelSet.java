package io.recgate.indexbuilder.publish;

import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleException;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.bundle.FactorModelFiles;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.serving.BundleParams;
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import io.recgate.indexbuilder.io.SideFeatures;
import io.recgate.indexbuilder.pipeline.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A verified model set read back from disk: what {@code build} and {@code evaluate} start from.
 * Opening verifies every checksum (it is a bundle without indexes).
 */
public final class ModelSet {

    private final Bundle bundle;
    private final Dataset train;
    private final FactorModel factors;
    private final ModelKind retrieval;
    private final FmModel fm;
    private final RankingFmModel rankingFm;

    private ModelSet(Bundle bundle, Dataset train, FactorModel factors, ModelKind retrieval, FmModel fm,
                     RankingFmModel rankingFm) {
        this.bundle = bundle;
        this.train = train;
        this.factors = factors;
        this.retrieval = retrieval;
        this.fm = fm;
        this.rankingFm = rankingFm;
    }

    /**
     * Opens a model-set version directory, or the current version of a model-set root.
     *
     * @throws BundleException when it is missing, unverifiable or incomplete
     */
    public static ModelSet open(Path path) {
        Bundle bundle = Files.isRegularFile(path.resolve(BundleFiles.MANIFEST)) || !Files.exists(path.resolve(BundleRoot.CURRENT))
                ? Bundle.open(path) : BundleRoot.at(path).openCurrent();
        for (String required : List.of(BundleFiles.USER_IDS, BundleFiles.ITEM_IDS, BundleFiles.ITEMS,
                BundleFiles.SEEN_OFFSETS, BundleFiles.SEEN_ITEMS, BundleFiles.SEEN_VALUES)) {
            if (!bundle.hasFile(required)) {
                throw new BundleException(bundle.dir(), "not a model set: missing " + required);
            }
        }
        IdMap users = IdMap.of(bundle.readLines(BundleFiles.USER_IDS));
        IdMap items = IdMap.of(bundle.readLines(BundleFiles.ITEM_IDS));
        Interactions seen = seen(bundle, users, items);
        List<ItemMetadata> metadata = bundle.readJsonLines(BundleFiles.ITEMS, ItemMetadata.class);
        List<String> titles = new ArrayList<>(metadata.size());
        List<List<String>> categories = new ArrayList<>(metadata.size());
        for (ItemMetadata m : metadata) {
            titles.add(m.title());
            categories.add(m.categories());
        }
        boolean explicit = Boolean.TRUE.equals(BundleParams.get(bundle.manifest().metadata().params(),
                BundleParams.DATA_EXPLICIT));
        Dataset train = new Dataset(seen, explicit, new ItemCatalog(items, titles, categories),
                SideFeatures.none(users), SideFeatures.none(items));
        FactorModel factors = bundle.hasFile(BundleFiles.ITEM_FACTORS) ? FactorModelFiles.read(bundle) : null;
        Object retrievalName = BundleParams.get(bundle.manifest().metadata().params(), BundleParams.RETRIEVAL_MODEL);
        ModelKind retrieval = factors == null || retrievalName == null || "none".equals(retrievalName) ? null
                : ModelKind.parse(retrievalName.toString());
        FmModel fm = bundle.hasFile(BundleFiles.FM_MODEL) ? bundle.read(BundleFiles.FM_MODEL, FmModel::read) : null;
        RankingFmModel rankingFm = bundle.hasFile(BundleFiles.RANKING_FM_MODEL)
                ? bundle.read(BundleFiles.RANKING_FM_MODEL, RankingFmModel::read) : null;
        return new ModelSet(bundle, train, factors, retrieval, fm, rankingFm);
    }

    private static Interactions seen(Bundle bundle, IdMap users, IdMap items) {
        int[] offsets = bundle.readInts(BundleFiles.SEEN_OFFSETS);
        int[] itemColumn = bundle.readInts(BundleFiles.SEEN_ITEMS);
        float[] values = bundle.readFloats(BundleFiles.SEEN_VALUES);
        if (offsets.length != users.size() + 1 || offsets[users.size()] != itemColumn.length
                || values.length != itemColumn.length) {
            throw new BundleException(bundle.dir(), BundleFiles.SEEN_OFFSETS + " does not match "
                    + BundleFiles.SEEN_ITEMS + " and the user count");
        }
        int[] userColumn = new int[itemColumn.length];
        for (int u = 0; u < users.size(); u++) {
            if (offsets[u] > offsets[u + 1]) {
                throw new BundleException(bundle.dir(), BundleFiles.SEEN_OFFSETS + " decreases at user " + u);
            }
            java.util.Arrays.fill(userColumn, offsets[u], offsets[u + 1], u);
        }
        for (int i = 0; i < itemColumn.length; i++) {
            if (itemColumn[i] < 0 || itemColumn[i] >= items.size()) {
                throw new BundleException(bundle.dir(), BundleFiles.SEEN_ITEMS + "[" + i + "] = " + itemColumn[i]
                        + " outside [0, " + items.size() + ")");
            }
        }
        return new Interactions(users, items, userColumn, itemColumn, values, new long[itemColumn.length]);
    }

    public Bundle bundle() {
        return bundle;
    }

    /** The training interactions (from the seen-items CSR), catalogue and explicitness. */
    public Dataset train() {
        return train;
    }

    /** The retrieval factor model, or null. */
    public FactorModel factors() {
        return factors;
    }

    /** Which model the factors are, or null. */
    public ModelKind retrieval() {
        return retrieval;
    }

    /** The FM model, or null. */
    public FmModel fm() {
        return fm;
    }

    /** True when the model set has the model that {@code kind} orders by ({@code NONE}: always). */
    public boolean has(io.recgate.core.serving.RerankerKind kind) {
        return switch (kind) {
            case NONE -> true;
            case RANKING_FM -> rankingFm != null;
            case RATING_FM -> fm != null;
        };
    }

    /**
     * A factor model of the set by kind: the retrieval model, or another one trained beside it
     * (e.g. explicit ALS), or null when the set does not have it.
     */
    public FactorModel factors(ModelKind kind) {
        if (kind == retrieval) {
            return factors;
        }
        return kind.isFactorModel() ? ModelFiles.readOtherFactors(bundle, kind.cliName()) : null;
    }

    /** The ranking FM reranker, or null. */
    public RankingFmModel rankingFm() {
        return rankingFm;
    }
}
