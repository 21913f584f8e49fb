package io.recgate.indexbuilder.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generic CSV/TSV interactions (UTF-8, header line, RFC 4180 quoting) with columns chosen by name,
 * and optional side-feature files for users and items: a header, an id column, every other column
 * turned into {@code column:value} tokens (cells split on {@code |}, empty cells give none); for
 * items a title column (catalog only) and a categories column (catalog and tokens).
 */
final class CsvInteractionsReader implements FormatReader {

    static final String NAME = "csv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReadResult read(ReadOptions options, ProgressListener listener) {
        List<Path> files = new ArrayList<>();
        files.add(options.path());
        files.add(options.userFeatures());
        files.add(options.itemFeatures());
        ReadSession session = new ReadSession(options, listener, explicit(options, options.path()), files);
        readInteractions(session, options, options.path());
        EntityTable users = options.userFeatures() == null ? null
                : readFeatures(session, options, options.userFeatures(), options.userFeaturesIdColumn(), null, null);
        EntityTable items = options.itemFeatures() == null ? null
                : readFeatures(session, options, options.itemFeatures(), options.itemFeaturesIdColumn(),
                        options.itemTitleColumn(), options.itemCategoriesColumn());
        return session.finish(options.path(), users, items);
    }

    @Override
    public ReadResult readTest(ReadOptions options, ProgressListener listener) {
        Path test = options.testFile();
        if (test == null) {
            throw new IllegalArgumentException(NAME + " has no test data: give a test file with the same columns");
        }
        ReadSession session = new ReadSession(options, listener, explicit(options, test), List.of(test));
        readInteractions(session, options, test);
        return session.finish(test, null, null);
    }

    /** The delimiter asked for ({@code tab} and {@code \t} mean a tab), or the one the extension implies. */
    static String delimiter(ReadOptions options, Path file) {
        String d = options.delimiter();
        if (d != null) {
            return d.equals("tab") || d.equals("\\t") ? "\t" : d;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tsv") || name.endsWith(".tab") ? "\t" : ",";
    }

    private static void readInteractions(ReadSession session, ReadOptions options, Path file) {
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.UTF_8, delimiter(options, file), true)) {
            Header header = Header.read(in);
            ValueColumn value = valueColumn(options, header, file);
            InteractionRows.Layout layout = new InteractionRows.Layout(header.size(),
                    idColumn(options.userColumn(), ReadOptions.DEFAULT_USER_COLUMNS, "user", header, file),
                    idColumn(options.itemColumn(), ReadOptions.DEFAULT_ITEM_COLUMNS, "item", header, file),
                    header.optional(value.name()), value.kind(),
                    header.optional(options.timestampColumn() != null ? options.timestampColumn()
                            : present(header, ReadOptions.DEFAULT_TIMESTAMP_COLUMN)));
            session.readInteractions(in, layout);
        }
    }

    /** The value column of an interactions file and how to read it; {@code name} null for none. */
    private record ValueColumn(String name, InteractionRows.ValueKind kind) {
    }

    /**
     * The named rating or weight column, else the default one the header has (see {@link ReadOptions}).
     *
     * @throws DataFormatException when neither is named and the header has both defaults
     */
    private static ValueColumn valueColumn(ReadOptions options, Header header, Path file) {
        if (options.ratingColumn() != null) {
            return new ValueColumn(options.ratingColumn(), InteractionRows.ValueKind.RATING);
        }
        if (options.weightColumn() != null) {
            return new ValueColumn(options.weightColumn(), InteractionRows.ValueKind.WEIGHT);
        }
        String rating = present(header, ReadOptions.DEFAULT_RATING_COLUMN);
        String weight = present(header, ReadOptions.DEFAULT_WEIGHT_COLUMN);
        if (rating != null && weight != null) {
            throw new DataFormatException(file, "the header has both a '" + rating + "' and a '" + weight
                    + "' column; name the one to read with --rating-column or --weight-column");
        }
        return rating != null ? new ValueColumn(rating, InteractionRows.ValueKind.RATING)
                : weight != null ? new ValueColumn(weight, InteractionRows.ValueKind.WEIGHT)
                : new ValueColumn(null, InteractionRows.ValueKind.ONE);
    }

    /**
     * True when {@code file} is read as explicit ratings: a rating column is named, or neither a
     * rating nor a weight column is and the header has the default rating column (which costs one
     * read of the header).
     */
    private static boolean explicit(ReadOptions options, Path file) {
        if (options.ratingColumn() != null || options.weightColumn() != null) {
            return options.ratingColumn() != null;
        }
        try (DelimitedRecordReader in = new DelimitedRecordReader(file, StandardCharsets.UTF_8, delimiter(options, file),
                true, new ByteProgress(null, List.of()))) {
            return valueColumn(options, Header.read(in), file).kind() == InteractionRows.ValueKind.RATING;
        }
    }

    /** The position of the named id column, else of the first default name the header has. */
    private static int idColumn(String named, List<String> defaults, String what, Header header, Path file) {
        if (named != null) {
            return header.require(named);
        }
        for (String name : defaults) {
            String found = present(header, name);
            if (found != null) {
                return header.require(found);
            }
        }
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            columns.add(header.name(c));
        }
        throw new DataFormatException(file, "no " + what + " id column: the header has none of '"
                + String.join("', '", defaults) + "' (columns: " + String.join(", ", columns) + "); name it with --"
                + what + "-column");
    }

    /** {@code name} when the header has that column, else null. */
    private static String present(Header header, String name) {
        for (int c = 0; c < header.size(); c++) {
            if (header.name(c).equals(name)) {
                return name;
            }
        }
        return null;
    }

    private static EntityTable readFeatures(ReadSession session, ReadOptions options, Path file, String idColumn,
                                            String titleColumn, String categoriesColumn) {
        EntityTable table = new EntityTable();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.UTF_8, delimiter(options, file), true)) {
            Header header = Header.read(in);
            int id = idColumn == null ? 0 : header.require(idColumn);
            int title = header.optional(titleColumn);
            int categories = header.optional(categoriesColumn);
            List<String> tokens = new ArrayList<>();
            List<String> cats = new ArrayList<>();
            while (in.next()) {
                if (in.problem() != null) {
                    session.bad.report(file, in.line(), in.problem(), in.text());
                    continue;
                }
                if (in.fieldCount() != header.size()) {
                    session.bad.report(file, in.line(), "expected " + header.size() + " fields, found " + in.fieldCount(),
                            in.text());
                    continue;
                }
                String key = in.field(id).trim();
                String problem = key.isEmpty() ? "empty id" : table.claim(key, in.line());
                if (problem != null) {
                    session.bad.report(file, in.line(), problem, in.text());
                    continue;
                }
                tokens.clear();
                cats.clear();
                for (int c = 0; c < header.size(); c++) {
                    if (c == id || c == title) {
                        continue;
                    }
                    for (String v : in.field(c).split("\\|")) {
                        String value = v.trim();
                        if (!value.isEmpty()) {
                            tokens.add(table.token(header.name(c), value));
                            if (c == categories) {
                                cats.add(value);
                            }
                        }
                    }
                }
                table.tokens(key, tokens);
                table.categories(key, cats);
                if (title >= 0) {
                    table.title(key, in.field(title).trim());
                }
            }
        }
        return table;
    }
}
