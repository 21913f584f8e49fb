package io.recgate.indexbuilder.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.DatasetReaders;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.MovieLensData;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.io.ReadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RealMovieLens100kSplitTest {

    private static Path dir() {
        Optional<Path> dir = MovieLensData.ml100k();
        assumeTrue(dir.isPresent(), "MovieLens 100K not found (see stdout)");
        return dir.get();
    }

    @Test
    void readsAllOfMovieLens100k() {
        ReadResult r = DatasetReaders.read("movielens-100k", ReadOptions.builder(dir()).build(), null);
        Dataset d = r.dataset();
        assertEquals(100_000, d.interactions().size());
        assertEquals(943, d.interactions().users().size());
        assertEquals(1682, d.interactions().items().size());
        assertEquals(0, r.skippedRows());
        assertEquals(0, r.duplicatesMerged());
        int misérables = d.interactions().items().indexOf("543");
        assertTrue(d.catalog().titles().get(misérables).contains("Misérables"), d.catalog().titles().get(misérables));
        assertEquals(List.of("Drama", "Musical"), d.catalog().categories().get(misérables));
        assertEquals(List.of("age:18-24", "gender:M", "occupation:technician", "zip:8"),
                d.userFeatures().of(d.interactions().users().indexOf("1")));
        assertEquals(List.of("genre:unknown"), d.itemFeatures().of(d.interactions().items().indexOf("267")));
    }

    @Test
    void splitsU1KeepingTestRowsOfCatalogueItemsNobodyRatedInTraining() {
        ReadOptions options = ReadOptions.builder(dir()).testSplit("u1").build();
        Interactions train = DatasetReaders.read("movielens-100k", options, null).dataset().interactions();
        Interactions test = DatasetReaders.readTest("movielens-100k", options, null).dataset().interactions();
        assertEquals(80_000, train.size());
        assertEquals(20_000, test.size());
        assertEquals(1_682, train.items().size(), "every u.item entry is a known item");
        Split split = Splits.withTestSet(train, test, UnknownTestRows.FAIL);
        assertEquals(20_000, split.test().size());
        assertEquals(0, split.droppedTestRows());
        assertTrue(split.train() == train);
        boolean[] rated = new boolean[train.items().size()];
        for (int r = 0; r < train.size(); r++) {
            rated[train.item(r)] = true;
        }
        int coldRows = 0;
        for (int r = 0; r < split.test().size(); r++) {
            coldRows += rated[split.test().item(r)] ? 0 : 1;
        }
        assertEquals(32, coldRows, "u1.test rows about items without a u1.base rating (e.g. item 599)");
    }
}
