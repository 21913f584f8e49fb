package io.recgate.core.ann.hnsw;

import io.recgate.core.ann.NormRanges;
import io.recgate.core.ann.ScoreFloor;
import io.recgate.kernels.BlockLayout;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * One HNSW graph (Malkov and Yashunin, "Efficient and robust approximate nearest neighbor search
 * using Hierarchical Navigable Small World graphs", TPAMI 2018) over the items of one norm range.
 *
 * <p><b>Distances.</b> Nodes are built in the MIPS-to-L2 reduction x' = (x, a_x) with
 * a_x = √(R² − ‖x‖²) and R the range's largest norm. All x' have norm R, so
 * ‖x' − y'‖² = 2R² − 2(⟨x, y⟩ + a_x·a_y): the build distance used here is
 * −(⟨x, y⟩ + a_x·a_y), which orders pairs exactly as the augmented L2 distance does, from the
 * original rows plus one float per node. A query q' = (q·s, 0) has the same norm, and its L2 order
 * equals the order of −⟨q, x⟩, so searches use the plain negative inner product; both are one SIMD
 * dot product ({@link #distance}).
 *
 * <p><b>Quantized traversal.</b> Every node also has its vector as 8-bit codes in node order
 * ({@link ScalarQuantizer}, one cache line at 64 dims instead of four, and a quarter of the memory
 * traffic). Greedy descents and beam searches rank nodes by the codes; what they find is scored
 * again from the float vectors: the build's candidates before neighbour selection, a query's
 * results before they are returned. So a returned score is always the exact inner product (up to
 * float rounding: a packed scan sums the same products in another order).
 *
 * <p><b>Layout.</b> Node {@code i} (local id) holds global row {@code rows[i]}. Level-0 links are one
 * {@code int[]} (or a mapped {@link IntBuffer}) with stride {@code 2M + 1}: a count then up to 2M
 * ids. Levels 1..L of a node are one {@code int[]} block of L × (M + 1) ints, allocated only for
 * the ~1/M nodes above level 0.
 *
 * <p><b>Concurrency.</b> Builds insert from several threads: a node's list is written under its
 * striped lock and read without one; an int read races benignly: it is some id written earlier,
 * the count read is capped at the list's room, and a list read while it is rewritten can yield an
 * id twice (the visited set skips the second) or miss one, as a search racing the rewrite would
 * anyway. Searches read {@link #entry}, then {@link #count}, then {@link #storage}, and ignore
 * nodes {@code >= count}; incremental adds (serialised by the index) write everything about a node
 * before publishing {@code count} and then the entry point, so a search sees each node either
 * fully or not at all.
 */
final class HnswGraph {

    /** Highest level a node can get; with M 16 level 16 needs ~16^16 items. */
    static final int MAX_LEVEL = 16;
    private static final int LOCK_STRIPES = 1 << 12;
    private static final Kernels KERNELS = VectorKernels.implementation();
    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(int[].class);

    final int m;
    final int maxM0;
    final int stride0;
    final int strideUp;
    final int efConstruction;
    final int dims;
    final ScalarQuantizer quantizer;
    /** Graphs of at most this many floats (nodes × dims) keep a packed copy of their vectors. */
    final int packedMaxFloats;
    /** R of this graph's reduction: its largest norm when built. */
    final double reductionNorm;
    /** Largest norm of any node, ≥ {@link #reductionNorm} once adds bring longer items. */
    volatile double boundNorm;
    volatile long entry = -1;
    volatile int count;
    volatile Storage storage;
    private final Object[] locks;
    private final Object entryLock = new Object();
    /**
     * During a parallel build, 1 for nodes whose insertion has finished (release/acquire); null
     * otherwise. Searches of other inserting threads skip unfinished nodes: a node reached before
     * its own lists are written would give the searcher a one-node neighbourhood, and a backlink
     * added to it would be overwritten when its owner writes the list (on 4,000 items with 4
     * threads that cost up to 0.13 of recall@10 before this flag).
     *
     * <p>The hazard is only a node a search <em>descends through</em>: an inserting node writes
     * its list at a level before it adds any backlink at that level, so a node reached by a link at
     * level l already has its level-l list. What can lack its list is the start of a lower level,
     * the best node of the level above. So the flag is checked at levels above 0 and in descents,
     * whose results start the levels below, and not by level-0 searches, which start nothing and do
     * nearly all the work (the check per neighbour was an acquire read at a random node).
     */
    private int[] finished;

    /**
     * A graph with at most this many nodes per unit of search breadth is scanned exactly instead of
     * searched. Measured in the gateway's in-process benchmark (RecommendBench, 200,000 × 64
     * bundle, one thread, CPU time per request, candidates 200): 2 rows per unit 0.263 ms, 20 → 0.179,
     * 50 → 0.153–0.168, 100 → 0.206. A scan reads the range's rows where they lie in the item matrix
     * (~20 ns a row), a graph step costs several of those; at a plain top-10 query's breadth (ef 20)
     * only ranges under 1,000 items are scanned.
     */
    static final int SCAN_ROWS_PER_WIDTH = 50;
    /**
     * The same bound for a graph with a {@linkplain Storage#packed packed copy}: a block scan costs
     * about 2 ns a row (JMH, 256–4,096 rows of 64 dims), so up to 100 rows per unit of breadth it is
     * no dearer than a graph search (the bound measured for hnswlib's packed ranges, see
     * {@code HnswlibIndex}).
     */
    static final int PACKED_SCAN_ROWS_PER_WIDTH = 100;

    /** The arrays of one capacity; replaced (copied) when an add needs more room. */
    static final class Storage {
        final int capacity;
        final int[] rows;
        final float[] aug;
        final byte[] levels;
        /** 8-bit codes of node i's vector at {@code i·dims}. */
        final byte[] codes;
        /** Small graphs: the float vectors by node, {@link BlockLayout block-transposed}; else null. */
        final float[] packed;
        /** Level-0 lists, or null when {@link #mapped0} holds them. */
        final int[] level0;
        final IntBuffer mapped0;
        final int[][] upper;

        Storage(int capacity, int[] rows, float[] aug, byte[] levels, byte[] codes, float[] packed, int[] level0,
                IntBuffer mapped0, int[][] upper) {
            this.capacity = capacity;
            this.rows = rows;
            this.aug = aug;
            this.levels = levels;
            this.codes = codes;
            this.packed = packed;
            this.level0 = level0;
            this.mapped0 = mapped0;
            this.upper = upper;
        }
    }

    HnswGraph(int m, int efConstruction, ScalarQuantizer quantizer, int packedMaxFloats, double reductionNorm,
              double boundNorm, Storage storage, int count, long entry) {
        this.m = m;
        this.dims = quantizer.dims();
        this.quantizer = quantizer;
        this.packedMaxFloats = packedMaxFloats;
        this.maxM0 = 2 * m;
        this.stride0 = 2 * m + 1;
        this.strideUp = m + 1;
        this.efConstruction = efConstruction;
        this.reductionNorm = reductionNorm;
        this.boundNorm = boundNorm;
        this.storage = storage;
        this.count = count;
        this.entry = entry;
        this.locks = new Object[LOCK_STRIPES];
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * An empty graph with room for {@code capacity} nodes; {@code packed} is its packed vector copy
     * (capacity × dims floats) or null.
     */
    static HnswGraph empty(int m, int efConstruction, ScalarQuantizer quantizer, int packedMaxFloats,
                           double reductionNorm, int capacity, float[] packed) {
        int cap = Math.max(1, capacity);
        Storage s = new Storage(cap, new int[cap], new float[cap], new byte[cap], new byte[cap * quantizer.dims()],
                packed, new int[cap * (2 * m + 1)], null, new int[cap][]);
        return new HnswGraph(m, efConstruction, quantizer, packedMaxFloats, reductionNorm, reductionNorm, s, 0, -1);
    }

    static long pack(int level, int node) {
        return ((long) level << 32) | (node & 0xFFFFFFFFL);
    }

    static int entryNode(long entry) {
        return (int) entry;
    }

    static int entryLevel(long entry) {
        return (int) (entry >>> 32);
    }

    /** The level of the node holding global row {@code row}: ⌊−ln U · mL⌋, mL = 1/ln M, seeded per row. */
    static int randomLevel(long seed, int row, int m) {
        double u = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (row + 1L)).nextDouble();
        int level = (int) (-Math.log(1.0 - u) / Math.log(m));
        return Math.min(level, MAX_LEVEL);
    }

    /** a_x = √(R² − ‖x‖²), 0 for items longer than R (added after the build). */
    static float augment(double squaredNorm, double reductionNorm) {
        return (float) Math.sqrt(Math.max(0, reductionNorm * reductionNorm - squaredNorm));
    }

    /** −(⟨q, x_node⟩ + qa·a_node); with qa = 0 the negative inner product. */
    private float distance(float[] qv, int qOff, float qa, float[] vectors, Storage s, int node) {
        return -(KERNELS.dot(qv, qOff, vectors, s.rows[node] * dims, dims) + qa * s.aug[node]);
    }

    /**
     * {@link #distance} from the node's codes, up to a constant of the query: {@code scaled} is the
     * query {@linkplain ScalarQuantizer#scaleQuery scaled} by this graph's quantizer. Only comparable
     * with approximate distances from the same query.
     */
    private float approxDistance(float[] scaled, float qa, Storage s, int node) {
        return -(KERNELS.dotBytes(scaled, 0, s.codes, node * dims, dims) + qa * s.aug[node]);
    }

    /**
     * Copies the links of {@code node} at {@code level} into {@code st.links}; returns their count.
     * Level 0 only from a mapped file: heap level-0 lists are read in place ({@link #unvisitedLinks}).
     */
    private int readLinks(Storage s, int node, int level, SearchState st) {
        if (level == 0) {
            int base = node * stride0;
            IntBuffer b = s.mapped0;
            int n = Math.min(b.get(base), maxM0);
            for (int i = 0; i < n; i++) {
                st.links[i] = b.get(base + 1 + i);
            }
            return n;
        }
        int[] block = s.upper[node];
        int base = (level - 1) * strideUp;
        if (block == null || base >= block.length) {
            return 0;
        }
        int n = Math.min(block[base], m);
        System.arraycopy(block, base + 1, st.links, 0, n);
        return n;
    }

    /**
     * The links of {@code node} at {@code level} that are below {@code limit}, not yet visited and
     * (during a parallel build) finished, compacted into {@code st.links} and marked visited.
     */
    private int unvisitedLinks(Storage s, int node, int level, int limit, int[] visited, int gen, SearchState st) {
        int[] links = st.links;
        if (level == 0) {
            // Heap lists are read in place, without the copy readLinks makes: each int read is some
            // id written earlier (see the class comment) and the count is capped. Together with a
            // one-array BeamPool this made builds and queries 5-10% faster (docs/BENCHMARKS.md).
            int[] level0 = s.level0;
            if (level0 != null) {
                int base = node * stride0;
                return freshLinks(level0, base + 1, Math.min(level0[base], maxM0), limit, visited, gen, links);
            }
            return freshLinks(links, 0, readLinks(s, node, 0, st), limit, visited, gen, links);
        }
        int n = readLinks(s, node, level, st);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int next = links[i];
            if (next < limit && visited[next] != gen && !unfinished(next)) {
                visited[next] = gen;
                links[kept++] = next;
            }
        }
        return kept;
    }

    /**
     * The level-0 part of {@link #unvisitedLinks}: the ids of {@code ids[from .. from+n)} below
     * {@code limit} and not yet visited, marked visited and compacted into {@code out} (which may be
     * {@code ids} with {@code from} 0). No finished check at level 0 (see the field finished), and
     * no branch on whether a neighbour was visited: that is a coin flip the predictor misses, and
     * each miss discards the loads already started for the next neighbours. Both together made the
     * 2-thread build of 200,000 x 64 items 9.3-10.2 s -> 7.8 s and queries ~5% faster.
     */
    private static int freshLinks(int[] ids, int from, int n, int limit, int[] visited, int gen, int[] out) {
        int kept = 0;
        for (int i = from; i < from + n; i++) {
            int next = ids[i];
            if (next < limit) {
                int fresh = visited[next] != gen ? 1 : 0;
                visited[next] = gen;
                out[kept] = next;
                kept += fresh;
            }
        }
        return kept;
    }

    /**
     * Greedy walk by approximate distance at levels {@code from} down to {@code to + 1}; leaves the
     * best node in st.bestNode.
     */
    private void descend(Storage s, int limit, float[] scaled, float qa, int node, int from, int to, SearchState st) {
        float dist = approxDistance(scaled, qa, s, node);
        for (int level = from; level > to; level--) {
            boolean moved = true;
            while (moved) {
                moved = false;
                int n = readLinks(s, node, level, st);
                for (int i = 0; i < n; i++) {
                    int next = st.links[i];
                    if (next >= limit || unfinished(next)) {
                        continue;
                    }
                    float d = approxDistance(scaled, qa, s, next);
                    if (d < dist) {
                        dist = d;
                        node = next;
                        moved = true;
                    }
                }
            }
        }
        st.bestNode = node;
    }

    /** Whether a concurrent build's insertion of {@code node} may still be running. */
    private boolean unfinished(int node) {
        int[] flags = finished;
        return flags != null && (int) FLAG.getAcquire(flags, node) == 0;
    }

    /** Starts (true) or ends (false) a parallel build: see {@link #finished}. */
    void parallelBuild(boolean on) {
        finished = on ? new int[storage.capacity] : null;
    }

    /**
     * Beam search of breadth {@code ef} at one level without filter (the build's search), by
     * approximate distance. Leaves up to {@code ef} nearest nodes in {@code st.results} keyed by
     * −(approximate distance).
     */
    private void searchLayer(Storage s, int limit, float[] scaled, float qa, int ep, int level, int ef,
                             SearchState st) {
        poolSearch(s, limit, scaled, qa, ep, level, ef, ef, Integer.MAX_VALUE, Integer.MAX_VALUE, st);
    }

    /**
     * The beam search without filter, in a {@link BeamPool}: leaves up to {@code width} nearest nodes
     * in {@code st.pool}, nearest first, by approximate distance. Only the {@code ef} nearest are
     * expanded (the beam); with {@code ef < width} the rest are the best of the others scored. Gives
     * up like {@link #beamSearch} (with every node accepted).
     */
    private void poolSearch(Storage s, int limit, float[] scaled, float qa, int ep, int level, int width, int ef,
                            int budget, int hardLimit, SearchState st) {
        int gen = st.nextGeneration(s.capacity);
        int[] visited = st.visited;
        BeamPool pool = st.pool;
        pool.reset(width, ef);
        st.exhausted = false;
        visited[ep] = gen;
        pool.insert(approxDistance(scaled, qa, s, ep), ep);
        int[] ids = st.links;
        float[] dists = st.dists;
        int evaluated = 1;
        int node;
        while ((node = pool.expandNext()) >= 0) {
            int n = unvisitedLinks(s, node, level, limit, visited, gen, st);
            for (int i = 0; i < n; i++) {
                dists[i] = approxDistance(scaled, qa, s, ids[i]);
            }
            evaluated += n;
            for (int i = 0; i < n; i++) {
                float dn = dists[i];
                if (pool.admits(dn)) {
                    pool.insert(dn, ids[i]);
                }
            }
            if (evaluated > budget && evaluated > hardLimit) {
                st.exhausted = true;
                return;
            }
        }
    }

    /**
     * A filtered query's level-0 beam search by approximate distance, returning only accepted,
     * undeleted nodes: the best {@code width} found in {@code st.results} (keyed by −(approximate
     * distance)). The search is bounded by its {@code ef} best accepted nodes, as in the paper; when
     * {@code ef} is below {@code width} a second heap ({@code st.beam}) holds those, and the search
     * does not stop before it holds {@code wanted} accepted nodes. Rejected nodes are still expanded.
     * Stops early, setting {@code st.exhausted}, after {@code budget} distance evaluations with
     * fewer than {@code wanted} results, or after {@code hardLimit} in any case.
     */
    private void beamSearch(Storage s, int limit, float[] scaled, int ep, int width, int ef, int wanted,
                            IntPredicate accept, boolean[] deleted, int budget, int hardLimit, SearchState st) {
        float epDist = approxDistance(scaled, 0f, s, ep);
        int gen = st.nextGeneration(s.capacity);
        int[] visited = st.visited;
        NodeHeap candidates = st.candidates;
        NodeHeap results = st.results;
        boolean narrow = ef < width;
        NodeHeap beam = narrow ? st.beam : results;
        candidates.clear();
        results.clear();
        beam.clear();
        st.exhausted = false;
        visited[ep] = gen;
        candidates.push(epDist, ep);
        int[] rows = s.rows;
        if (accepts(rows[ep], accept, deleted)) {
            beam.push(-epDist, ep);
            if (narrow) {
                results.push(-epDist, ep);
            }
        }
        int evaluated = 1;
        while (candidates.size() > 0) {
            float d = candidates.topKey();
            if (beam.size() >= ef && d > -beam.topKey() && results.size() >= wanted) {
                break;
            }
            int node = candidates.topNode();
            candidates.pop();
            int n = unvisitedLinks(s, node, 0, limit, visited, gen, st);
            // Distances in a separate loop: the codes' cache misses are independent and overlap,
            // instead of each waiting behind the previous neighbour's heap updates.
            int[] ids = st.links;
            float[] dists = st.dists;
            for (int i = 0; i < n; i++) {
                dists[i] = approxDistance(scaled, 0f, s, ids[i]);
            }
            evaluated += n;
            for (int i = 0; i < n; i++) {
                float dn = dists[i];
                int next = ids[i];
                // Until it holds the wanted accepted nodes a narrow beam keeps every node as a
                // candidate, as a beam of the wanted breadth would: under a filter that rejects
                // most nodes it would otherwise stop short and leave the caller an exact scan.
                if (beam.size() < ef || dn < -beam.topKey() || results.size() < wanted) {
                    candidates.push(dn, next);
                    if (accepts(rows[next], accept, deleted)) {
                        keep(beam, dn, next, ef);
                        if (narrow) {
                            keep(results, dn, next, width);
                        }
                    }
                } else if (narrow && (results.size() < width || dn < -results.topKey())
                        && accepts(rows[next], accept, deleted)) {
                    keep(results, dn, next, width);
                }
            }
            // A starving search gives up at the budget, any search at the hard limit: the caller
            // then scans, which is exact and, past that many evaluations, no dearer. (Returning a
            // truncated beam instead cost 0.04 recall@10 on 5,000 items at ef 30.)
            if (evaluated > budget && (results.size() < wanted || evaluated > hardLimit)) {
                st.exhausted = true;
                return;
            }
        }
    }

    /** Adds a node at {@code dist} to a heap of the best {@code max}, dropping the worst if over. */
    private static void keep(NodeHeap heap, float dist, int node, int max) {
        heap.push(-dist, node);
        if (heap.size() > max) {
            heap.pop();
        }
    }

    private static boolean accepts(int row, IntPredicate accept, boolean[] deleted) {
        return (deleted == null || !deleted[row]) && (accept == null || accept.test(row));
    }

    /**
     * Offers to {@code out} this graph's best accepted items for {@code query}: at least
     * {@code wanted} of them if it has that many, found by a graph search with a beam of {@code ef}
     * that keeps the best {@code max(ef, wanted)} nodes it scores, or by an exact scan of this
     * graph's items when it is small or the filter starves the graph search.
     *
     * <p>A beam narrower than {@code wanted} is allowed on purpose: the nodes a beam of ef scores
     * around the query hold most of the k nearest, so on 200,000 × 64 taste-shaped items recall@10
     * was 0.954 at ef 5 and 0.961 at ef 6, against 0.975 for the breadth-10 search every ef ≤ 10
     * gave before; ef 5 answered 1.14–1.17× the queries/s of ef 10 (docs/BENCHMARKS.md). Callers
     * that want the old breadth pass ef ≥ k.
     *
     * @param vectorsSource supplies the item matrix after this graph's state was read (see the
     *                      class comment on ordering)
     */
    void collect(float[] query, double queryNorm, NativeHnswIndex vectorsSource, int wanted, int ef,
                 IntPredicate accept, SearchState st, TopResults out) {
        long e = entry;
        int n = count;
        Storage s = storage;
        float[] vectors = vectorsSource.vectorArray();
        boolean[] deleted = vectorsSource.deletedArray();
        if (n == 0 || e == -1) {
            return;
        }
        st.ensureLinks(maxM0);
        int width = Math.max(ef, wanted);
        // Scanning a small graph costs no more than searching it, and is exact.
        if (s.packed != null && n <= PACKED_SCAN_ROWS_PER_WIDTH * (long) width) {
            packedScan(query, queryNorm, s, n, wanted, accept, deleted, st, out);
            return;
        }
        if (n <= SCAN_ROWS_PER_WIDTH * (long) width) {
            scan(query, s, n, vectors, accept, deleted, out);
            return;
        }
        float[] scaled = st.scaled(dims);
        quantizer.scaleQuery(query, 0, scaled);
        descend(s, n, scaled, 0f, entryNode(e), entryLevel(e), 0, st);
        // A search that evaluated a quarter of the graph's nodes without finding the wanted accepted
        // items is abandoned for an exact scan of its n rows, which is then the cheaper way (a
        // graph step costs a few times a sequential SIMD dot).
        int budget = Math.max(4 * width, n / 4);
        if (accept == null && deleted == null) {
            poolSearch(s, n, scaled, 0f, st.bestNode, 0, width, ef, budget, n / 2, st);
            BeamPool pool = st.pool;
            if (st.exhausted || pool.size() < wanted) {
                scan(query, s, n, vectors, null, null, out);
                return;
            }
            for (int i = 0; i < pool.size(); i++) {
                int row = s.rows[pool.node(i)];
                out.offer(KERNELS.dot(query, 0, vectors, row * dims, dims), row);
            }
            return;
        }
        beamSearch(s, n, scaled, st.bestNode, width, ef, wanted, accept, deleted, budget, n / 2, st);
        NodeHeap results = st.results;
        if (st.exhausted || results.size() < wanted) {
            scan(query, s, n, vectors, accept, deleted, out);
            return;
        }
        while (results.size() > 0) {
            int row = s.rows[results.topNode()];
            out.offer(KERNELS.dot(query, 0, vectors, row * dims, dims), row);
            results.pop();
        }
    }

    /**
     * {@link #scan} over the packed copy: every node scored from the {@linkplain BlockLayout
     * block-transposed} copy (vertical sums, no horizontal reduction per row, about 2 ns a row),
     * then the accepted ones offered. A block sum adds the same products as {@code dot} in another
     * order, so the two can differ in the last bits, as any two exact float summations can.
     *
     * <p>Only the scores that {@link ScoreFloor#select} lists are offered: those reaching a floor
     * that at least {@code wanted} accepted rows of this scan reach, or the k-th best already kept,
     * so that no accepted row below it can be among the wanted best overall.
     */
    private void packedScan(float[] query, double queryNorm, Storage s, int n, int wanted, IntPredicate accept,
                            boolean[] deleted, SearchState st, TopResults out) {
        int blocks = BlockLayout.blocks(n);
        float[] scores = st.scores(blocks * Kernels.BLOCK_ROWS);
        KERNELS.dotBlocks(query, 0, s.packed, 0, blocks, dims, scores, 0);
        int[] rows = s.rows;
        IntPredicate acceptPosition = accept == null && deleted == null ? null
                : i -> accepts(rows[i], accept, deleted);
        int[] positions = st.positions(n);
        int selected = ScoreFloor.select(scores, n, wanted, out.kthBest(),
                (float) (queryNorm * boundNorm * NormRanges.BOUND_SLACK), acceptPosition, positions);
        for (int j = 0; j < selected; j++) {
            int i = positions[j];
            float score = scores[i];
            if (out.admits(score)) {
                out.offer(score, rows[i]);
            }
        }
    }

    private void scan(float[] query, Storage s, int n, float[] vectors, IntPredicate accept, boolean[] deleted,
                      TopResults out) {
        int[] rows = s.rows;
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            if (accepts(row, accept, deleted)) {
                out.offer(KERNELS.dot(query, 0, vectors, row * dims, dims), row);
            }
        }
    }

    /**
     * Links node {@code node} (its row, aug, level and upper block already stored) into the graph.
     * For the build, from any number of threads; the entry point is updated here.
     */
    void insert(int node, float[] vectors, SearchState st) {
        Storage s = storage;
        int level = s.levels[node];
        long e = entry;
        if (e == -1 || level > entryLevel(e)) {
            synchronized (entryLock) {
                e = entry;
                if (e == -1) {
                    markFinished(node);
                    entry = pack(level, node);
                    return;
                }
                if (level > entryLevel(e)) {
                    // Held for the whole insertion (rare: ~1/M^L of nodes) so that no other new top
                    // node links against an entry point that is about to change.
                    link(s, s.capacity, node, level, e, vectors, st);
                    markFinished(node);
                    entry = pack(level, node);
                    return;
                }
            }
        }
        link(s, s.capacity, node, level, e, vectors, st);
        markFinished(node);
    }

    private void markFinished(int node) {
        int[] flags = finished;
        if (flags != null) {
            FLAG.setRelease(flags, node, 1);
        }
    }

    /**
     * Appends one node for the global row {@code row} and links it; the caller serialises appends
     * (but searches may run). Publishes the node through {@link #count}, then the entry point.
     */
    void append(int row, double squaredNorm, int level, float[] vectors, SearchState st) {
        int node = count;
        Storage s = storage;
        if (node == s.capacity || s.level0 == null) {
            s = grown(s, Math.max(node + 1, s.capacity + (s.capacity >> 1) + 1));
            storage = s;
        }
        s.rows[node] = row;
        s.aug[node] = augment(squaredNorm, reductionNorm);
        s.levels[node] = (byte) level;
        s.upper[node] = level == 0 ? null : new int[level * strideUp];
        quantizer.encode(vectors, row * dims, s.codes, node * dims);
        if (s.packed != null) {
            BlockLayout.putRow(vectors, row * dims, s.packed, node, dims);
        }
        double norm = Math.sqrt(squaredNorm);
        if (norm > boundNorm) {
            boundNorm = norm;
        }
        long e = entry;
        if (e != -1) {
            link(s, node, node, level, e, vectors, st);
        }
        count = node + 1;
        if (e == -1 || level > entryLevel(e)) {
            entry = pack(level, node);
        }
    }

    /** A heap copy of the storage with room for {@code capacity} nodes (also un-maps level 0). */
    private Storage grown(Storage s, int capacity) {
        int[] level0 = new int[capacity * stride0];
        if (s.level0 != null) {
            System.arraycopy(s.level0, 0, level0, 0, Math.min(s.level0.length, level0.length));
        } else {
            IntBuffer b = s.mapped0.duplicate();
            b.position(0);
            b.get(level0, 0, Math.min(b.remaining(), level0.length));
        }
        // The packed copy is kept while the graph stays small enough to scan; beyond, it is dropped.
        float[] packed = s.packed != null && (long) capacity * dims <= packedMaxFloats
                ? Arrays.copyOf(s.packed, BlockLayout.floats(capacity, dims)) : null;
        return new Storage(capacity, Arrays.copyOf(s.rows, capacity), Arrays.copyOf(s.aug, capacity),
                Arrays.copyOf(s.levels, capacity), Arrays.copyOf(s.codes, capacity * dims), packed, level0, null,
                Arrays.copyOf(s.upper, capacity));
    }

    private void link(Storage s, int limit, int node, int level, long e, float[] vectors, SearchState st) {
        st.ensureLinks(maxM0);
        int qOff = s.rows[node] * dims;
        float qa = s.aug[node];
        int top = entryLevel(e);
        float[] scaled = st.scaled(dims);
        quantizer.scaleQuery(vectors, qOff, scaled);
        descend(s, limit, scaled, qa, entryNode(e), top, level, st);
        int cur = st.bestNode;
        st.ensureSelect(Math.max(efConstruction, maxM0) + 1);
        for (int l = Math.min(level, top); l >= 0; l--) {
            searchLayer(s, limit, scaled, qa, cur, l, efConstruction, st);
            int found = drainAscending(st, node);
            if (found == 0) {
                continue;
            }
            // The beam ranked by codes; the neighbour selection compares candidates with each other,
            // so it needs the exact distances. Re-sorting is cheap: the order barely changes.
            int[] ids = st.selectIds;
            float[] dists = st.selectDists;
            for (int i = 0; i < found; i++) {
                dists[i] = distance(vectors, qOff, qa, vectors, s, ids[i]);
            }
            sortByDistance(ids, dists, found);
            cur = ids[0];
            int chosen = selectNeighbours(s, vectors, st, found, m);
            writeOwnLinks(s, node, l, st.chosen, chosen);
            // The chosen ids are copied: backlinking reuses the selection buffers.
            int[] picked = st.picked;
            float[] pickedDist = st.pickedDists;
            System.arraycopy(st.chosen, 0, picked, 0, chosen);
            for (int i = 0; i < chosen; i++) {
                pickedDist[i] = distance(vectors, qOff, qa, vectors, s, picked[i]);
            }
            for (int i = 0; i < chosen; i++) {
                addBacklink(s, picked[i], node, pickedDist[i], l, vectors, st);
            }
        }
    }

    /** Copies st.pool (minus {@code self}) into st.selectIds/selectDists, nearest first; returns the count. */
    private static int drainAscending(SearchState st, int self) {
        BeamPool pool = st.pool;
        int found = 0;
        for (int i = 0; i < pool.size(); i++) {
            int node = pool.node(i);
            if (node != self) {
                st.selectIds[found] = node;
                st.selectDists[found] = pool.dist(i);
                found++;
            }
        }
        return found;
    }

    /**
     * The neighbour-selection heuristic (Algorithm 4 of the paper, without extending or keeping
     * pruned candidates, as hnswlib): walking the candidates nearest first, keep one only if it is
     * closer to the base than to every one kept so far, up to {@code max}. Candidates in
     * st.selectIds/selectDists sorted ascending; the kept ids go to st.chosen.
     */
    private int selectNeighbours(Storage s, float[] vectors, SearchState st, int n, int max) {
        int[] chosen = st.chosen;
        if (n <= max) {
            System.arraycopy(st.selectIds, 0, chosen, 0, n);
            return n;
        }
        int kept = 0;
        for (int i = 0; i < n && kept < max; i++) {
            int candidate = st.selectIds[i];
            float toBase = st.selectDists[i];
            int cOff = s.rows[candidate] * dims;
            float cAug = s.aug[candidate];
            boolean good = true;
            for (int j = 0; j < kept; j++) {
                if (distance(vectors, cOff, cAug, vectors, s, chosen[j]) < toBase) {
                    good = false;
                    break;
                }
            }
            if (good) {
                chosen[kept++] = candidate;
            }
        }
        return kept;
    }

    private Object lock(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    private void writeOwnLinks(Storage s, int node, int level, int[] ids, int n) {
        synchronized (lock(node)) {
            if (level == 0) {
                int base = node * stride0;
                System.arraycopy(ids, 0, s.level0, base + 1, n);
                s.level0[base] = n;
            } else {
                int[] block = s.upper[node];
                int base = (level - 1) * strideUp;
                System.arraycopy(ids, 0, block, base + 1, n);
                block[base] = n;
            }
        }
    }

    /** Adds {@code node} to the list of {@code target}, shrinking it with the heuristic when full. */
    private void addBacklink(Storage s, int target, int node, float dist, int level, float[] vectors,
                             SearchState st) {
        int max = level == 0 ? maxM0 : m;
        int[] list;
        int base;
        if (level == 0) {
            list = s.level0;
            base = target * stride0;
        } else {
            list = s.upper[target];
            base = (level - 1) * strideUp;
        }
        synchronized (lock(target)) {
            int n = list[base];
            for (int i = 0; i < n; i++) {
                if (list[base + 1 + i] == node) {
                    return;
                }
            }
            if (n < max) {
                list[base + 1 + n] = node;
                list[base] = n + 1;
                return;
            }
            // Full: choose among the old links and the new node by the heuristic, as seen from target.
            int tOff = s.rows[target] * dims;
            float tAug = s.aug[target];
            int[] ids = st.selectIds;
            float[] dists = st.selectDists;
            for (int i = 0; i < n; i++) {
                ids[i] = list[base + 1 + i];
                dists[i] = distance(vectors, tOff, tAug, vectors, s, ids[i]);
            }
            ids[n] = node;
            dists[n] = dist;
            sortByDistance(ids, dists, n + 1);
            int kept = selectNeighbours(s, vectors, st, n + 1, max);
            System.arraycopy(st.chosen, 0, list, base + 1, kept);
            list[base] = kept;
        }
    }

    /** Insertion sort of a short (≤ 2M + 1) candidate list by distance, ties by id for determinism. */
    private static void sortByDistance(int[] ids, float[] dists, int n) {
        for (int i = 1; i < n; i++) {
            int id = ids[i];
            float d = dists[i];
            int j = i - 1;
            while (j >= 0 && (dists[j] > d || (dists[j] == d && ids[j] > id))) {
                ids[j + 1] = ids[j];
                dists[j + 1] = dists[j];
                j--;
            }
            ids[j + 1] = id;
            dists[j + 1] = d;
        }
    }
}
