package io.recgate.core.serving;

import io.recgate.core.ann.SearchResult;
import io.recgate.core.fm.FmExplanation;
import io.recgate.core.fm.FmScorer.UserContext;
import io.recgate.kernels.TopK;
import io.recgate.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The served pipeline, one copy for the gateway and for offline evaluation: user vector → ANN
 * candidates → exclusions and filters → rerank → top k, on one {@link ServableBundle}.
 * <ol>
 *   <li>user vector: the bundle's user factors, or a fold-in ({@link io.recgate.core.model.FoldIn})
 *       of the training items plus the live history when there is a live history (recent events,
 *       or an anonymous session's items);</li>
 *   <li>cold start: no bundle user and no history → the popularity order, filtered;</li>
 *   <li>candidates: the retrieval index by inner product with {@code ef = max(candidates, index ef)},
 *       accepting only items that are not seen (training + history), not excluded and in the
 *       category when one is asked for; the index returns {@code min(candidates, accepted)} items;</li>
 *   <li>rerank: the query's reranker, else the bundle's ({@link ServableBundle#reranker()}); with
 *       none, retrieval order; top k (ties: retrieval order).</li>
 * </ol>
 *
 * <p>Stateless and thread-safe: synchronous CPU work that the caller runs where it may block.
 */
public final class RecommendationPipeline {

    /** "Because you liked" items per explained item. */
    private static final int BECAUSE_ITEMS = 2;

    private RecommendationPipeline() {
    }

    /**
     * Runs the pipeline.
     *
     * @throws IllegalArgumentException when the query asks for a reranker the bundle does not have
     */
    public static Recommendations recommend(ServableBundle b, UserSignals s, RecommendQuery q) {
        long start = System.nanoTime();
        RerankerKind kind = q.reranker() != null ? q.reranker() : b.reranker();
        Reranker reranker = b.reranker(kind);
        int[] seen = seen(b, s);
        BitSet category = q.category() == null ? null : b.category(q.category());
        if (q.category() != null && category == null) {
            category = new BitSet();
        }
        IntPredicate accept = accept(seen, q.exclude(), category);
        if (s.isCold()) {
            return coldStart(b, q, accept, start);
        }
        float[] vector = userVector(b, s);
        SearchResult found = b.retrieval().search(vector, q.candidates(), Math.max(q.candidates(), b.retrievalEf()),
                accept);
        long retrieved = System.nanoTime();
        int n = found.size();
        float[] retrievalScores = found.scores();
        float[] ranking = retrievalScores;
        if (reranker != null && n > 0) {
            ranking = new float[n];
            reranker.score(b, s, found.items(), retrievalScores, n, ranking);
        }
        // The index returns candidates best first, and TopK breaks ties by lower position, so equal
        // rerank scores keep retrieval order.
        int[] top = TopK.largest(ranking, n, Math.min(q.k(), n));
        int[] items = new int[top.length];
        float[] scores = new float[top.length];
        float[] retrieval = new float[top.length];
        for (int r = 0; r < top.length; r++) {
            items[r] = found.items()[top[r]];
            scores[r] = ranking[top[r]];
            retrieval[r] = retrievalScores[top[r]];
        }
        float[] predicted = predictedRatings(b, s, items);
        long reranked = System.nanoTime();
        return new Recommendations(false, reranker == null ? RerankerKind.NONE : kind, items, scores, retrieval,
                predicted, n, retrieved - start, reranked - retrieved);
    }

    /** Items most similar to {@code item} by cosine, best first, without the item itself. */
    public static SearchResult similar(ServableBundle b, int item, int k) {
        return b.similar().similarTo(item, k, Math.max(k, b.similarEf()), null);
    }

    /**
     * Why {@code item} is recommended to the user: the reranker's explanation (null when it cannot
     * say) and the user's own items most similar to it by cosine. Not for the hot path.
     */
    public static Explanation explain(ServableBundle b, UserSignals s, RerankerKind kind, int item,
                                      float retrievalScore, int topFeatures) {
        Reranker reranker = b.reranker(kind);
        FmExplanation fm = reranker == null ? null : reranker.explain(b, s, item, retrievalScore, topFeatures);
        return new Explanation(fm, because(b, item, seen(b, s)));
    }

    /**
     * An explanation of one recommended item.
     *
     * @param reranker        the reranker's split of the score, or null
     * @param becauseYouLiked the user's items most similar to the recommended one, most similar first
     */
    public record Explanation(FmExplanation reranker, List<Similar> becauseYouLiked) {
    }

    /** A bundle item and its cosine similarity to another item. */
    public record Similar(int item, float similarity) {
    }

    private static float[] predictedRatings(ServableBundle b, UserSignals s, int[] items) {
        FmView rating = b.ratingFm();
        if (rating == null || items.length == 0) {
            return null;
        }
        UserContext context = rating.context(s);
        float[] out = new float[items.length];
        for (int r = 0; r < items.length; r++) {
            out[r] = rating.predict(context, items[r]);
        }
        return out;
    }

    private static Recommendations coldStart(ServableBundle b, RecommendQuery q, IntPredicate accept, long start) {
        int[] order = b.popularity();
        int[] items = new int[Math.min(q.k(), order.length)];
        float[] scores = new float[items.length];
        long total = Math.max(1, b.trainingInteractions());
        int n = 0;
        for (int p = 0; p < order.length && n < items.length; p++) {
            int item = order[p];
            if (accept.test(item)) {
                int count = b.itemCount(item);
                items[n] = item;
                // The item's share of training interactions; without counts, a rank-based stand-in.
                scores[n++] = count >= 0 ? (float) ((double) count / total) : 1f / (p + 1);
            }
        }
        float[] retrieval = new float[n];
        Arrays.fill(retrieval, Float.NaN);
        return new Recommendations(true, RerankerKind.NONE, Arrays.copyOf(items, n), Arrays.copyOf(scores, n),
                retrieval, null, 0, System.nanoTime() - start, 0);
    }

    /** Training items of the user plus the history, ascending, duplicates kept (harmless for binary search). */
    private static int[] seen(ServableBundle b, UserSignals s) {
        int from = s.user() >= 0 ? b.seenStart(s.user()) : 0;
        int to = s.user() >= 0 ? b.seenEnd(s.user()) : 0;
        int[] seen = new int[to - from + s.historyItems().length];
        System.arraycopy(b.seenItems(), from, seen, 0, to - from);
        System.arraycopy(s.historyItems(), 0, seen, to - from, s.historyItems().length);
        Arrays.sort(seen);
        return seen;
    }

    private static IntPredicate accept(int[] seen, int[] exclude, BitSet category) {
        return item -> Arrays.binarySearch(seen, item) < 0 && Arrays.binarySearch(exclude, item) < 0
                && (category == null || category.get(item));
    }

    private static float[] userVector(ServableBundle b, UserSignals s) {
        int dims = b.dims();
        float[] vector = new float[dims];
        if (s.historyItems().length == 0) {
            System.arraycopy(b.factors().userFactors(), s.user() * dims, vector, 0, dims);
            return vector;
        }
        int from = s.user() >= 0 ? b.seenStart(s.user()) : 0;
        int to = s.user() >= 0 ? b.seenEnd(s.user()) : 0;
        int n = to - from + s.historyItems().length;
        int[] items = new int[n];
        float[] values = new float[n];
        for (int p = from; p < to; p++) {
            items[p - from] = b.seenItems()[p];
            values[p - from] = b.seenValue(p);
        }
        System.arraycopy(s.historyItems(), 0, items, to - from, s.historyItems().length);
        System.arraycopy(s.historyValues(), 0, values, to - from, s.historyValues().length);
        b.foldIn().foldInto(items, values, n, b.foldIn().newScratch(), vector);
        return vector;
    }

    /** The user's own items (training + history) most similar to {@code item} by cosine. */
    private static List<Similar> because(ServableBundle b, int item, int[] seen) {
        int dims = b.dims();
        float[] unit = b.normalizedItems();
        int[] best = new int[BECAUSE_ITEMS];
        float[] bestScore = new float[BECAUSE_ITEMS];
        Arrays.fill(best, -1);
        Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
        for (int p = 0; p < seen.length; p++) {
            int other = seen[p];
            if (p > 0 && seen[p - 1] == other) {
                continue;
            }
            float score = VectorKernels.dot(unit, item * dims, unit, other * dims, dims);
            for (int slot = 0; slot < BECAUSE_ITEMS; slot++) {
                if (score > bestScore[slot]) {
                    System.arraycopy(best, slot, best, slot + 1, BECAUSE_ITEMS - slot - 1);
                    System.arraycopy(bestScore, slot, bestScore, slot + 1, BECAUSE_ITEMS - slot - 1);
                    best[slot] = other;
                    bestScore[slot] = score;
                    break;
                }
            }
        }
        List<Similar> out = new ArrayList<>(BECAUSE_ITEMS);
        for (int slot = 0; slot < BECAUSE_ITEMS && best[slot] >= 0; slot++) {
            out.add(new Similar(best[slot], bestScore[slot]));
        }
        return out;
    }
}
