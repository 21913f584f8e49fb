package io.recgate.indexbuilder.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MovieLens 100K: a directory with {@code u.data} (or a named split's {@code .base}/{@code .test}),
 * and optionally {@code u.item} (latin-1, genres named by {@code u.genre}) and {@code u.user}.
 * Item tokens {@code genre:<Name>}, {@code year:<decade>}; user tokens {@code age:<bucket>},
 * {@code gender:<M|F>}, {@code occupation:<name>}, {@code zip:<prefix>}.
 */
final class MovieLens100kReader implements FormatReader {

    static final String NAME = "movielens-100k";
    private static final List<String> SPLITS = List.of("u1", "u2", "u3", "u4", "u5", "ua", "ub");
    private static final InteractionRows.Layout RATINGS =
            new InteractionRows.Layout(4, 0, 1, 2, InteractionRows.ValueKind.RATING, 3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReadResult read(ReadOptions options, ProgressListener listener) {
        Path dir = MovieLensFiles.directory(options.path());
        String split = checkedSplit(options.testSplit());
        Path ratings = dir.resolve(split == null ? "u.data" : split + ".base");
        Path genres = dir.resolve("u.genre");
        Path items = dir.resolve("u.item");
        Path users = dir.resolve("u.user");
        ReadSession session = new ReadSession(options, listener, true, List.of(ratings, genres, items, users));
        try (DelimitedRecordReader in = session.open(ratings, StandardCharsets.ISO_8859_1, "\t", false)) {
            session.readInteractions(in, RATINGS);
        }
        EntityTable itemTable = Files.exists(items) ? readItems(session, items, readGenres(session, genres)) : null;
        EntityTable userTable = Files.exists(users) ? readUsers(session, users) : null;
        return session.finish(ratings, userTable, itemTable);
    }

    @Override
    public ReadResult readTest(ReadOptions options, ProgressListener listener) {
        Path dir = MovieLensFiles.directory(options.path());
        String split = checkedSplit(options.testSplit());
        Path test = split != null ? dir.resolve(split + ".test") : options.testFile();
        if (test == null) {
            throw new IllegalArgumentException(NAME + " has no test data: give a test split (" + String.join(", ", SPLITS)
                    + ") or a test file");
        }
        ReadSession session = new ReadSession(options, listener, true, List.of(test));
        try (DelimitedRecordReader in = session.open(test, StandardCharsets.ISO_8859_1, "\t", false)) {
            session.readInteractions(in, RATINGS);
        }
        return session.finish(test, null, null);
    }

    private static String checkedSplit(String split) {
        if (split != null && !SPLITS.contains(split)) {
            throw new IllegalArgumentException("unknown " + NAME + " test split '" + split + "'; known splits: "
                    + String.join(", ", SPLITS));
        }
        return split;
    }

    private static String[] readGenres(ReadSession session, Path file) {
        if (!Files.exists(file)) {
            throw new DataFormatException(file, "file not found (it names the genre flags of u.item)");
        }
        List<String> names = new ArrayList<>();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.ISO_8859_1, "|", false)) {
            while (in.next()) {
                // u.genre lines are "name|index" in index order; anything else would misname every flag.
                if (in.fieldCount() != 2 || !in.field(1).trim().equals(Integer.toString(names.size()))) {
                    throw new DataFormatException(file, in.line(), "expected 'name|" + names.size() + "'", in.text());
                }
                names.add(in.field(0).trim());
            }
        }
        if (names.isEmpty()) {
            throw new DataFormatException(file, "no genres");
        }
        return names.toArray(new String[0]);
    }

    private static EntityTable readItems(ReadSession session, Path file, String[] genres) {
        EntityTable table = new EntityTable();
        int fields = 5 + genres.length;
        List<String> tokens = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.ISO_8859_1, "|", false)) {
            rows:
            while (in.next()) {
                if (in.fieldCount() != fields) {
                    session.bad.report(file, in.line(), "expected " + fields + " fields, found " + in.fieldCount(), in.text());
                    continue;
                }
                String id = in.field(0).trim();
                if (id.isEmpty()) {
                    session.bad.report(file, in.line(), "empty item id", in.text());
                    continue;
                }
                tokens.clear();
                categories.clear();
                for (int g = 0; g < genres.length; g++) {
                    String flag = in.field(5 + g).trim();
                    if (flag.equals("1")) {
                        categories.add(genres[g]);
                        tokens.add(table.token("genre", genres[g]));
                    } else if (!flag.equals("0")) {
                        session.bad.report(file, in.line(), "genre flag " + (g + 1) + " is not 0 or 1", in.text());
                        continue rows;
                    }
                }
                String date = in.field(2).trim();
                if (!date.isEmpty()) {
                    int year = yearOfDate(date);
                    if (year < 0) {
                        session.bad.report(file, in.line(), "release date is not dd-Mon-yyyy", in.text());
                        continue;
                    }
                    tokens.add(table.token("year", MovieLensTokens.decade(year)));
                }
                String duplicate = table.claim(id, in.line());
                if (duplicate != null) {
                    session.bad.report(file, in.line(), duplicate, in.text());
                    continue;
                }
                table.title(id, in.field(1).trim());
                table.categories(id, categories);
                table.tokens(id, tokens);
            }
        }
        return table;
    }

    /** The year of {@code 01-Jan-1995}, or -1 when the text has another shape. */
    private static int yearOfDate(String date) {
        int dash = date.lastIndexOf('-');
        String year = date.substring(dash + 1);
        if (dash <= 0 || year.length() != 4) {
            return -1;
        }
        for (int i = 0; i < 4; i++) {
            if (!Character.isDigit(year.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(year);
    }

    private static EntityTable readUsers(ReadSession session, Path file) {
        EntityTable table = new EntityTable();
        List<String> tokens = new ArrayList<>();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.ISO_8859_1, "|", false)) {
            while (in.next()) {
                if (in.fieldCount() != 5) {
                    session.bad.report(file, in.line(), "expected 5 fields, found " + in.fieldCount(), in.text());
                    continue;
                }
                String id = in.field(0).trim();
                int age = MovieLensFiles.smallInt(in.field(1));
                String gender = in.field(2).trim();
                String occupation = in.field(3).trim();
                if (id.isEmpty()) {
                    session.bad.report(file, in.line(), "empty user id", in.text());
                    continue;
                }
                if (age < 0) {
                    session.bad.report(file, in.line(), "age is not a whole number", in.text());
                    continue;
                }
                if (!gender.equals("M") && !gender.equals("F")) {
                    session.bad.report(file, in.line(), "gender is not M or F", in.text());
                    continue;
                }
                String duplicate = table.claim(id, in.line());
                if (duplicate != null) {
                    session.bad.report(file, in.line(), duplicate, in.text());
                    continue;
                }
                tokens.clear();
                tokens.add(table.token("age", MovieLensTokens.ageBucket(age)));
                tokens.add(table.token("gender", gender));
                if (!occupation.isEmpty()) {
                    tokens.add(table.token("occupation", occupation));
                }
                String zip = MovieLensTokens.zipPrefix(in.field(4));
                if (zip != null) {
                    tokens.add(table.token("zip", zip));
                }
                table.tokens(id, tokens);
            }
        }
        return table;
    }
}
