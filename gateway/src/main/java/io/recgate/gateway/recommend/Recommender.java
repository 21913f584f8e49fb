package io.recgate.gateway.recommend;

import io.recgate.core.ann.SearchResult;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.fm.FeatureGroup;
import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.FmExplanation;
import io.recgate.core.fm.FmScorer;
import io.recgate.core.fm.FmScorer.UserContext;
import io.recgate.gateway.bundle.LiveBundle;
import io.recgate.kernels.TopK;
import io.recgate.kernels.VectorKernels;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The retrieve → filter → rerank pipeline on one {@link LiveBundle}, synchronous CPU work:
 * <ol>
 *   <li>user vector: the bundle's user factors, or a fold-in ({@link io.recgate.core.model.FoldIn})
 *       of the training items plus the live history when there is a live history (recent events,
 *       or an anonymous session's items);</li>
 *   <li>cold start: no bundle user and no history → the popularity order, filtered;</li>
 *   <li>candidates: the retrieval index by inner product with {@code ef = max(candidates, index ef)},
 *       accepting only items that are not seen (training + history), not excluded and in the
 *       category when one is asked for; the index returns {@code min(candidates, accepted)} items;</li>
 *   <li>rerank: the FM score when the bundle has an FM (user context from the FM's stored user
 *       features plus the history as implicit feedback), else the retrieval score; top k.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe; {@link Timings} receive the per-stage durations.
 */
public final class Recommender {

    /** FM features listed per explained item. */
    private static final int EXPLAIN_FEATURES = 5;
    /** "Because you liked" items per explained item. */
    private static final int BECAUSE_ITEMS = 2;

    /** Where the per-request stage timings go. */
    public interface Timings {
        /** One request's retrieval (user vector + index search), rerank and candidate count. */
        void record(long retrievalNanos, long rerankNanos, int candidates, boolean coldStart);
    }

    private final Timings timings;

    public Recommender(Timings timings) {
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /**
     * What to recommend.
     *
     * @param k          results wanted, >= 1
     * @param candidates items retrieved before reranking, >= k
     * @param category   only items of this category, or null
     * @param exclude    bundle item indices never returned, ascending
     * @param explain    add FM contributions and "because you liked"
     */
    public record Query(int k, int candidates, String category, int[] exclude, boolean explain) {
    }

    /**
     * A user's live signals, resolved against the bundle.
     *
     * @param user          bundle user index, or -1 (unknown user or anonymous session)
     * @param historyItems  item indices of recent events (newest first) or the session's items
     * @param historyValues fold-in values aligned with {@code historyItems}
     */
    public record Signals(int user, int[] historyItems, float[] historyValues) {
    }

    /**
     * Runs the pipeline.
     *
     * @return {@code {"coldStart":bool,"items":[{"id","title","categories","score","retrievalScore"?,
     *     "explanation"?,"becauseYouLiked"?}]}}
     */
    public JsonObject recommend(LiveBundle b, Signals s, Query q) {
        long start = System.nanoTime();
        int[] seen = seen(b, s);
        BitSet category = q.category() == null ? null : b.category(q.category());
        if (q.category() != null && category == null) {
            category = new BitSet();
        }
        IntPredicate accept = accept(seen, q.exclude(), category);
        if (s.user() < 0 && s.historyItems().length == 0) {
            return coldStart(b, q, accept, start);
        }
        float[] vector = userVector(b, s);
        SearchResult found = b.retrieval().search(vector, q.candidates(), Math.max(q.candidates(), b.retrievalEf()), accept);
        long retrieved = System.nanoTime();
        int n = found.size();
        float[] scores = found.scores();
        FmScorer fm = b.fm();
        UserContext context = null;
        float[] ranking = scores;
        if (fm != null && n > 0) {
            context = fmContext(b, s);
            ranking = new float[n];
            for (int c = 0; c < n; c++) {
                int fmItem = b.fmItem(found.items()[c]);
                // Items the FM does not know rank after every FM-scored one, by retrieval order.
                ranking[c] = fmItem >= 0 ? fm.score(context, fmItem) : Float.NEGATIVE_INFINITY;
            }
        }
        int[] top = TopK.largest(ranking, n, Math.min(q.k(), n));
        long reranked = System.nanoTime();
        JsonArray out = new JsonArray();
        for (int t : top) {
            int item = found.items()[t];
            boolean fmScored = context != null && b.fmItem(item) >= 0;
            JsonObject json = item(b, item, fmScored ? ranking[t] : scores[t]).put("retrievalScore", scores[t]);
            if (q.explain()) {
                if (fmScored) {
                    json.put("explanation", explanation(fm.explain(context, b.fmItem(item), EXPLAIN_FEATURES)));
                }
                json.put("becauseYouLiked", because(b, item, seen));
            }
            out.add(json);
        }
        timings.record(retrieved - start, reranked - retrieved, n, false);
        return new JsonObject().put("coldStart", false).put("items", out);
    }

    /** Items most similar to {@code item} by cosine: {@code {"items":[{"id","title","categories","score"}]}}. */
    public JsonObject similar(LiveBundle b, int item, int k) {
        SearchResult found = b.similar().similarTo(item, k, Math.max(k, b.similarEf()), null);
        JsonArray out = new JsonArray();
        for (int r = 0; r < found.size(); r++) {
            out.add(item(b, found.items()[r], found.scores()[r]));
        }
        return new JsonObject().put("items", out);
    }

    private JsonObject coldStart(LiveBundle b, Query q, IntPredicate accept, long start) {
        JsonArray out = new JsonArray();
        int[] order = b.popularity();
        for (int p = 0; p < order.length && out.size() < q.k(); p++) {
            int item = order[p];
            if (accept.test(item)) {
                int count = b.itemCount(item);
                out.add(item(b, item, count >= 0 ? count : order.length - p));
            }
        }
        timings.record(System.nanoTime() - start, 0, 0, true);
        return new JsonObject().put("coldStart", true).put("items", out);
    }

    /** Training items of the user plus the history, ascending, duplicates kept (harmless for binary search). */
    private static int[] seen(LiveBundle b, Signals s) {
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

    private static float[] userVector(LiveBundle b, Signals s) {
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

    private static UserContext fmContext(LiveBundle b, Signals s) {
        FmScorer fm = b.fm();
        int fmUser = s.user() >= 0 ? b.fmUser(s.user()) : -1;
        if (fmUser >= 0 && s.historyItems().length == 0) {
            return fm.prepare(fmUser);
        }
        FeatureSpace space = fm.model().space();
        int[] stored = fmUser >= 0 ? space.ratedItems(fmUser) : new int[0];
        int[] rated = Arrays.copyOf(stored, stored.length + s.historyItems().length);
        int n = stored.length;
        for (int item : s.historyItems()) {
            int fmItem = b.fmItem(item);
            if (fmItem >= 0) {
                rated[n++] = fmItem;
            }
        }
        List<String> tokens = fmUser >= 0 ? space.userTokens(fmUser) : List.of();
        return fm.prepare(space.encodeUser(fmUser, tokens, Arrays.copyOf(rated, n)));
    }

    /** The user's own items (training + history) most similar to {@code item} by cosine. */
    private static JsonArray because(LiveBundle b, int item, int[] seen) {
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
        JsonArray out = new JsonArray();
        for (int slot = 0; slot < BECAUSE_ITEMS && best[slot] >= 0; slot++) {
            ItemMetadata m = b.item(best[slot]);
            out.add(new JsonObject().put("id", m.id()).put("title", m.title()).put("similarity", bestScore[slot]));
        }
        return out;
    }

    private static JsonObject explanation(FmExplanation e) {
        JsonObject groups = new JsonObject();
        for (Map.Entry<FeatureGroup, Float> g : e.byUserGroup().entrySet()) {
            groups.put(g.getKey().name().toLowerCase(java.util.Locale.ROOT), g.getValue());
        }
        JsonArray features = new JsonArray();
        for (FmExplanation.FeatureContribution c : e.topFeatures()) {
            features.add(new JsonObject().put("feature", c.feature())
                    .put("group", c.group().name().toLowerCase(java.util.Locale.ROOT))
                    .put("contribution", c.contribution()));
        }
        return new JsonObject().put("score", e.score()).put("globalBias", e.globalBias())
                .put("userPairwise", e.userPairwise()).put("itemSide", e.itemSide())
                .put("byUserGroup", groups).put("topFeatures", features);
    }

    private static JsonObject item(LiveBundle b, int item, float score) {
        ItemMetadata m = b.item(item);
        return new JsonObject().put("id", m.id()).put("title", m.title())
                .put("categories", new JsonArray(m.categories())).put("score", score);
    }
}
