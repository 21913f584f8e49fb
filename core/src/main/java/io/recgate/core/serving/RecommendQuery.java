package io.recgate.core.serving;

/**
 * What to recommend.
 *
 * @param k          results wanted, >= 1
 * @param candidates items retrieved before reranking, >= k
 * @param category   only items of this category, or null
 * @param exclude    bundle item indices never returned, ascending
 * @param reranker   what orders the candidates, or null for the bundle's own
 *                   ({@link ServableBundle#reranker()})
 */
public record RecommendQuery(int k, int candidates, String category, int[] exclude, RerankerKind reranker) {

    private static final int[] NONE = new int[0];

    public RecommendQuery {
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + " must be >= 1");
        }
        if (candidates < k) {
            throw new IllegalArgumentException("candidates " + candidates + " must be >= k " + k);
        }
        exclude = exclude == null ? NONE : exclude;
    }

    /** Top k of {@code candidates}, no filter, ordered as the bundle orders them. */
    public static RecommendQuery of(int k, int candidates) {
        return new RecommendQuery(k, candidates, null, NONE, null);
    }

    /** The same query ordered by {@code kind}. */
    public RecommendQuery withReranker(RerankerKind kind) {
        return new RecommendQuery(k, candidates, category, exclude, kind);
    }
}
