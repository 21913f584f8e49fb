package io.recgate.indexbuilder.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A movie row of ML-1M and ML-latest ({@code id, "Title (Year)", "Genre|Genre"}): catalog title and
 * categories, tokens {@code genre:<Name>} and {@code year:<decade>} (the year taken from the title).
 */
final class MovieRows {

    /** ML-latest's marker for a movie without genres. */
    private static final String NO_GENRES = "(no genres listed)";

    private MovieRows() {
    }

    static void addMovie(ReadSession session, EntityTable table, DelimitedRecordReader in, String rawId,
                         String rawTitle, String rawGenres) {
        String id = rawId.trim();
        if (id.isEmpty()) {
            session.bad.report(in.file(), in.line(), "empty item id", in.text());
            return;
        }
        String duplicate = table.claim(id, in.line());
        if (duplicate != null) {
            session.bad.report(in.file(), in.line(), duplicate, in.text());
            return;
        }
        String title = rawTitle.trim();
        List<String> categories = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String genres = rawGenres.trim();
        if (!genres.isEmpty() && !genres.equals(NO_GENRES)) {
            for (String g : genres.split("\\|")) {
                String name = g.trim();
                if (!name.isEmpty()) {
                    categories.add(name);
                    tokens.add(table.token("genre", name));
                }
            }
        }
        int year = MovieLensTokens.yearFromTitle(title);
        if (year >= 0) {
            tokens.add(table.token("year", MovieLensTokens.decade(year)));
        }
        table.title(id, title);
        table.categories(id, categories);
        table.tokens(id, tokens);
    }
}
