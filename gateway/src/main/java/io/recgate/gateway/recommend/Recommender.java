package io.recgate.gateway.recommend;

import io.recgate.core.ann.SearchResult;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.fm.FeatureGroup;
import io.recgate.core.fm.FmExplanation;
import io.recgate.core.serving.RecommendQuery;
import io.recgate.core.serving.RecommendationPipeline;
import io.recgate.core.serving.RecommendationPipeline.Explanation;
import io.recgate.core.serving.Recommendations;
import io.recgate.core.serving.ServableBundle;
import io.recgate.core.serving.UserSignals;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's side of {@link RecommendationPipeline}: runs it and writes its answer as JSON. The
 * pipeline itself lives in core, so the served list here is exactly the list offline evaluation
 * scores.
 *
 * <p>Stateless and thread-safe; {@link Timings} receive the per-stage durations.
 */
public final class Recommender {

    /** Reranker features listed per explained item. */
    private static final int EXPLAIN_FEATURES = 5;

    /** Where the per-request stage timings go. */
    public interface Timings {
        /** One request's retrieval (user vector + index search), rerank and candidate count. */
        void record(long retrievalNanos, long rerankNanos, int candidates, boolean coldStart);
    }

    private final Timings timings;
    private final PopularityRanks ranks = new PopularityRanks();

    public Recommender(Timings timings) {
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /**
     * Runs the pipeline.
     *
     * @param explain add the reranker's contributions and "because you liked"; for a cold-start list,
     *                why each item is there: {@code {"reason":"popular","popularityRank",
     *                "trainingInteractions"?,"trainingShare"?}} (the counts when the bundle has them)
     * @return {@code {"coldStart":bool,"reranker":name,"items":[{"id","title","categories","score",
     *     "retrievalScore"?,"predictedRating"?,"explanation"?,"becauseYouLiked"?}]}}
     */
    public JsonObject recommend(ServableBundle b, UserSignals s, RecommendQuery q, boolean explain) {
        Recommendations r = RecommendationPipeline.recommend(b, s, q);
        timings.record(r.retrievalNanos(), r.rerankNanos(), r.candidates(), r.coldStart());
        JsonArray out = new JsonArray();
        for (int p = 0; p < r.size(); p++) {
            int item = r.items()[p];
            JsonObject json = item(b, item, r.scores()[p]);
            if (!r.coldStart()) {
                json.put("retrievalScore", r.retrievalScores()[p]);
            }
            if (r.predictedRatings() != null && !Float.isNaN(r.predictedRatings()[p])) {
                json.put("predictedRating", r.predictedRatings()[p]);
            }
            if (explain && r.coldStart()) {
                json.put("explanation", popularity(b, item, new JsonObject().put("reason", "popular")));
            } else if (explain) {
                Explanation e = RecommendationPipeline.explain(b, s, r.reranker(), item, r.retrievalScores()[p],
                        EXPLAIN_FEATURES);
                if (e.reranker() != null) {
                    json.put("explanation", explanation(e.reranker()));
                }
                JsonArray because = new JsonArray();
                for (RecommendationPipeline.Similar similar : e.becauseYouLiked()) {
                    ItemMetadata m = b.item(similar.item());
                    because.add(new JsonObject().put("id", m.id()).put("title", m.title())
                            .put("similarity", similar.similarity()));
                }
                json.put("becauseYouLiked", because);
            }
            out.add(json);
        }
        return new JsonObject().put("coldStart", r.coldStart()).put("reranker", r.reranker().cliName())
                .put("items", out);
    }

    /** Items most similar to {@code item} by cosine: {@code {"items":[{"id","title","categories","score"}]}}. */
    public JsonObject similar(ServableBundle b, int item, int k) {
        SearchResult found = RecommendationPipeline.similar(b, item, k);
        JsonArray out = new JsonArray();
        for (int r = 0; r < found.size(); r++) {
            out.add(item(b, found.items()[r], found.scores()[r]));
        }
        return new JsonObject().put("items", out);
    }

    /**
     * An item of the bundle: {@code {"id","title","categories","popularityRank"?,"trainingInteractions"?,
     * "trainingShare"?}}. O(items) the first time per bundle version (the popularity ranks), then O(1):
     * call off the event loop unless {@link #describeIsCheap} says otherwise.
     */
    public JsonObject describeItem(ServableBundle b, int item) {
        ItemMetadata m = b.item(item);
        return popularity(b, item, new JsonObject().put("id", m.id()).put("title", m.title())
                .put("categories", new JsonArray(m.categories())));
    }

    /** True when {@link #describeItem} is O(1) for this bundle (its popularity ranks are computed already). */
    public boolean describeIsCheap(ServableBundle b) {
        return ranks.cached(b) != null;
    }

    /** Adds the item's popularity rank (1 = most popular) and, when the bundle has counts, its training count and share. */
    private JsonObject popularity(ServableBundle b, int item, JsonObject json) {
        int rank = ranks.of(b)[item];
        if (rank > 0) {
            json.put("popularityRank", rank);
        }
        int count = b.itemCount(item);
        if (count >= 0) {
            json.put("trainingInteractions", count)
                    .put("trainingShare", (double) count / Math.max(1, b.trainingInteractions()));
        }
        return json;
    }

    private static JsonObject explanation(FmExplanation e) {
        JsonObject groups = new JsonObject();
        for (Map.Entry<FeatureGroup, Float> g : e.byUserGroup().entrySet()) {
            groups.put(g.getKey().name().toLowerCase(Locale.ROOT), g.getValue());
        }
        JsonArray features = new JsonArray();
        for (FmExplanation.FeatureContribution c : e.topFeatures()) {
            features.add(new JsonObject().put("feature", c.feature())
                    .put("group", c.group().name().toLowerCase(Locale.ROOT))
                    .put("contribution", c.contribution()));
        }
        return new JsonObject().put("score", e.score()).put("globalBias", e.globalBias())
                .put("userPairwise", e.userPairwise()).put("itemSide", e.itemSide())
                .put("byUserGroup", groups).put("topFeatures", features);
    }

    private static JsonObject item(ServableBundle b, int item, float score) {
        ItemMetadata m = b.item(item);
        return new JsonObject().put("id", m.id()).put("title", m.title())
                .put("categories", new JsonArray(m.categories())).put("score", score);
    }
}
