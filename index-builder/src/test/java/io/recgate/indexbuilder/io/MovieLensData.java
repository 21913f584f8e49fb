package io.recgate.indexbuilder.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared MovieLens 100K directory for tests: system property
 * {@code recgate.movielens.dir}, else {@code shared/data/movielens/ml-100k} beside the repository
 * (found by walking up from the working directory). The data is never copied into the repository.
 * Missing data skips a test on a developer's machine and fails it in CI.
 */
public final class MovieLensData {

    private MovieLensData() {
    }

    /** The directory, or empty with the reason printed to stdout. */
    public static Optional<Path> ml100k() {
        String property = System.getProperty("recgate.movielens.dir");
        if (property != null) {
            Path dir = Path.of(property);
            if (Files.isRegularFile(dir.resolve("u.data"))) {
                return Optional.of(dir);
            }
            return missing("recgate.movielens.dir=" + property + " has no u.data");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared/data/movielens/ml-100k");
            if (Files.isRegularFile(dir.resolve("u.data"))) {
                return Optional.of(dir);
            }
        }
        return missing("no shared/data/movielens/ml-100k above " + Path.of("").toAbsolutePath()
                + " and recgate.movielens.dir is not set");
    }

    /**
     * Outside CI the real-data tests are skipped with the reason printed; in CI ({@code CI=true})
     * they fail, so a run that lost the data cannot pass quietly.
     */
    private static Optional<Path> missing(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("MovieLens 100K is required when CI=true: " + reason);
        }
        System.out.println("skipping MovieLens 100K test: " + reason);
        return Optional.empty();
    }
}
