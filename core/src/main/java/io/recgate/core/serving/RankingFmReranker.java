package io.recgate.core.serving;

import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleException;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.fm.FmExplanation;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.fm.RankingFmScorer;
import io.recgate.core.fm.RetrievalFeature;
import io.recgate.core.ids.IdMap;
import java.util.Objects;

/**
 * {@link RerankerKind#RANKING_FM}: orders candidates by a {@link RankingFmModel}, whose inputs are
 * the user's and the item's FM features plus each candidate's {@link RetrievalFeature}s computed
 * from the retrieval list itself (score, position, gap to the best, item popularity).
 *
 * <p>Immutable and thread-safe.
 */
public final class RankingFmReranker implements Reranker {

    private final RankingFmScorer scorer;
    private final FmView view;
    private final RetrievalFeature[] features;
    /** {@link RetrievalFeature#LOG_POPULARITY} of every bundle item, computed once: a log per candidate shows. */
    private final float[] logPopularity;

    /**
     * @param itemCounts training interactions per bundle item, or null (popularity then reads 0)
     */
    public RankingFmReranker(RankingFmModel model, IdMap bundleUsers, IdMap bundleItems, int[] itemCounts) {
        this.scorer = new RankingFmScorer(Objects.requireNonNull(model, "model"));
        this.view = new FmView(scorer.sparse(), bundleUsers, bundleItems);
        this.features = model.features().toArray(RetrievalFeature[]::new);
        this.logPopularity = new float[bundleItems.size()];
        for (int i = 0; i < logPopularity.length; i++) {
            logPopularity[i] = RetrievalFeature.logPopularity(itemCounts == null ? 0 : itemCounts[i]);
        }
    }

    /** Reads {@link BundleFiles#RANKING_FM_MODEL} of a verified bundle. */
    static RankingFmReranker read(Bundle bundle, IdMap users, IdMap items, int[] itemCounts) {
        RankingFmModel model = bundle.read(BundleFiles.RANKING_FM_MODEL, RankingFmModel::read);
        if (model.features().contains(RetrievalFeature.LOG_POPULARITY) && itemCounts == null) {
            throw new BundleException(bundle.dir(), BundleFiles.RANKING_FM_MODEL + " uses item popularity but the"
                    + " bundle has no " + BundleFiles.ITEM_COUNTS);
        }
        return new RankingFmReranker(model, users, items, itemCounts);
    }

    @Override
    public RerankerKind kind() {
        return RerankerKind.RANKING_FM;
    }

    @Override
    public void score(ServableBundle bundle, UserSignals user, int[] candidates, float[] retrievalScores, int n,
                      float[] out) {
        RankingFmScorer.Request request = scorer.prepare(view.context(user));
        float[] raw = new float[features.length];
        float[] scratch = new float[features.length];
        RetrievalFeature.ScoreList list = RetrievalFeature.ScoreList.of(retrievalScores, n);
        for (int c = 0; c < n; c++) {
            int fmItem = view.fmItem(candidates[c]);
            if (fmItem < 0) {
                out[c] = Float.NEGATIVE_INFINITY;
                continue;
            }
            values(candidates, list, c, raw);
            out[c] = scorer.score(request, fmItem, raw, scratch);
        }
    }

    @Override
    public FmExplanation explain(ServableBundle bundle, UserSignals user, int item, float retrievalScore,
                                 int topFeatures) {
        int fmItem = view.fmItem(item);
        if (fmItem < 0) {
            return null;
        }
        // Position, gap and z need the whole list; for one item, explain it as if it led the list.
        float[] raw = new float[features.length];
        values(new int[] {item}, RetrievalFeature.ScoreList.of(new float[] {retrievalScore}, 1), 0, raw);
        return scorer.explain(scorer.prepare(view.context(user)), fmItem, raw, topFeatures);
    }

    private void values(int[] candidates, RetrievalFeature.ScoreList list, int position, float[] raw) {
        for (int e = 0; e < raw.length; e++) {
            RetrievalFeature f = features[e];
            raw[e] = f == RetrievalFeature.LOG_POPULARITY ? logPopularity[candidates[position]] : f.value(list, position, 0);
        }
    }
}
