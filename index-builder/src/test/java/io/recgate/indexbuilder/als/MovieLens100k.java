package io.recgate.indexbuilder.als;

import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.MovieLensData;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.split.Splits;
import io.recgate.indexbuilder.split.UnknownTestRows;
import java.nio.file.Path;
import java.util.Optional;

/** ML-100K ratings for the ALS tests, through the real reader and a given split; shared id maps. */
record MovieLens100k(Interactions train, Interactions test) {

    static Optional<Path> locate() {
        return MovieLensData.ml100k();
    }

    /** Why the ML-100K tests are skipped, for the assumption message. */
    static String missingReason() {
        return "MovieLens 100K not found (set -Drecgate.movielens.dir or place it at ../shared/data/movielens/ml-100k)";
    }

    static MovieLens100k load(Path dir, String split) {
        ReadOptions options = ReadOptions.builder(dir).testSplit(split).build();
        Interactions train = DatasetReaders.read("movielens-100k", options, null).dataset().interactions();
        Interactions test = DatasetReaders.readTest("movielens-100k", options, null).dataset().interactions();
        return new MovieLens100k(train, Splits.withTestSet(train, test, UnknownTestRows.FAIL).test());
    }
}
