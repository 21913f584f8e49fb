package io.recgate.core.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundleParamsTest {

    @Test
    void readsTypedValuesAsTheManifestStoresThem() {
        Map<String, Object> params = Map.of("ann.ef", 64L, "implicit-als.lambda", 30L, "implicit-als.alpha", 2.5,
                "rerank.model", "ranking-fm", "data.explicit", true);
        assertEquals(64L, BundleParams.get(params, BundleParams.ANN_EF));
        // An integral lambda comes back from JSON as a Long: a Double key accepts any number.
        assertEquals(30.0, BundleParams.get(params, BundleParams.IMPLICIT_ALS_LAMBDA));
        assertEquals(2.5, BundleParams.get(params, BundleParams.IMPLICIT_ALS_ALPHA));
        assertEquals("ranking-fm", BundleParams.get(params, BundleParams.RERANKER));
        assertEquals(true, BundleParams.get(params, BundleParams.DATA_EXPLICIT));
        assertNull(BundleParams.get(params, BundleParams.SIMILAR_EF));
        assertEquals(50L, BundleParams.get(params, BundleParams.SIMILAR_EF, 50L));
    }

    @Test
    void refusesAValueOfTheWrongTypeNamingKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleParams.get(Map.of("ann.ef", "fifty"), BundleParams.ANN_EF));
        assertEquals("manifest param ann.ef = fifty is a String, expected Long", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BundleParams.get(Map.of("ann.ef", 50.5), BundleParams.ANN_EF));
        assertTrue(e.getMessage().contains("ann.ef = 50.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BundleParams.get(Map.of("rerank.model", 3L), BundleParams.RERANKER));
    }

    @Test
    void everyKeyIsListedOnceAndEveryRerankerParses() {
        Set<String> names = new HashSet<>();
        for (BundleParams.Key<?> key : BundleParams.ALL) {
            assertTrue(names.add(key.name()), "listed twice: " + key.name());
        }
        for (RerankerKind kind : RerankerKind.values()) {
            assertEquals(kind, RerankerKind.parse(kind.cliName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RerankerKind.parse("deep"));
        assertEquals("unknown reranker 'deep'; known: none, ranking-fm, fm", e.getMessage());
    }
}
