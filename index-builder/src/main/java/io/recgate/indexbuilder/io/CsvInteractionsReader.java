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
        ReadSession session = new ReadSession(options, listener, options.ratingColumn() != null, files);
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
        ReadSession session = new ReadSession(options, listener, options.ratingColumn() != null, List.of(test));
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
            InteractionRows.ValueKind kind = options.ratingColumn() != null ? InteractionRows.ValueKind.RATING
                    : options.weightColumn() != null ? InteractionRows.ValueKind.WEIGHT : InteractionRows.ValueKind.ONE;
            String valueColumn = options.ratingColumn() != null ? options.ratingColumn() : options.weightColumn();
            InteractionRows.Layout layout = new InteractionRows.Layout(header.size(), header.require(options.userColumn()),
                    header.require(options.itemColumn()), header.optional(valueColumn), kind,
                    header.optional(options.timestampColumn()));
            session.readInteractions(in, layout);
        }
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
