package io.recgate.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.recgate.kernels.VectorKernels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HnswlibIndexTest {

    private static final int DIMS = 32;
    private static final int ITEMS = 4000;
    private static final int QUERIES = 200;

    private static float[] items;
    private static float[] users;
    private static HnswlibIndex built;
    private static HnswlibIndex index;
    private static ExactIndex exact;

    @BeforeAll
    static void buildOnce() throws InterruptedException {
        TasteData data = new TasteData(DIMS, 8, 42);
        items = data.items(ITEMS);
        users = data.users(QUERIES);
        built = HnswlibIndex.build(items, DIMS, HnswParams.DEFAULTS, 2, BuildProgress.none());
        // 4,000 x 32 floats would be scanned exactly everywhere; most tests are about the graphs.
        index = built.graphsOnly();
        exact = new ExactIndex(items, DIMS);
    }

    @Test
    void rangesSmallEnoughForAPackedScanAnswerExactlyWithAndWithoutFilter() {
        IntPredicate odd = i -> i % 2 == 1;
        for (int q = 0; q < 50; q++) {
            float[] query = TasteData.row(users, q, DIMS);
            // Breadth 50 and 100: at most 100 rows per unit of breadth, so all 4,000 rows are scanned.
            assertSameItemsAndScores(exact.search(query, 10, 50, null), built.search(query, 10, 50, null));
            assertSameItemsAndScores(exact.search(query, 100, 1, odd), built.search(query, 100, 1, odd));
            // Rejecting the query's 60 best rows makes a scan lower its first score floor; three
            // accepted rows make it give up on floors.
            Set<Integer> best = new HashSet<>();
            for (int row : exact.search(query, 60, 1, null).items()) {
                best.add(row);
            }
            IntPredicate notBest = row -> !best.contains(row);
            IntPredicate threeRows = row -> row % 1499 == 7;
            assertSameItemsAndScores(exact.search(query, 10, 1, notBest), built.search(query, 10, 50, notBest));
            assertSameItemsAndScores(exact.search(query, 10, 1, threeRows), built.search(query, 10, 50, threeRows));
        }
    }

    /** Same items in the same order, scores equal up to float summation order (SIMD lane sums). */
    private static void assertSameItemsAndScores(SearchResult expected, SearchResult actual) {
        assertArrayEquals(expected.items(), actual.items());
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.scores()[i];
            assertEquals(e, actual.scores()[i], 1e-5f * Math.max(1f, Math.abs(e)), "score " + i);
        }
    }

    @Test
    void recallAt10IsAtLeast095AgainstExactSearchAtTheDefaultEf() {
        double recall = TasteData.meanRecallAt10(index, exact, users, DIMS, HnswParams.DEFAULT_EF, null);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void scoresAreExactInnerProductsBestFirst() {
        float[] query = TasteData.row(users, 0, DIMS);
        SearchResult result = index.search(query, 10, HnswParams.DEFAULT_EF, null);
        assertEquals(10, result.size());
        for (int i = 0; i < result.size(); i++) {
            assertEquals(VectorKernels.dot(query, 0, items, result.items()[i] * DIMS, DIMS),
                    result.scores()[i], 0f);
            if (i > 0) {
                assertTrue(result.scores()[i - 1] >= result.scores()[i]);
            }
        }
    }

    @Test
    void neverReturnsARejectedItemAndStillReturnsK() {
        IntPredicate everyThird = i -> i % 3 == 0;
        for (int q = 0; q < 50; q++) {
            SearchResult result = index.search(TasteData.row(users, q, DIMS), 25, 20, everyThird);
            assertEquals(25, result.size());
            for (int item : result.items()) {
                assertTrue(everyThird.test(item), "returned rejected item " + item);
            }
        }
        assertTrue(TasteData.meanRecallAt10(index, exact, users, DIMS, HnswParams.DEFAULT_EF, everyThird) >= 0.95);
    }

    @Test
    void returnsKAcceptedItemsForASelectiveFilterByWideningOrScanning() {
        IntPredicate onePercent = i -> i % 100 == 7;
        for (int q = 0; q < 20; q++) {
            float[] query = TasteData.row(users, q, DIMS);
            SearchResult result = index.search(query, 10, 10, onePercent);
            assertEquals(exact.search(query, 10, 1, onePercent), result);
        }
    }

    @Test
    void aRangeWhoseGraphCannotSupplyEnoughAcceptedItemsIsScannedOnItsOwn() {
        NormPartition longest = index.partitions().get(0);
        BitSet acceptedRows = new BitSet(ITEMS);
        for (int i = 0; i < longest.rows.length; i += 10) {
            acceptedRows.set(longest.rows[i]);
        }
        float[] query = TasteData.row(users, 0, DIMS);
        CandidatePool pool = new CandidatePool(100);

        longest.collect(query, VectorKernels.norm(query), items, DIMS, 100, HnswParams.DEFAULT_EF, acceptedRows::get,
                pool);

        SearchResult found = pool.best();
        assertEquals(acceptedRows.cardinality(), found.size());
        for (int item : found.items()) {
            assertTrue(acceptedRows.get(item), "returned rejected item " + item);
        }
    }

    @Test
    void filteringOutMostLongNormItemsKeepsRecallAt100() {
        BitSet rejected = new BitSet(ITEMS);
        for (int i = 0; i < index.partitions().get(0).rows.length; i++) {
            if (i % 10 != 0) {
                rejected.set(index.partitions().get(0).rows[i]);
            }
        }
        IntPredicate accept = item -> !rejected.get(item);
        double sum = 0;
        for (int q = 0; q < 50; q++) {
            float[] query = TasteData.row(users, q, DIMS);
            SearchResult result = index.search(query, 100, 100, accept);
            assertEquals(100, result.size());
            sum += TasteData.overlap(exact.search(query, 100, 1, accept), result);
        }
        assertTrue(sum / 50 >= 0.95, "recall@100 " + sum / 50);
    }

    @Test
    void returnsExactlyTheAcceptedItemsWhenAFilterAcceptsOnlyThree() {
        Set<Integer> three = Set.of(5, 1234, ITEMS - 1);
        float[] query = TasteData.row(users, 3, DIMS);

        SearchResult all = index.search(query, 10, HnswParams.DEFAULT_EF, three::contains);
        assertEquals(3, all.size());
        assertEquals(three, Set.of(all.items()[0], all.items()[1], all.items()[2]));
        assertEquals(exact.search(query, 10, 1, three::contains), all);

        SearchResult two = index.search(query, 2, HnswParams.DEFAULT_EF, three::contains);
        assertArrayEquals(new int[] {all.items()[0], all.items()[1]}, two.items());
    }

    @Test
    void concurrentSearchesGiveTheSameResultsAsSequentialOnes() throws Exception {
        SearchResult[] sequential = new SearchResult[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            sequential[q] = index.search(TasteData.row(users, q, DIMS), 10, 30, i -> i % 5 != 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SearchResult>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int q = 0; q < QUERIES; q++) {
                    float[] query = TasteData.row(users, q, DIMS);
                    futures.add(pool.submit(() -> index.search(query, 10, 30, i -> i % 5 != 0)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(sequential[i % QUERIES], futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void returnsNothingWhenNothingIsAccepted() {
        assertEquals(0, index.search(TasteData.row(users, 0, DIMS), 10, 50, i -> false).size());
    }

    @Test
    void returnsEveryItemWhenKExceedsTheIndexSize() throws InterruptedException {
        float[] small = new TasteData(4, 2, 5).items(30);
        HnswlibIndex tiny = HnswlibIndex.build(small, 4, new HnswParams(4, 20, 10), 1, BuildProgress.none());
        SearchResult result = tiny.search(TasteData.row(small, 0, 4), 100, 10, null);
        assertEquals(new ExactIndex(small, 4).search(TasteData.row(small, 0, 4), 100, 1, null), result);
    }

    @Test
    void mipsReductionOrdersItemsByInnerProductWhereRawL2DoesNot() {
        // Items of very different norms: the long item 2 is the best by inner product but far in L2.
        float[] tiny = {
            1f, 0f,
            0.9f, 0.3f,
            5f, 4f,
            -1f, 0.2f,
            0.2f, 0.1f,
        };
        float[] query = {1f, 0.1f};
        double maxNorm = MipsReduction.maxNorm(tiny, 2);
        float[] q = MipsReduction.augmentQuery(query, maxNorm);
        MipsL2Distance distance = new MipsL2Distance();

        List<Integer> byL2 = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        byL2.sort((a, b) -> Float.compare(distance.distance(q, MipsReduction.augmentItem(tiny, a, 2, maxNorm)),
                distance.distance(q, MipsReduction.augmentItem(tiny, b, 2, maxNorm))));
        List<Integer> byInnerProduct = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        byInnerProduct.sort((a, b) -> Float.compare(
                VectorKernels.dot(query, 0, tiny, b * 2, 2),
                VectorKernels.dot(query, 0, tiny, a * 2, 2)));

        assertEquals(List.of(2, 0, 1, 4, 3), byInnerProduct);
        assertEquals(byInnerProduct, byL2);
        for (int row = 0; row < 5; row++) {
            float[] augmented = MipsReduction.augmentItem(tiny, row, 2, maxNorm);
            assertEquals(maxNorm, Math.sqrt(VectorKernels.dot(augmented, augmented)), 1e-5);
        }
        // Without the reduction, item 0 would rank before item 2.
        assertTrue(VectorKernels.squaredL2(query, 0, tiny, 0, 2)
                < VectorKernels.squaredL2(query, 0, tiny, 4, 2));
    }

    @Test
    void saveThenLoadGivesIdenticalResults() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.save(bytes);
        HnswlibIndex loaded = HnswlibIndex.load(new ByteArrayInputStream(bytes.toByteArray()));

        assertEquals(index.size(), loaded.size());
        assertEquals(index.dims(), loaded.dims());
        assertEquals(index.params(), loaded.params());
        for (int q = 0; q < QUERIES; q++) {
            float[] query = TasteData.row(users, q, DIMS);
            assertEquals(index.search(query, 10, 50, null), loaded.graphsOnly().search(query, 10, 50, null));
            assertEquals(index.search(query, 10, 50, i -> i % 7 == 0),
                    loaded.graphsOnly().search(query, 10, 50, i -> i % 7 == 0));
            assertEquals(built.search(query, 10, 50, null), loaded.search(query, 10, 50, null));
            assertEquals(built.search(query, 10, 10, null), loaded.search(query, 10, 10, null));
        }
    }

    @Test
    void saveLeavesTheStreamOpenAndLoadReadsOnlyWhatItNeeds() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.save(bytes);
        int length = bytes.size();
        bytes.write(new byte[] {1, 2, 3});
        assertEquals(length + 3, bytes.size());
    }

    @Test
    void allowlistIsExactlyTheClassesASaveWrites() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.save(bytes);
        Set<Class<?>> seen = new HashSet<>();
        long[] maxDepth = {0};
        long[] maxReferences = {0};
        ObjectInputFilter logging = info -> {
            if (info.serialClass() != null) {
                seen.add(info.serialClass());
            }
            maxDepth[0] = Math.max(maxDepth[0], info.depth());
            maxReferences[0] = Math.max(maxReferences[0], info.references());
            return ObjectInputFilter.Status.ALLOWED;
        };
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
        // Format 2 header: magic, version, dims, size, M, efConstruction, ef, exactScanMaxFloats, graphs.
        int beforeGraphCount = 8 * Integer.BYTES;
        in.skipNBytes(beforeGraphCount);
        int graphs = new java.io.DataInputStream(new ByteArrayInputStream(bytes.toByteArray(), beforeGraphCount, 4))
                .readInt();
        in.skipNBytes(Integer.BYTES);
        try (ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(logging);
            for (int i = 0; i < graphs; i++) {
                objects.readObject();
            }
        }
        assertTrue(graphs > 1, "expected several norm ranges, got " + graphs);
        assertEquals(SerialAllowlist.ALLOWED, seen);
        assertTrue(maxDepth[0] <= SerialAllowlist.MAX_DEPTH, "depth " + maxDepth[0]);
        assertTrue(maxReferences[0] <= SerialAllowlist.MAX_REFERENCES, "references " + maxReferences[0]);
    }

    /** A class with a side effect on deserialization, as a gadget chain would have. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile int readObjectCalls;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            readObjectCalls++;
        }
    }

    /** A format-1 header (no exactScanMaxFloats; still readable) followed by {@code payload}. */
    private static byte[] headerThen(Object payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(bytes);
        header.writeInt(0x52474857);
        header.writeInt(1);
        header.writeInt(DIMS);
        header.writeInt(ITEMS);
        header.writeInt(16);
        header.writeInt(200);
        header.writeInt(100);
        header.writeInt(1);
        header.flush();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(payload);
        }
        return bytes.toByteArray();
    }

    private static String refusal(byte[] stream) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> HnswlibIndex.load(new ByteArrayInputStream(stream)));
        assertInstanceOf(InvalidClassException.class, e.getCause());
        return e.getMessage();
    }

    @Test
    void loadRefusesAGadgetClassWithoutRunningItsReadObject() throws IOException {
        Gadget.readObjectCalls = 0;
        String message = refusal(headerThen(new Gadget()));
        assertTrue(message.contains("refused by the deserialization allowlist: class "
                + Gadget.class.getName() + " is not in the HNSW index allowlist"), message);
        assertEquals(0, Gadget.readObjectCalls);
    }

    @Test
    void loadRefusesAHashMap() throws IOException {
        Map<String, Object> map = new HashMap<>();
        map.put("x", new Gadget());
        String message = refusal(headerThen(map));
        assertTrue(message.contains("class java.util.HashMap is not in the HNSW index allowlist"), message);
    }

    @Test
    void loadRefusesAGraphWithAForeignDistanceFunction() throws IOException {
        record Point(Integer id, float[] vector) implements Item<Integer, float[]> {
            @Override
            public int dimensions() {
                return vector.length;
            }
        }
        HnswIndex<Integer, float[], Point, Float> foreign = HnswIndex
                .newBuilder(2, DistanceFunctions.FLOAT_INNER_PRODUCT, 4).build();
        foreign.add(new Point(0, new float[] {1f, 2f}));
        String message = refusal(headerThen(foreign));
        assertTrue(message.contains("class " + DistanceFunctions.FLOAT_INNER_PRODUCT.getClass().getName()
                + " is not in the HNSW index allowlist"), message);
    }

    @Test
    void loadRefusesAStreamThatIsNotAnIndex() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> HnswlibIndex.load(new ByteArrayInputStream(new byte[] {0, 1, 2, 3, 4, 5, 6, 7})));
        assertTrue(e.getMessage().contains("bad magic 0x10203"), e.getMessage());
    }

    @Test
    void loadRefusesATruncatedStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.save(bytes);
        byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        assertThrows(UncheckedIOException.class, () -> HnswlibIndex.load(new ByteArrayInputStream(truncated)));
    }

    @Test
    void reportsProgressMonotonicallyEndingAtTotal() throws InterruptedException {
        float[] small = new TasteData(8, 4, 9).items(1000);
        List<int[]> updates = new ArrayList<>();
        HnswlibIndex.build(small, 8, new HnswParams(8, 50, 20), 2, (done, total) -> updates.add(new int[] {done, total}));

        assertFalse(updates.isEmpty());
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i)[0] > updates.get(i - 1)[0]);
        }
        assertArrayEquals(new int[] {1000, 1000}, updates.get(updates.size() - 1));
        assertTrue(updates.size() >= 10, "only " + updates.size() + " updates");
    }

    @Test
    void rejectsBadBuildArgumentsWithTheirValues() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HnswlibIndex.build(new float[0], 4, HnswParams.DEFAULTS, 1, BuildProgress.none()))
                .getMessage().contains("0 items"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HnswlibIndex.build(new float[8], 4, HnswParams.DEFAULTS, 0, BuildProgress.none()))
                .getMessage().contains("threads 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HnswParams(1, 200, 100))
                .getMessage().contains("m 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.search(new float[DIMS + 1], 10, 10, null))
                .getMessage().contains("query has 33 dims, index has 32"));
    }

    @Test
    void cosineIndexReturnsTheItemItselfFirst() throws InterruptedException {
        float[] normalized = ItemVectors.normalizedRows(items, DIMS);
        HnswlibIndex cosine = HnswlibIndex.build(normalized, DIMS, HnswParams.DEFAULTS, 2, BuildProgress.none());
        for (int item = 0; item < ITEMS; item += 97) {
            SearchResult result = cosine.search(TasteData.row(normalized, item, DIMS), 5, HnswParams.DEFAULT_EF, null);
            assertEquals(item, result.items()[0]);
            assertEquals(1f, result.scores()[0], 1e-5f);
        }

        SimilarItems similar = new SimilarItems(cosine, normalized);
        ExactIndex exactCosine = new ExactIndex(normalized, DIMS);
        double recall = 0;
        int probes = 0;
        for (int item = 0; item < ITEMS; item += 41) {
            SearchResult result = similar.similarTo(item, 10, HnswParams.DEFAULT_EF, null);
            assertEquals(10, result.size());
            for (int other : result.items()) {
                assertTrue(other != item);
            }
            int self = item;
            recall += TasteData.overlap(exactCosine.search(TasteData.row(normalized, item, DIMS), 10, 1,
                    other -> other != self), result);
            probes++;
        }
        assertTrue(recall / probes >= 0.95, "similar-items recall@10 " + recall / probes);
    }

    @Test
    void normalizedRowsHaveUnitNormAndZeroRowsStayZero() {
        float[] m = {3f, 4f, 0f, 0f};
        assertArrayEquals(new float[] {0.6f, 0.8f, 0f, 0f}, ItemVectors.normalizedRows(m, 2), 1e-6f);
        assertArrayEquals(new float[] {3f, 4f, 0f, 0f}, m);
    }
}
