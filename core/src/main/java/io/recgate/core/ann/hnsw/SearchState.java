package io.recgate.core.ann.hnsw;

/**
 * Scratch of one searching or building thread, reused across searches so that a search allocates
 * only its result: a generation-stamped visited array (a node is visited in this search iff
 * {@code visited[node] == generation}, so clearing is one increment), the candidate and result
 * heaps of filtered searches, the beam pool of unfiltered ones, a copy of the neighbour list being
 * expanded, the neighbour-selection buffers, the scaled query and the scores of a packed scan.
 * Not thread-safe.
 */
final class SearchState {

    int[] visited = new int[0];
    private int generation;
    final NodeHeap candidates = new NodeHeap(64);
    /** Results keyed by score (= −distance): the top is the worst kept result. */
    final NodeHeap results = new NodeHeap(64);
    /** A filtered search's beam when it is narrower than its results (ef below k). */
    final NodeHeap beam = new NodeHeap(64);
    /** The beam of an unfiltered search (the build's, and queries without filter). */
    final BeamPool pool = new BeamPool();
    int[] links = new int[64];
    /** Distances of the neighbours in {@link #links}, computed in one batch. */
    float[] dists = new float[64];
    int[] selectIds = new int[64];
    float[] selectDists = new float[64];
    int[] chosen = new int[64];
    int[] picked = new int[64];
    float[] pickedDists = new float[64];
    final TopResults top = new TopResults();
    /** A query scaled by a graph's quantizer. */
    private float[] scaled = new float[0];
    /** Scores of a packed scan. */
    private float[] scores = new float[0];
    private int[] positions = new int[0];

    /** Output of a greedy descent. */
    int bestNode;
    /** Set by a budgeted search that stopped early. */
    boolean exhausted;


    /** Starts a new visited set over node ids {@code [0, nodes)}; returns its stamp. */
    int nextGeneration(int nodes) {
        if (visited.length < nodes) {
            visited = new int[Math.max(nodes, visited.length + (visited.length >> 1))];
            generation = 0;
        }
        if (++generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(visited, 0);
            generation = 1;
        }
        return generation;
    }

    void ensureSelect(int n) {
        if (selectIds.length < n) {
            selectIds = new int[n];
            selectDists = new float[n];
            chosen = new int[n];
            picked = new int[n];
            pickedDists = new float[n];
        }
    }

    float[] scaled(int dims) {
        if (scaled.length < dims) {
            scaled = new float[dims];
        }
        return scaled;
    }

    float[] scores(int n) {
        if (scores.length < n) {
            scores = new float[n];
        }
        return scores;
    }

    /** Room for {@code n} positions into {@link #scores}: those a packed scan offers. */
    int[] positions(int n) {
        if (positions.length < n) {
            positions = new int[n];
        }
        return positions;
    }

    void ensureLinks(int n) {
        if (links.length < n) {
            links = new int[n];
            dists = new float[n];
        }
    }
}
