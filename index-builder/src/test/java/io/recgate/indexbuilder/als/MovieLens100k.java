package io.recgate.indexbuilder.als;

import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Interactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

/**
 * Test-only loader for a MovieLens 100K split (tab-separated user, item, rating, timestamp), until
 * the real readers in {@code io} land. Train and test share one pair of id maps, train ids first.
 */
record MovieLens100k(Interactions train, Interactions test) {

    static final String PROPERTY = "recgate.movielens.dir";
    private static final Path RELATIVE = Paths.get("shared", "data", "movielens", "ml-100k");

    /**
     * The data folder: system property {@value #PROPERTY} if set, else the first
     * {@code shared/data/movielens/ml-100k} found walking up from the working directory.
     */
    static Optional<Path> locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured);
            return Files.isRegularFile(dir.resolve("u1.base")) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve("u1.base"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why the ML-100K tests are skipped, for the assumption message. */
    static String missingReason() {
        return "MovieLens 100K not found (set -D" + PROPERTY + " or place it at ../shared/data/movielens/ml-100k)";
    }

    static MovieLens100k load(Path dir, String split) {
        List<String> trainLines = readLines(dir.resolve(split + ".base"));
        List<String> testLines = readLines(dir.resolve(split + ".test"));
        IdMap.Builder users = new IdMap.Builder();
        IdMap.Builder items = new IdMap.Builder();
        int[][] trainColumns = parse(trainLines, users, items);
        int[][] testColumns = parse(testLines, users, items);
        IdMap userMap = users.build();
        IdMap itemMap = items.build();
        return new MovieLens100k(toInteractions(userMap, itemMap, trainColumns),
                toInteractions(userMap, itemMap, testColumns));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Columns user, item, rating, timestamp (the last as int seconds, fine until 2038). */
    private static int[][] parse(List<String> lines, IdMap.Builder users, IdMap.Builder items) {
        int n = lines.size();
        int[][] columns = new int[4][n];
        for (int r = 0; r < n; r++) {
            String[] fields = lines.get(r).split("\t");
            columns[0][r] = users.intern(fields[0]);
            columns[1][r] = items.intern(fields[1]);
            columns[2][r] = Integer.parseInt(fields[2]);
            columns[3][r] = Integer.parseInt(fields[3]);
        }
        return columns;
    }

    private static Interactions toInteractions(IdMap users, IdMap items, int[][] columns) {
        int n = columns[0].length;
        float[] value = new float[n];
        long[] timestamp = new long[n];
        for (int r = 0; r < n; r++) {
            value[r] = columns[2][r];
            timestamp[r] = columns[3][r];
        }
        return new Interactions(users, items, columns[0], columns[1], value, timestamp);
    }
}
