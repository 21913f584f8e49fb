package io.recgate.indexbuilder.fm;

import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.MovieLensData;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.split.Splits;
import io.recgate.indexbuilder.split.UnknownTestRows;
import java.nio.file.Path;
import java.util.Optional;

/** ML-100K for the FM tests, through the real reader (side tokens included) and a given split. */
final class MovieLens100k {

    private MovieLens100k() {
    }

    /** Train (with catalogue and side features) and test, sharing id maps. */
    record Split(Dataset train, Dataset test) {
    }

    static Optional<Path> directory() {
        return MovieLensData.ml100k();
    }

    /** Loads split {@code name} (e.g. "u1"): {@code name.base} for training, {@code name.test} for testing. */
    static Split load(Path dir, String name) {
        ReadOptions options = ReadOptions.builder(dir).testSplit(name).build();
        Dataset all = DatasetReaders.read("movielens-100k", options, null).dataset();
        var test = Splits.withTestSet(all.interactions(),
                DatasetReaders.readTest("movielens-100k", options, null).dataset().interactions(),
                UnknownTestRows.FAIL).test();
        Dataset testSet = new Dataset(test, true, all.catalog(), all.userFeatures(), all.itemFeatures());
        return new Split(all, testSet);
    }
}
