package io.recgate.indexbuilder.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MovieLens 1M: a directory with {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp})
 * and optionally {@code movies.dat} ({@code MovieID::Title (Year)::Genre|Genre}, latin-1) and
 * {@code users.dat} ({@code UserID::Gender::Age::Occupation::Zip-code}, age and occupation as the
 * README's codes). Tokens as for MovieLens 100K; occupation codes are turned into their names.
 */
final class MovieLens1mReader implements FormatReader {

    static final String NAME = "movielens-1m";
    private static final InteractionRows.Layout RATINGS =
            new InteractionRows.Layout(4, 0, 1, 2, InteractionRows.ValueKind.RATING, 3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReadResult read(ReadOptions options, ProgressListener listener) {
        Path dir = MovieLensFiles.directory(options.path());
        Path ratings = dir.resolve("ratings.dat");
        Path movies = dir.resolve("movies.dat");
        Path users = dir.resolve("users.dat");
        ReadSession session = new ReadSession(options, listener, true, List.of(ratings, movies, users));
        try (DelimitedRecordReader in = session.open(ratings, StandardCharsets.ISO_8859_1, "::", false)) {
            session.readInteractions(in, RATINGS);
        }
        EntityTable itemTable = Files.exists(movies) ? readMovies(session, movies) : null;
        EntityTable userTable = Files.exists(users) ? readUsers(session, users) : null;
        return session.finish(ratings, userTable, itemTable);
    }

    @Override
    public ReadResult readTest(ReadOptions options, ProgressListener listener) {
        Path test = options.testFile();
        if (test == null) {
            throw new IllegalArgumentException(NAME + " has no standard test split: give a test file in ratings.dat layout");
        }
        ReadSession session = new ReadSession(options, listener, true, List.of(test));
        try (DelimitedRecordReader in = session.open(test, StandardCharsets.ISO_8859_1, "::", false)) {
            session.readInteractions(in, RATINGS);
        }
        return session.finish(test, null, null);
    }

    private static EntityTable readMovies(ReadSession session, Path file) {
        EntityTable table = new EntityTable();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.ISO_8859_1, "::", false)) {
            while (in.next()) {
                if (in.fieldCount() != 3) {
                    session.bad.report(file, in.line(), "expected 3 fields, found " + in.fieldCount(), in.text());
                    continue;
                }
                MovieRows.addMovie(session, table, in, in.field(0), in.field(1), in.field(2));
            }
        }
        return table;
    }

    private static EntityTable readUsers(ReadSession session, Path file) {
        EntityTable table = new EntityTable();
        List<String> tokens = new ArrayList<>();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.ISO_8859_1, "::", false)) {
            while (in.next()) {
                if (in.fieldCount() != 5) {
                    session.bad.report(file, in.line(), "expected 5 fields, found " + in.fieldCount(), in.text());
                    continue;
                }
                String id = in.field(0).trim();
                String gender = in.field(1).trim();
                String age = MovieLensTokens.ageCodeBucket(MovieLensFiles.smallInt(in.field(2)));
                String occupation = MovieLensTokens.occupation(MovieLensFiles.smallInt(in.field(3)));
                String problem = id.isEmpty() ? "empty user id"
                        : !gender.equals("M") && !gender.equals("F") ? "gender is not M or F"
                        : age == null ? "age is not one of the codes 1, 18, 25, 35, 45, 50, 56"
                        : occupation == null ? "occupation is not a code 0..20"
                        : table.claim(id, in.line());
                if (problem != null) {
                    session.bad.report(file, in.line(), problem, in.text());
                    continue;
                }
                tokens.clear();
                tokens.add(table.token("age", age));
                tokens.add(table.token("gender", gender));
                tokens.add(table.token("occupation", occupation));
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
