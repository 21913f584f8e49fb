package io.recgate.gateway.recommend;

import io.recgate.core.bundle.BundleException;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleMetadata;
import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.core.bundle.FactorModelFiles;
import io.recgate.core.model.FactorModel;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a verified bundle into what requests use (core's ServableBundle, through the gateway's test bundles). */
class ServableBundleTest {

    @TempDir
    Path root;

    @Test
    void loadsIdsCategoriesSeenItemsAndTheFmMapping() throws Exception {
        String version = TestBundles.publish(root, true, true, 3);
        ServableBundle b = ServableBundle.load(BundleRoot.at(root).openCurrent());
        assertEquals(version, b.version());
        assertEquals(TestBundles.ITEMS, b.items().size());
        assertEquals(TestBundles.USERS, b.users().size());
        assertEquals(TestBundles.ITEMS / 3, b.category("B").cardinality());
        assertTrue(b.category("B").get(4));
        assertNull(b.category("Z"));
        assertEquals(TestBundles.SEEN_PER_USER, b.seenEnd(7) - b.seenStart(7));
        assertEquals(TestBundles.seen(7)[0], b.seenItems()[b.seenStart(7)]);
        assertNotNull(b.ratingFm());
        assertEquals(17, b.ratingFm().fmItem(17));
        assertEquals(RerankerKind.RATING_FM, b.reranker());
        assertTrue(b.foldIn().isImplicit());
        assertEquals(4f, b.eventValue(4.0));
        assertEquals(1f, b.eventValue(null));
        assertEquals(20, b.retrievalEf());
        b.warm(3);
    }

    @Test
    void aBundleWithoutTheRetrievalIndexCannotServe() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.addLines(BundleFiles.USER_IDS, List.of("u0"));
            writer.addLines(BundleFiles.ITEM_IDS, List.of("i0", "i1"));
            writer.addLines(BundleFiles.ITEMS, List.of("{\"id\":\"i0\"}", "{\"id\":\"i1\"}"));
            FactorModelFiles.write(writer, FactorModel.withoutBiases(2, new float[] {1, 0}, new float[] {1, 0, 0, 1}));
            writer.publish(new BundleMetadata(2, BundleMetadata.METRIC_INNER_PRODUCT, 1, 2,
                    Map.of("retrieval.model", "als"), Map.of()));
        }
        BundleException e = assertThrows(BundleException.class, () -> ServableBundle.load(BundleRoot.at(root).openCurrent()));
        assertTrue(e.getMessage().contains("missing " + BundleFiles.HNSW_INDEX), e.getMessage());
    }
}
