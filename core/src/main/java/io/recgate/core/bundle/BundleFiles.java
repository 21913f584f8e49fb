package io.recgate.core.bundle;

import java.util.Map;

/**
 * Names and shapes of the well-known bundle files, shared by the index builder (writer) and the
 * gateway (reader). A bundle need not contain every file; when it contains one of these, the reader
 * checks the shape recorded in the manifest against the manifest's dims and counts
 * ({@link Bundle#open} refuses a mismatch) and the writer refuses to publish a mismatch.
 *
 * <p>File names are flat (no directories), must not start with '.', and must not be
 * {@link #MANIFEST}.
 */
public final class BundleFiles {

    /** The manifest; written last by the publisher, never listed in itself. */
    public static final String MANIFEST = "manifest.json";
    /** User factors: float32, userCount × dims, row u = dense user index u. */
    public static final String USER_FACTORS = "user_factors.f32";
    /** Item factors: float32, itemCount × dims, row i = dense item index i. */
    public static final String ITEM_FACTORS = "item_factors.f32";
    /** Per-user biases: float32, userCount × 1 (zeros for implicit models). */
    public static final String USER_BIAS = "user_bias.f32";
    /** Per-item biases: float32, itemCount × 1 (zeros for implicit models). */
    public static final String ITEM_BIAS = "item_bias.f32";
    /** Global mean: float32, 1 × 1 (zero for implicit models). */
    public static final String GLOBAL_BIAS = "global_bias.f32";
    /** External user ids in dense index order, one per line (UTF-8); userCount lines. */
    public static final String USER_IDS = "user_ids.txt";
    /** External item ids in dense index order, one per line (UTF-8); itemCount lines. */
    public static final String ITEM_IDS = "item_ids.txt";
    /** Item metadata, one JSON object per item in dense index order; itemCount lines. */
    public static final String ITEMS = "items.jsonl";
    /** Dense item indices, most popular first: int32, n × 1 with n &lt;= itemCount. */
    public static final String POPULARITY = "popularity.i32";
    /** The factorization machine model; format owned by {@code io.recgate.core.fm}. */
    public static final String FM_MODEL = "fm_model.bin";
    /**
     * The ranking FM reranker (an FM over the same feature layout plus the retrieval features);
     * format owned by {@code io.recgate.core.fm.RankingFmModel}.
     */
    public static final String RANKING_FM_MODEL = "ranking_fm.bin";
    /** The HNSW graph over item factors; format owned by {@code io.recgate.core.ann}. */
    public static final String HNSW_INDEX = "hnsw_index.bin";
    /** The item-to-item (cosine) index; format owned by {@code io.recgate.core.ann}. */
    public static final String SIMILAR_INDEX = "similar_index.bin";
    /** Training interactions per item: int32, itemCount × 1. */
    public static final String ITEM_COUNTS = "item_counts.i32";
    /**
     * The items each user interacted with in training, as CSR: offsets int32 (userCount + 1) × 1,
     * user u's items are {@link #SEEN_ITEMS}[offsets[u] .. offsets[u+1]).
     */
    public static final String SEEN_OFFSETS = "seen_offsets.i32";
    /** Item indices of the CSR in {@link #SEEN_OFFSETS}: int32, n × 1. */
    public static final String SEEN_ITEMS = "seen_items.i32";
    /** Interaction values (rating or weight) aligned with {@link #SEEN_ITEMS}: float32, n × 1. */
    public static final String SEEN_VALUES = "seen_values.f32";

    private BundleFiles() {
    }

    /**
     * Why {@code name} cannot be a bundle file name, or null when it can: empty, longer than 200
     * characters, a path separator, a control character, a leading '.', "." or "..", or the manifest.
     */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "an empty file name";
        }
        if (name.length() > 200) {
            return "file name '" + name.substring(0, 40) + "...' longer than 200 characters";
        }
        if (name.equals(MANIFEST)) {
            return "the reserved file name " + MANIFEST;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f) {
                return "file name '" + name.replace("\n", "\\n") + "' with a path separator or control character";
            }
        }
        if (name.startsWith(".")) {
            return "file name '" + name + "' starting with '.' (hidden names are reserved)";
        }
        return null;
    }

    /** The first shape inconsistency between well-known files and the manifest's counts, or null. */
    static String shapeProblem(Map<String, FileEntry> files, BundleMetadata meta) {
        String p;
        if ((p = matrix(files, USER_FACTORS, meta.userCount(), "userCount", meta.dims(), "dims")) != null
                || (p = matrix(files, ITEM_FACTORS, meta.itemCount(), "itemCount", meta.dims(), "dims")) != null
                || (p = matrix(files, USER_BIAS, meta.userCount(), "userCount", 1, "1")) != null
                || (p = matrix(files, ITEM_BIAS, meta.itemCount(), "itemCount", 1, "1")) != null
                || (p = matrix(files, GLOBAL_BIAS, 1, "1", 1, "1")) != null
                || (p = lines(files, USER_IDS, meta.userCount(), "userCount")) != null
                || (p = lines(files, ITEM_IDS, meta.itemCount(), "itemCount")) != null
                || (p = lines(files, ITEMS, meta.itemCount(), "itemCount")) != null) {
            return p;
        }
        FileEntry popularity = files.get(POPULARITY);
        if (popularity != null && (popularity.kind() != FileKind.I32 || popularity.cols() != 1
                || popularity.rows() > meta.itemCount())) {
            return POPULARITY + " is " + describe(popularity) + ", expected i32 n x 1 with n <= itemCount "
                    + meta.itemCount();
        }
        return null;
    }

    private static String matrix(Map<String, FileEntry> files, String name, long rows, String rowsName,
                                 int cols, String colsName) {
        FileEntry f = files.get(name);
        if (f == null || f.kind() == FileKind.F32 && f.rows() == rows && f.cols() == cols) {
            return null;
        }
        return name + " is " + describe(f) + ", expected f32 " + rows + " x " + cols + " (" + rowsName + " x "
                + colsName + ")";
    }

    private static String lines(Map<String, FileEntry> files, String name, long rows, String rowsName) {
        FileEntry f = files.get(name);
        if (f == null || f.rows() == -1 && !f.kind().isArray() || f.rows() == rows && !f.kind().isArray()) {
            return null;
        }
        return name + " is " + describe(f) + ", expected " + rows + " lines (" + rowsName + ")";
    }

    private static String describe(FileEntry f) {
        if (f.kind().isArray()) {
            return f.kind().label() + " " + f.rows() + " x " + f.cols();
        }
        return f.kind().label() + (f.rows() >= 0 ? " with " + f.rows() + " lines" : "");
    }
}
