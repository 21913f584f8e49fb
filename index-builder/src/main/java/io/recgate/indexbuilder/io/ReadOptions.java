package io.recgate.indexbuilder.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to read and how, for {@link DatasetReaders#read}. Immutable; build with {@link #builder(Path)}.
 *
 * <p>{@code path} is a directory for the MovieLens formats and the interactions file for
 * {@code csv}. Which options each format reads:
 * <ul>
 *   <li>all formats: {@code skipBadRows}, {@code testFile} (a held-out file in the same layout as
 *       the ratings file, read by {@link DatasetReaders#readTest});</li>
 *   <li>{@code movielens-100k}: {@code testSplit} ({@code u1}..{@code u5}, {@code ua}, {@code ub}:
 *       training data from {@code <split>.base}, test data from {@code <split>.test});</li>
 *   <li>{@code csv}: {@code delimiter} (default from the extension: {@code .tsv} tab, otherwise
 *       comma), {@code userColumn}, {@code itemColumn}, at most one of {@code ratingColumn}
 *       (explicit data) and {@code weightColumn} (implicit data; with neither, every row weighs 1),
 *       {@code timestampColumn} (epoch seconds or ISO-8601). A column left null is looked up in the
 *       header by its default name, so the files {@code generate} and {@code export-events} write
 *       need no column options: user {@link #DEFAULT_USER_COLUMNS}, item
 *       {@link #DEFAULT_ITEM_COLUMNS} (the first present; one is required), value
 *       {@link #DEFAULT_RATING_COLUMN} (explicit) or else {@link #DEFAULT_WEIGHT_COLUMN} (implicit)
 *       when neither is named (a header with both is refused as ambiguous), timestamp
 *       {@link #DEFAULT_TIMESTAMP_COLUMN} when present. Then side-feature files
 *       {@code userFeatures} / {@code itemFeatures} with their id columns (default: the first
 *       column) and, for items, {@code itemTitleColumn} and {@code itemCategoriesColumn}.</li>
 * </ul>
 * Unset optional values are null.
 * The column getters return what was named, null for "the default": the csv reader resolves
 * defaults against each file's header.
 */
public final class ReadOptions {

    /** csv: the user id column when none is named, in order of preference (what generate writes first). */
    public static final List<String> DEFAULT_USER_COLUMNS = List.of("user_id", "user");
    /** csv: the item id column when none is named, in order of preference. */
    public static final List<String> DEFAULT_ITEM_COLUMNS = List.of("item_id", "item");
    /** csv: read as explicit ratings when present and neither a rating nor a weight column is named. */
    public static final String DEFAULT_RATING_COLUMN = "rating";
    /** csv: read as implicit weights when present, with no rating column, and none is named. */
    public static final String DEFAULT_WEIGHT_COLUMN = "weight";
    /** csv: read as timestamps when present and no timestamp column is named. */
    public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";

    private final Path path;
    private final String testSplit;
    private final Path testFile;
    private final String delimiter;
    private final String userColumn;
    private final String itemColumn;
    private final String ratingColumn;
    private final String weightColumn;
    private final String timestampColumn;
    private final Path userFeatures;
    private final String userFeaturesIdColumn;
    private final Path itemFeatures;
    private final String itemFeaturesIdColumn;
    private final String itemTitleColumn;
    private final String itemCategoriesColumn;
    private final boolean skipBadRows;

    private ReadOptions(Builder b) {
        this.path = Objects.requireNonNull(b.path, "path");
        this.testSplit = b.testSplit;
        this.testFile = b.testFile;
        this.delimiter = b.delimiter;
        this.userColumn = b.userColumn;
        this.itemColumn = b.itemColumn;
        this.ratingColumn = b.ratingColumn;
        this.weightColumn = b.weightColumn;
        this.timestampColumn = b.timestampColumn;
        this.userFeatures = b.userFeatures;
        this.userFeaturesIdColumn = b.userFeaturesIdColumn;
        this.itemFeatures = b.itemFeatures;
        this.itemFeaturesIdColumn = b.itemFeaturesIdColumn;
        this.itemTitleColumn = b.itemTitleColumn;
        this.itemCategoriesColumn = b.itemCategoriesColumn;
        this.skipBadRows = b.skipBadRows;
        if (ratingColumn != null && weightColumn != null) {
            throw new IllegalArgumentException("give a rating column or a weight column, not both: rating '"
                    + ratingColumn + "', weight '" + weightColumn + "'");
        }
        if (delimiter != null && delimiter.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
    }

    /** Options for data at {@code path} (a directory for MovieLens, the interactions file for csv). */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    public Path path() { return path; }
    public String testSplit() { return testSplit; }
    public Path testFile() { return testFile; }
    public String delimiter() { return delimiter; }
    public String userColumn() { return userColumn; }
    public String itemColumn() { return itemColumn; }
    public String ratingColumn() { return ratingColumn; }
    public String weightColumn() { return weightColumn; }
    public String timestampColumn() { return timestampColumn; }
    public Path userFeatures() { return userFeatures; }
    public String userFeaturesIdColumn() { return userFeaturesIdColumn; }
    public Path itemFeatures() { return itemFeatures; }
    public String itemFeaturesIdColumn() { return itemFeaturesIdColumn; }
    public String itemTitleColumn() { return itemTitleColumn; }
    public String itemCategoriesColumn() { return itemCategoriesColumn; }
    public boolean skipBadRows() { return skipBadRows; }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final Path path;
        private String testSplit;
        private Path testFile;
        private String delimiter;
        private String userColumn;
        private String itemColumn;
        private String ratingColumn;
        private String weightColumn;
        private String timestampColumn;
        private Path userFeatures;
        private String userFeaturesIdColumn;
        private Path itemFeatures;
        private String itemFeaturesIdColumn;
        private String itemTitleColumn;
        private String itemCategoriesColumn;
        private boolean skipBadRows;

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder testSplit(String name) { this.testSplit = name; return this; }
        public Builder testFile(Path file) { this.testFile = file; return this; }
        public Builder delimiter(String d) { this.delimiter = d; return this; }
        /** csv: the user id column; null (the default) for the first of {@link #DEFAULT_USER_COLUMNS} in the header. */
        public Builder userColumn(String name) { this.userColumn = name; return this; }
        /** csv: the item id column; null (the default) for the first of {@link #DEFAULT_ITEM_COLUMNS} in the header. */
        public Builder itemColumn(String name) { this.itemColumn = name; return this; }
        public Builder ratingColumn(String name) { this.ratingColumn = name; return this; }
        public Builder weightColumn(String name) { this.weightColumn = name; return this; }
        public Builder timestampColumn(String name) { this.timestampColumn = name; return this; }
        public Builder userFeatures(Path file) { this.userFeatures = file; return this; }
        public Builder userFeaturesIdColumn(String name) { this.userFeaturesIdColumn = name; return this; }
        public Builder itemFeatures(Path file) { this.itemFeatures = file; return this; }
        public Builder itemFeaturesIdColumn(String name) { this.itemFeaturesIdColumn = name; return this; }
        public Builder itemTitleColumn(String name) { this.itemTitleColumn = name; return this; }
        public Builder itemCategoriesColumn(String name) { this.itemCategoriesColumn = name; return this; }
        public Builder skipBadRows(boolean skip) { this.skipBadRows = skip; return this; }

        /** @throws IllegalArgumentException when both a rating and a weight column are named, or the delimiter is empty */
        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
