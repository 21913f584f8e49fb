package io.recgate.core.serving;

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
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.core.model.FoldIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A servable bundle: everything the recommendation pipeline needs from one verified bundle
 * version, and the checks that make it servable. The gateway serves it and the index builder's
 * served-pipeline evaluation scores it, so both run {@link RecommendationPipeline} on the same
 * object built by the same {@link #load}: id maps, item metadata, the retrieval factors, each
 * user's training items (CSR), the popularity order, the retrieval and item-to-item indexes, the
 * fold-in for the retrieval model, the reranker the bundle was published with
 * ({@link BundleParams#RERANKER}; retrieval order when it has none) and, when the bundle has a
 * rating FM, the rating predictor.
 *
 * <p>Built by {@link #load} from a {@link Bundle} whose checksums {@link Bundle#open} has verified.
 * Loading reads hundreds of MB for a large bundle: call it on a worker pool, never on an event loop.
 *
 * <p>Immutable and thread-safe; the arrays it exposes are shared and must not be modified.
 */
public final class ServableBundle {

    /** Search breadth of a bundle that does not record the one its index was measured at. */
    private static final int DEFAULT_EF = 50;
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
    private final long trainingInteractions;
    private final AnnIndex retrieval;
    private final int retrievalEf;
    private final SimilarItems similar;
    private final int similarEf;
    private final FoldIn foldIn;
    private final boolean binaryTrainingValues;
    private final FmView ratingFm;
    private final RankingFmReranker rankingFm;
    private final RerankerKind reranker;

    private ServableBundle(Bundle bundle) {
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
        if (itemCounts != null && itemCounts.length != items.size()) {
            throw new BundleException(bundle.dir(), BundleFiles.ITEM_COUNTS + " has " + itemCounts.length
                    + " counts for " + items.size() + " items");
        }
        this.trainingInteractions = itemCounts == null ? seenItems.length : sum(itemCounts);
        this.retrieval = loadIndex(bundle, BundleFiles.HNSW_INDEX, factors.itemFactors(), dims);
        this.similar = new SimilarItems(loadIndex(bundle, BundleFiles.SIMILAR_INDEX, normalizedItems, dims),
                normalizedItems);
        if (retrieval.size() != items.size() || retrieval.dims() != dims) {
            throw new BundleException(bundle.dir(), BundleFiles.HNSW_INDEX + " has " + retrieval.size() + " x "
                    + retrieval.dims() + " items, bundle " + items.size() + " x " + dims);
        }
        this.retrievalEf = positiveInt(bundle, params, BundleParams.ANN_EF, DEFAULT_EF);
        this.similarEf = positiveInt(bundle, params, BundleParams.SIMILAR_EF, DEFAULT_EF);
        String model = BundleParams.get(params, BundleParams.RETRIEVAL_MODEL, "external");
        this.foldIn = switch (model) {
            case "als" -> FoldIn.explicit(factors, positive(bundle, params, BundleParams.ALS_LAMBDA),
                    factors.hasBiases());
            case "implicit-als" -> FoldIn.implicit(factors, positive(bundle, params, BundleParams.IMPLICIT_ALS_LAMBDA),
                    positive(bundle, params, BundleParams.IMPLICIT_ALS_ALPHA));
            // External factors: no trainer hyperparameters; an implicit fold-in with mild
            // regularisation still places a session near the items it touched.
            default -> FoldIn.implicit(factors, 1.0, 1.0);
        };
        this.binaryTrainingValues = "binary".equals(BundleParams.get(params, BundleParams.IMPLICIT_ALS_WEIGHTS));
        this.ratingFm = bundle.hasFile(BundleFiles.FM_MODEL)
                ? new FmView(bundle.<FmModel>read(BundleFiles.FM_MODEL, FmModel::read), users, items) : null;
        this.rankingFm = bundle.hasFile(BundleFiles.RANKING_FM_MODEL)
                ? RankingFmReranker.read(bundle, users, items, itemCounts) : null;
        this.reranker = parseReranker(bundle, params);
    }

    /**
     * Loads a verified bundle. Blocking (file reads, deserialization, O(items · dims) precomputation).
     *
     * @throws BundleException      when a file needed for serving is missing or inconsistent
     * @throws UncheckedIOException when a file cannot be read or an index does not parse
     */
    public static ServableBundle load(Bundle bundle) {
        return new ServableBundle(Objects.requireNonNull(bundle, "bundle"));
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

    /** Training interactions in all: the sum of the item counts, else the seen-items CSR's length. */
    public long trainingInteractions() {
        return trainingInteractions;
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

    /** The reranker that orders this bundle's served lists unless a request asks for another. */
    public RerankerKind reranker() {
        return reranker;
    }

    /**
     * The reranker of a kind, or null for {@link RerankerKind#NONE}.
     *
     * @throws IllegalArgumentException when the bundle has no model for that kind
     */
    public Reranker reranker(RerankerKind kind) {
        return switch (kind) {
            case NONE -> null;
            case RANKING_FM -> require(rankingFm, kind);
            case RATING_FM -> require(ratingFm, kind);
        };
    }

    /** True when the bundle has a model for {@code kind} ({@link RerankerKind#NONE} always). */
    public boolean hasReranker(RerankerKind kind) {
        return kind == RerankerKind.NONE || (kind == RerankerKind.RANKING_FM ? rankingFm : ratingFm) != null;
    }

    /** The rating FM, which predicts {@code predictedRating}; null when the bundle has none. */
    public FmView ratingFm() {
        return ratingFm;
    }

    private Reranker require(Reranker r, RerankerKind kind) {
        if (r == null) {
            throw new IllegalArgumentException("bundle " + version + " has no " + kind + " model");
        }
        return r;
    }

    private RerankerKind parseReranker(Bundle bundle, Map<String, Object> params) {
        RerankerKind kind;
        try {
            kind = RerankerKind.parse(BundleParams.get(params, BundleParams.RERANKER, RerankerKind.NONE.cliName()));
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle.dir(), e.getMessage());
        }
        if (!hasReranker(kind)) {
            throw new BundleException(bundle.dir(), BundleParams.RERANKER.name() + " is " + kind
                    + " but the bundle has no file for it");
        }
        return kind;
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

    private static long sum(int[] counts) {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int positiveInt(Bundle bundle, Map<String, Object> params, BundleParams.Key<Long> key, int fallback) {
        Long value = param(bundle, params, key);
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new BundleException(bundle.dir(), key.name() + " = " + value + " must be a positive int");
        }
        return value.intValue();
    }

    private static double positive(Bundle bundle, Map<String, Object> params, BundleParams.Key<Double> key) {
        Double value = param(bundle, params, key);
        if (value == null || !(value > 0)) {
            throw new BundleException(bundle.dir(), key.name() + " = " + value
                    + " must be a number > 0 (the fold-in needs the trainer's value)");
        }
        return value;
    }

    private static <T> T param(Bundle bundle, Map<String, Object> params, BundleParams.Key<T> key) {
        try {
            return BundleParams.get(params, key);
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundle.dir(), e.getMessage());
        }
    }
}
