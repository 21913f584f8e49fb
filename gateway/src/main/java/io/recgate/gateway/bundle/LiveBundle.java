package io.recgate.gateway.bundle;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.AnnIndexFiles;
import io.recgate.core.ann.ItemVectors;
import io.recgate.core.ann.SimilarItems;
import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleManifest;
import io.recgate.core.bundle.BundleException;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.FactorModelFiles;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.FmScorer;
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.core.model.FoldIn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Everything a request needs from one verified bundle version: id maps, item metadata, the retrieval
 * factors, each user's training items (CSR), the popularity order, the retrieval and item-to-item
 * indexes, the fold-in for the retrieval model and, when the bundle has one, the FM reranker.
 *
 * <p>Built by {@link #load} from a {@link Bundle} whose checksums {@link Bundle#open} has verified
 * (the HNSW files are Java-serialized and must never be read unverified). Loading reads and
 * deserializes hundreds of MB for a large bundle: call it on a worker pool, never on an event loop.
 *
 * <p>Immutable and thread-safe; the arrays it exposes are shared and must not be modified.
 */
public final class LiveBundle {

    /** Manifest param naming the retrieval model: {@code implicit-als}, {@code als} or {@code external}. */
    public static final String RETRIEVAL_MODEL = "retrieval.model";

    /** Fold-in strength of an event without a value (implicit models) or the rating assumed (explicit). */
    private static final float IMPLICIT_STRENGTH = 1f;

    private final String version;
    private final BundleManifest manifest;
    private final IdMap users;
    private final IdMap items;
    private final List<ItemMetadata> metadata;
    private final Map<String, BitSet> itemsByCategory;
    private final FactorModel factors;
    private final float[] normalizedItems;
    private final int[] seenOffsets;
    private final int[] seenItems;
    private final float[] seenValues;
    private final int[] popularity;
    private final int[] itemCounts;
    private final AnnIndex retrieval;
    private final int retrievalEf;
    private final SimilarItems similar;
    private final int similarEf;
    private final FoldIn foldIn;
    private final boolean binaryTrainingValues;
    private final FmScorer fm;
    private final int[] itemToFm;
    private final int[] userToFm;

    private LiveBundle(Bundle bundle) {
        this.version = bundle.version();
        this.manifest = bundle.manifest();
        Map<String, Object> params = bundle.manifest().metadata().params();
        for (String required : List.of(BundleFiles.USER_IDS, BundleFiles.ITEM_IDS, BundleFiles.ITEMS,
                BundleFiles.ITEM_FACTORS, BundleFiles.USER_FACTORS, BundleFiles.HNSW_INDEX, BundleFiles.SIMILAR_INDEX)) {
            if (!bundle.hasFile(required)) {
                throw new BundleException(bundle.dir(), "cannot serve: missing " + required);
            }
        }
        this.users = IdMap.of(bundle.readLines(BundleFiles.USER_IDS));
        this.items = IdMap.of(bundle.readLines(BundleFiles.ITEM_IDS));
        this.metadata = List.copyOf(bundle.readJsonLines(BundleFiles.ITEMS, ItemMetadata.class));
        this.itemsByCategory = categories(metadata);
        this.factors = FactorModelFiles.read(bundle);
        int dims = factors.dims();
        this.normalizedItems = ItemVectors.normalizedRows(factors.itemFactors(), dims);
        if (bundle.hasFile(BundleFiles.SEEN_OFFSETS)) {
            this.seenOffsets = bundle.readInts(BundleFiles.SEEN_OFFSETS);
            this.seenItems = bundle.readInts(BundleFiles.SEEN_ITEMS);
            this.seenValues = bundle.readFloats(BundleFiles.SEEN_VALUES);
            checkSeen(bundle);
        } else {
            this.seenOffsets = new int[users.size() + 1];
            this.seenItems = new int[0];
            this.seenValues = new float[0];
        }
        this.popularity = bundle.hasFile(BundleFiles.POPULARITY) ? bundle.readInts(BundleFiles.POPULARITY)
                : identity(items.size());
        for (int item : popularity) {
            if (item < 0 || item >= items.size()) {
                throw new BundleException(bundle.dir(), BundleFiles.POPULARITY + " holds item " + item
                        + " outside [0, " + items.size() + ")");
            }
        }
        this.itemCounts = bundle.hasFile(BundleFiles.ITEM_COUNTS) ? bundle.readInts(BundleFiles.ITEM_COUNTS) : null;
        this.retrieval = loadIndex(bundle, BundleFiles.HNSW_INDEX, factors.itemFactors(), dims);
        this.similar = new SimilarItems(loadIndex(bundle, BundleFiles.SIMILAR_INDEX, normalizedItems, dims),
                normalizedItems);
        if (retrieval.size() != items.size() || retrieval.dims() != dims) {
            throw new BundleException(bundle.dir(), BundleFiles.HNSW_INDEX + " has " + retrieval.size() + " x "
                    + retrieval.dims() + " items, bundle " + items.size() + " x " + dims);
        }
        this.retrievalEf = intParam(params, "ann.ef", 50);
        this.similarEf = intParam(params, "similar.ef", 50);
        String model = String.valueOf(params.getOrDefault(RETRIEVAL_MODEL, "external"));
        this.foldIn = switch (model) {
            case "als" -> FoldIn.explicit(factors, doubleParam(params, "als.lambda", 0.1), factors.hasBiases());
            case "implicit-als" -> FoldIn.implicit(factors, doubleParam(params, "implicit-als.lambda", 1.0),
                    doubleParam(params, "implicit-als.alpha", 1.0));
            // External factors: no trainer hyperparameters; an implicit fold-in with mild
            // regularisation still places a session near the items it touched.
            default -> FoldIn.implicit(factors, 1.0, 1.0);
        };
        this.binaryTrainingValues = "binary".equals(params.get("implicit-als.weights"));
        if (bundle.hasFile(BundleFiles.FM_MODEL)) {
            FmModel model0;
            try (InputStream in = bundle.openStream(BundleFiles.FM_MODEL)) {
                model0 = FmModel.read(in, bundle.path(BundleFiles.FM_MODEL).toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + BundleFiles.FM_MODEL + " of " + version, e);
            }
            this.fm = new FmScorer(model0);
            this.itemToFm = remap(items, model0.space().items());
            this.userToFm = remap(users, model0.space().users());
        } else {
            this.fm = null;
            this.itemToFm = null;
            this.userToFm = null;
        }
    }

    /**
     * Loads a verified bundle. Blocking (file reads, deserialization, O(items · dims) precomputation).
     *
     * @throws BundleException      when a file needed for serving is missing or inconsistent
     * @throws UncheckedIOException when a file cannot be read or an index does not parse
     */
    public static LiveBundle load(Bundle bundle) {
        return new LiveBundle(Objects.requireNonNull(bundle, "bundle"));
    }

    /**
     * Runs {@code queries} retrieval and similar-item searches with seeded random users and items so
     * that the first real requests do not pay for JIT compilation and cold caches.
     */
    public void warm(int queries) {
        Random random = new Random(42);
        float[] user = new float[dims()];
        for (int q = 0; q < queries; q++) {
            if (users.size() > 0) {
                System.arraycopy(factors.userFactors(), random.nextInt(users.size()) * dims(), user, 0, dims());
                retrieval.search(user, 10, retrievalEf, null);
            }
            similar.similarTo(random.nextInt(items.size()), 10, similarEf, null);
        }
    }

    /** The bundle version, e.g. {@code v000003}. */
    public String version() {
        return version;
    }

    /** The verified manifest: counts, training parameters and offline metrics (for display). */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Users known to the bundle (row index = user factor row). */
    public IdMap users() {
        return users;
    }

    /** Items of the bundle (row index = item factor row, index item). */
    public IdMap items() {
        return items;
    }

    /** Metadata of item {@code i}. */
    public ItemMetadata item(int i) {
        return metadata.get(i);
    }

    /** Items of a category, or null when no item has it. Shared: do not modify. */
    public BitSet category(String name) {
        return itemsByCategory.get(name);
    }

    /** The retrieval factor model (user and item factors). */
    public FactorModel factors() {
        return factors;
    }

    /** Vector length. */
    public int dims() {
        return factors.dims();
    }

    /** Unit-normalised item factors, row-major (for cosine "because you liked"). Shared. */
    public float[] normalizedItems() {
        return normalizedItems;
    }

    /** Start of user {@code u}'s training items in {@link #seenItems()}. */
    public int seenStart(int u) {
        return seenOffsets[u];
    }

    /** End (exclusive) of user {@code u}'s training items in {@link #seenItems()}. */
    public int seenEnd(int u) {
        return seenOffsets[u + 1];
    }

    /** Item indices of the training CSR. Shared. */
    public int[] seenItems() {
        return seenItems;
    }

    /** Fold-in value of the training interaction at CSR position {@code p}. */
    public float seenValue(int p) {
        return binaryTrainingValues ? 1f : seenValues[p];
    }

    /**
     * Fold-in value of a live event with {@code value} (a rating, or null): implicit models use
     * {@value #IMPLICIT_STRENGTH} for binary-weighted training and events without a value, else the
     * value; explicit models use the rating, or one above the global mean for a non-rating event
     * (a click or purchase says "liked" without a number).
     */
    public float eventValue(Double value) {
        if (foldIn.isImplicit()) {
            return binaryTrainingValues || value == null ? IMPLICIT_STRENGTH : value.floatValue();
        }
        return value == null ? factors.globalBias() + 1f : value.floatValue();
    }

    /** Item indices, most popular first. Shared. */
    public int[] popularity() {
        return popularity;
    }

    /** Training interaction count of an item, or -1 when the bundle has no counts. */
    public int itemCount(int item) {
        return itemCounts == null ? -1 : itemCounts[item];
    }

    /** The retrieval (inner product) index over item factors. */
    public AnnIndex retrieval() {
        return retrieval;
    }

    /** The search breadth the retrieval index was measured at. */
    public int retrievalEf() {
        return retrievalEf;
    }

    /** The item-to-item cosine index. */
    public SimilarItems similar() {
        return similar;
    }

    /** The search breadth the similar-items index was measured at. */
    public int similarEf() {
        return similarEf;
    }

    /** Fold-in for the retrieval model kind (explicit for {@code als}, implicit otherwise). */
    public FoldIn foldIn() {
        return foldIn;
    }

    /** The FM reranker, or null when the bundle has no FM model. */
    public FmScorer fm() {
        return fm;
    }

    /** The FM's index of bundle item {@code i}, or -1 when the FM does not know it. */
    public int fmItem(int i) {
        return itemToFm[i];
    }

    /** The FM's index of bundle user {@code u}, or -1 when the FM does not know it. */
    public int fmUser(int u) {
        return userToFm[u];
    }

    private void checkSeen(Bundle bundle) {
        if (seenOffsets.length != users.size() + 1 || seenOffsets[users.size()] != seenItems.length
                || seenValues.length != seenItems.length || seenOffsets[0] != 0) {
            throw new BundleException(bundle.dir(), BundleFiles.SEEN_OFFSETS + " does not match "
                    + BundleFiles.SEEN_ITEMS + " and userCount " + users.size());
        }
        for (int u = 0; u < users.size(); u++) {
            if (seenOffsets[u] > seenOffsets[u + 1]) {
                throw new BundleException(bundle.dir(), BundleFiles.SEEN_OFFSETS + " decreases at user " + u);
            }
        }
        for (int p = 0; p < seenItems.length; p++) {
            if (seenItems[p] < 0 || seenItems[p] >= items.size()) {
                throw new BundleException(bundle.dir(), BundleFiles.SEEN_ITEMS + "[" + p + "] = " + seenItems[p]
                        + " outside [0, " + items.size() + ")");
            }
        }
    }

    /**
     * Reads an index file of either kind (native or hnswlib, told apart by magic). A native index
     * searches {@code items} in place (the factor or normalised matrix already on the heap) and
     * keeps its level-0 links in a read-only memory map of the bundle file, off the heap and
     * shared through the page cache; single-thread search speed measured the same as with the
     * links on the heap (docs/BENCHMARKS.md). Bundle files are never modified, and a mapping
     * outlives the deletion of an old version's directory.
     */
    private static AnnIndex loadIndex(Bundle bundle, String name, float[] items, int dims) {
        try {
            return AnnIndexFiles.read(bundle.path(name), items, dims, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " of " + bundle.version() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, BitSet> categories(List<ItemMetadata> metadata) {
        Map<String, BitSet> byCategory = new HashMap<>();
        for (int i = 0; i < metadata.size(); i++) {
            for (String c : metadata.get(i).categories()) {
                byCategory.computeIfAbsent(c, x -> new BitSet(metadata.size())).set(i);
            }
        }
        return Map.copyOf(byCategory);
    }

    private static int[] remap(IdMap from, IdMap to) {
        int[] out = new int[from.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = to.indexOf(from.id(i));
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int intParam(Map<String, Object> params, String key, int fallback) {
        return params.get(key) instanceof Number n && n.intValue() >= 1 ? n.intValue() : fallback;
    }

    private static double doubleParam(Map<String, Object> params, String key, double fallback) {
        return params.get(key) instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : fallback;
    }
}
