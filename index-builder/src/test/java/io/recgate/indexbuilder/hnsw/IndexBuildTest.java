package io.recgate.indexbuilder.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ann.BuildProgress;
import io.recgate.core.ann.HnswParams;
import io.recgate.core.ann.ItemVectors;
import io.recgate.core.ann.SearchResult;
import io.recgate.core.ann.SimilarItems;
import io.recgate.core.model.FactorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexBuildTest {

    private static final int DIMS = 16;

    /** Low-rank taste vectors; item norms scaled by a log-normal popularity factor. */
    private static float[] tasteRows(int count, double popularitySigma, long seed) {
        Random basisRandom = new Random(1);
        float[] basis = new float[DIMS * 4];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = (float) basisRandom.nextGaussian();
        }
        Random random = new Random(seed);
        float[] out = new float[count * DIMS];
        for (int r = 0; r < count; r++) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double scale = Math.exp(popularitySigma * random.nextGaussian());
            for (int d = 0; d < DIMS; d++) {
                double v = 0.3 * random.nextGaussian();
                for (int j = 0; j < 4; j++) {
                    v += basis[d * 4 + j] * z[j];
                }
                out[r * DIMS + d] = (float) (scale * v);
            }
        }
        return out;
    }

    private static FactorModel model(int users, int items) {
        return FactorModel.withoutBiases(DIMS, tasteRows(users, 0, 2), tasteRows(items, 0.6, 3));
    }

    private static HnswBuildConfig config() {
        return new HnswBuildConfig(HnswParams.DEFAULTS, 2, 300, 10, 0.95, false, List.of(10, 50, 100), 7L);
    }

    @Test
    void buildsTheRetrievalIndexAndMeasuresRecallAtTheDefaultEfAndTheSweep() throws InterruptedException {
        List<int[]> progress = new ArrayList<>();
        BuiltIndex built = IndexBuild.retrievalIndex(model(500, 3000), config(),
                (done, total) -> progress.add(new int[] {done, total}));

        assertEquals(3000, built.index().size());
        RecallReport report = built.recall();
        assertEquals("users", report.querySource());
        assertEquals(300, report.queries());
        assertEquals(10, report.k());
        assertEquals(HnswParams.DEFAULT_EF, report.atDefaultEf().ef());
        assertTrue(report.atDefaultEf().recall() >= 0.95, "recall " + report.atDefaultEf().recall());
        assertEquals(List.of(10, 50, 100), report.sweep().stream().map(RecallPoint::ef).toList());
        for (RecallPoint point : report.sweep()) {
            assertTrue(point.recall() > 0 && point.recall() <= 1, point.toString());
            assertTrue(point.meanLatencyMicros() > 0, point.toString());
        }
        // One measurement: the gate's point (the manifest's ann.latency_us) is the sweep's ef 50 point.
        assertSame(report.sweep().get(1), report.atDefaultEf());
        assertEquals(3000, progress.get(progress.size() - 1)[0]);
        assertEquals(3000, progress.get(progress.size() - 1)[1]);
    }

    @Test
    void measuresTheDefaultEfEvenWhenTheSweepLeavesItOut() throws InterruptedException {
        HnswBuildConfig sweepWithoutDefault = new HnswBuildConfig(HnswParams.DEFAULTS, 2, 100, 10, 0.95, false,
                List.of(20, 10), 7L);
        RecallReport report = IndexBuild.retrievalIndex(model(300, 1500), sweepWithoutDefault, BuildProgress.none())
                .recall();
        assertEquals(HnswParams.DEFAULT_EF, report.atDefaultEf().ef());
        assertTrue(report.atDefaultEf().meanLatencyMicros() > 0, report.atDefaultEf().toString());
        assertEquals(List.of(20, 10), report.sweep().stream().map(RecallPoint::ef).toList());

        RecallReport noSweep = IndexBuild.retrievalIndex(model(300, 1500),
                new HnswBuildConfig(HnswParams.DEFAULTS, 2, 100, 10, 0.95, false, List.of(), 7L),
                BuildProgress.none()).recall();
        assertEquals(HnswParams.DEFAULT_EF, noSweep.atDefaultEf().ef());
        assertEquals(List.of(), noSweep.sweep());
    }

    @Test
    void refusesAnIndexBelowTheRecallGateUnlessAllowed() throws InterruptedException {
        // hnswlib with graph search everywhere: on so few items both kinds would otherwise scan
        // most norm ranges exactly, and the gate would have nothing to refuse.
        HnswBuildConfig weak = config().withParams(new HnswParams(2, 1, 1, 0)).withKind(IndexKind.HNSWLIB);
        FactorModel model = model(300, 4000);

        RecallTooLowException e = assertThrows(RecallTooLowException.class,
                () -> IndexBuild.retrievalIndex(model, weak, BuildProgress.none()));
        assertTrue(e.getMessage().startsWith("HNSW recall@10 0."), e.getMessage());
        assertTrue(e.getMessage().contains("at ef 1 is below the required 0.9500 (300 queries from users)"), e.getMessage());
        assertTrue(e.report().atDefaultEf().recall() < 0.95);

        BuiltIndex allowed = IndexBuild.retrievalIndex(model, weak.withAllowLowRecall(true), BuildProgress.none());
        assertTrue(allowed.recall().atDefaultEf().recall() < 0.95);
    }

    @Test
    void measuresWithRandomQueriesWhenNoUserHasAVector() throws InterruptedException {
        FactorModel noUsers = FactorModel.withoutBiases(DIMS, new float[3 * DIMS], tasteRows(1000, 0.6, 4));
        BuiltIndex built = IndexBuild.retrievalIndex(noUsers, config(), BuildProgress.none());
        assertEquals("random", built.recall().querySource());
        assertEquals(300, built.recall().queries());
    }

    @Test
    void buildsASimilarItemsIndexThatFindsEachItemFirst() throws InterruptedException {
        FactorModel model = model(10, 2000);
        BuiltIndex built = IndexBuild.similarItemsIndex(model, config(), BuildProgress.none());
        assertEquals("items", built.recall().querySource());
        assertTrue(built.recall().atDefaultEf().recall() >= 0.95);

        float[] normalized = ItemVectors.normalizedRows(model.itemFactors(), DIMS);
        for (int item = 0; item < 2000; item += 199) {
            float[] query = new float[DIMS];
            System.arraycopy(normalized, item * DIMS, query, 0, DIMS);
            assertEquals(item, built.index().search(query, 1, HnswParams.DEFAULT_EF, null).items()[0]);
        }
        SearchResult similar = new SimilarItems(built.index(), normalized).similarTo(5, 10, HnswParams.DEFAULT_EF, null);
        assertEquals(10, similar.size());
    }

    @Test
    void refusesAModelWithoutItems() {
        FactorModel empty = FactorModel.withoutBiases(DIMS, new float[DIMS], new float[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexBuild.retrievalIndex(empty, config(), BuildProgress.none()));
        assertTrue(e.getMessage().contains("0 items"), e.getMessage());
    }

    @Test
    void configReportsEveryInvalidValueAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HnswBuildConfig(HnswParams.DEFAULTS, 0, 0, 10, 1.5, false, List.of(10, 0), 1L));
        assertEquals("invalid HNSW build config: threads 0 must be >= 1; recallQueries 0 must be >= 1; "
                + "minRecall 1.5 must be in [0, 1]; efSweep value 0 must be >= 1", e.getMessage());
    }
    @Test
    void buildsTheNativeIndexByDefaultAndHnswlibWhenAsked() throws InterruptedException {
        FactorModel model = model(300, 1500);
        BuiltIndex nativeIndex = IndexBuild.retrievalIndex(model, config(), BuildProgress.none());
        assertEquals("native", nativeIndex.index().kind());
        assertTrue(nativeIndex.recall().atDefaultEf().recall() >= 0.95);
        BuiltIndex hnswlib = IndexBuild.retrievalIndex(model, config().withKind(IndexKind.HNSWLIB), BuildProgress.none());
        assertEquals("hnswlib", hnswlib.index().kind());
        assertEquals(HnswParams.DEFAULTS, hnswlib.params());
        assertEquals(nativeIndex.partitionCount(), hnswlib.partitionCount());
    }

    @Test
    void aOneThreadNativeBuildIsByteForByteReproducible() throws InterruptedException {
        FactorModel model = model(300, 1500);
        HnswBuildConfig oneThread = new HnswBuildConfig(HnswParams.DEFAULTS, 1, 100, 10, 0.95, false, List.of(), 7L);
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream second = new java.io.ByteArrayOutputStream();
        IndexBuild.retrievalIndex(model, oneThread, BuildProgress.none()).save(first);
        IndexBuild.retrievalIndex(model, oneThread, BuildProgress.none()).save(second);
        org.junit.jupiter.api.Assertions.assertArrayEquals(first.toByteArray(), second.toByteArray());
    }

    @Test
    void indexKindNamesTheAcceptedValues() {
        assertEquals(IndexKind.NATIVE, IndexKind.of("native"));
        assertEquals(IndexKind.HNSWLIB, IndexKind.of("hnswlib"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexKind.of("faiss"));
        assertEquals("index kind 'faiss' is not one of native, hnswlib", e.getMessage());
    }
}
