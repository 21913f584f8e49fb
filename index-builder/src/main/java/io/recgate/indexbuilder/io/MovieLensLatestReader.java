package io.recgate.indexbuilder.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MovieLens "latest" (and 20M/25M/32M): a directory with {@code ratings.csv}
 * ({@code userId,movieId,rating,timestamp}, header, half-star ratings) and optionally
 * {@code movies.csv} ({@code movieId,title,genres}, UTF-8, RFC 4180 quoting). No user features.
 */
final class MovieLensLatestReader implements FormatReader {

    static final String NAME = "movielens-latest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReadResult read(ReadOptions options, ProgressListener listener) {
        Path dir = MovieLensFiles.directory(options.path());
        Path ratings = dir.resolve("ratings.csv");
        Path movies = dir.resolve("movies.csv");
        ReadSession session = new ReadSession(options, listener, true, List.of(ratings, movies));
        readRatings(session, ratings);
        EntityTable itemTable = Files.exists(movies) ? readMovies(session, movies) : null;
        return session.finish(ratings, null, itemTable);
    }

    @Override
    public ReadResult readTest(ReadOptions options, ProgressListener listener) {
        Path test = options.testFile();
        if (test == null) {
            throw new IllegalArgumentException(NAME + " has no standard test split: give a test file in ratings.csv layout");
        }
        ReadSession session = new ReadSession(options, listener, true, List.of(test));
        readRatings(session, test);
        return session.finish(test, null, null);
    }

    private static void readRatings(ReadSession session, Path file) {
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.UTF_8, ",", true)) {
            Header header = Header.read(in);
            InteractionRows.Layout layout = new InteractionRows.Layout(header.size(), header.require("userId"),
                    header.require("movieId"), header.require("rating"), InteractionRows.ValueKind.RATING,
                    header.require("timestamp"));
            session.readInteractions(in, layout);
        }
    }

    private static EntityTable readMovies(ReadSession session, Path file) {
        EntityTable table = new EntityTable();
        try (DelimitedRecordReader in = session.open(file, StandardCharsets.UTF_8, ",", true)) {
            Header header = Header.read(in);
            int id = header.require("movieId");
            int title = header.require("title");
            int genres = header.require("genres");
            while (in.next()) {
                if (in.problem() != null) {
                    session.bad.report(file, in.line(), in.problem(), in.text());
                } else if (in.fieldCount() != header.size()) {
                    session.bad.report(file, in.line(), "expected " + header.size() + " fields, found " + in.fieldCount(),
                            in.text());
                } else {
                    MovieRows.addMovie(session, table, in, in.field(id), in.field(title), in.field(genres));
                }
            }
        }
        return table;
    }
}
