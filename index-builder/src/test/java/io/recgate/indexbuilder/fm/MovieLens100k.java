package io.recgate.indexbuilder.fm;

import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import io.recgate.indexbuilder.io.SideFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only loader of MovieLens 100K (u1.base / u1.test, u.user, u.item) into {@link Dataset}s that
 * share id maps, with side tokens: {@code age:<bin>}, {@code gender:}, {@code occupation:},
 * {@code zip:<first two characters>} for users; {@code genre:}, {@code year:<decade>s} for items.
 * The production readers live in the {@code io} package; this one only feeds the FM tests.
 */
final class MovieLens100k {

    private static final String[] GENRES = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
            "Sci-Fi", "Thriller", "War", "Western"};

    record Split(Dataset train, Dataset test) {
    }

    private MovieLens100k() {
    }

    /**
     * The data folder: system property {@code recgate.movielens.dir}, else the first
     * {@code shared/data/movielens/ml-100k} found walking up from the working directory.
     */
    static Optional<Path> directory() {
        String property = System.getProperty("recgate.movielens.dir");
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property);
            return Files.isRegularFile(dir.resolve("u1.base")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path dir = at.resolve("shared/data/movielens/ml-100k");
            if (Files.isRegularFile(dir.resolve("u1.base"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    static Split load(Path dir, String trainFile, String testFile) {
        List<String[]> userRows = lines(dir.resolve("u.user"), StandardCharsets.UTF_8);
        List<String[]> itemRows = lines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1);
        List<String> userIds = new ArrayList<>();
        List<List<String>> userTokens = new ArrayList<>();
        for (String[] f : userRows) {
            userIds.add(f[0]);
            String zip = f[4].length() >= 2 ? f[4].substring(0, 2) : f[4];
            userTokens.add(List.of("age:" + ageBin(Integer.parseInt(f[1])), "gender:" + f[2], "occupation:" + f[3],
                    "zip:" + zip));
        }
        List<String> itemIds = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<List<String>> categories = new ArrayList<>();
        List<List<String>> itemTokens = new ArrayList<>();
        for (String[] f : itemRows) {
            itemIds.add(f[0]);
            titles.add(f[1]);
            List<String> genres = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int g = 0; g < GENRES.length; g++) {
                if ("1".equals(f[5 + g])) {
                    genres.add(GENRES[g]);
                    tokens.add("genre:" + GENRES[g]);
                }
            }
            if (f[2].length() >= 4) {
                int year = Integer.parseInt(f[2].substring(f[2].length() - 4));
                tokens.add("year:" + (year / 10 * 10) + "s");
            }
            categories.add(genres);
            itemTokens.add(tokens);
        }
        IdMap users = IdMap.of(userIds);
        IdMap items = IdMap.of(itemIds);
        ItemCatalog catalog = new ItemCatalog(items, titles, categories);
        SideFeatures userFeatures = new SideFeatures(users, userTokens);
        SideFeatures itemFeatures = new SideFeatures(items, itemTokens);
        return new Split(
                new Dataset(ratings(dir.resolve(trainFile), users, items), true, catalog, userFeatures, itemFeatures),
                new Dataset(ratings(dir.resolve(testFile), users, items), true, catalog, userFeatures, itemFeatures));
    }

    private static String ageBin(int age) {
        if (age < 18) {
            return "<18";
        } else if (age < 25) {
            return "18-24";
        } else if (age < 35) {
            return "25-34";
        } else if (age < 45) {
            return "35-44";
        } else if (age < 50) {
            return "45-49";
        } else if (age < 56) {
            return "50-55";
        }
        return "56+";
    }

    private static Interactions ratings(Path file, IdMap users, IdMap items) {
        List<String> lines = read(file, StandardCharsets.UTF_8);
        int n = lines.size();
        int[] user = new int[n];
        int[] item = new int[n];
        float[] value = new float[n];
        long[] time = new long[n];
        for (int r = 0; r < n; r++) {
            String[] f = lines.get(r).split("\t");
            user[r] = users.indexOf(f[0]);
            item[r] = items.indexOf(f[1]);
            if (user[r] < 0 || item[r] < 0) {
                throw new IllegalStateException(file + ":" + (r + 1) + ": unknown user or item: " + lines.get(r));
            }
            value[r] = Float.parseFloat(f[2]);
            time[r] = Long.parseLong(f[3]);
        }
        return new Interactions(users, items, user, item, value, time);
    }

    private static List<String[]> lines(Path file, Charset charset) {
        List<String[]> rows = new ArrayList<>();
        for (String line : read(file, charset)) {
            rows.add(line.split("\\|", -1));
        }
        return rows;
    }

    private static List<String> read(Path file, Charset charset) {
        try {
            return Files.readAllLines(file, charset).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
