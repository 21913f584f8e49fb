package io.recgate.core.serving;

import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.FmExplanation;
import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.FmScorer;
import io.recgate.core.fm.FmScorer.UserContext;
import io.recgate.core.ids.IdMap;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An {@link FmModel} seen through a bundle's indices: the FM has its own id maps (it may know fewer
 * users and items than the retrieval model), so this maps bundle indices to the FM's and builds a
 * request's FM user context from the user's stored features plus the live history as implicit
 * feedback. As a {@link Reranker} it orders by the FM's prediction: {@link RerankerKind#RATING_FM}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FmView implements Reranker {

    private final FmScorer scorer;
    private final int[] itemToFm;
    private final int[] userToFm;

    /** Precomputes the FM's item side and the index maps: O(items · item features · k). */
    public FmView(FmModel model, IdMap bundleUsers, IdMap bundleItems) {
        this(new FmScorer(Objects.requireNonNull(model, "model")), bundleUsers, bundleItems);
    }

    /** A view of an existing scorer (e.g. the sparse part of a ranking FM). */
    FmView(FmScorer scorer, IdMap bundleUsers, IdMap bundleItems) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.itemToFm = remap(bundleItems, scorer.model().space().items());
        this.userToFm = remap(bundleUsers, scorer.model().space().users());
    }

    @Override
    public RerankerKind kind() {
        return RerankerKind.RATING_FM;
    }

    /** The scorer over the FM's own indices. */
    public FmScorer scorer() {
        return scorer;
    }

    /** The FM's index of bundle item {@code item}, or -1 when the FM does not know it. */
    public int fmItem(int item) {
        return itemToFm[item];
    }

    /**
     * The FM user context of a request: the stored features of a known user without live history,
     * else the user's tokens with the stored rated items plus the history's.
     */
    public UserContext context(UserSignals s) {
        int fmUser = s.user() >= 0 ? userToFm[s.user()] : -1;
        if (fmUser >= 0 && s.historyItems().length == 0) {
            return scorer.prepare(fmUser);
        }
        FeatureSpace space = scorer.model().space();
        int[] stored = fmUser >= 0 ? space.ratedItems(fmUser) : new int[0];
        int[] rated = Arrays.copyOf(stored, stored.length + s.historyItems().length);
        int n = stored.length;
        for (int item : s.historyItems()) {
            int fmItem = itemToFm[item];
            if (fmItem >= 0) {
                rated[n++] = fmItem;
            }
        }
        List<String> tokens = fmUser >= 0 ? space.userTokens(fmUser) : List.of();
        return scorer.prepare(space.encodeUser(fmUser, tokens, Arrays.copyOf(rated, n)));
    }

    /** The FM's prediction for bundle item {@code item}, or NaN when the FM does not know it. */
    public float predict(UserContext context, int item) {
        int fmItem = itemToFm[item];
        return fmItem >= 0 ? scorer.score(context, fmItem) : Float.NaN;
    }

    @Override
    public void score(ServableBundle bundle, UserSignals user, int[] candidates, float[] retrievalScores, int n,
                      float[] out) {
        UserContext context = context(user);
        for (int c = 0; c < n; c++) {
            int fmItem = itemToFm[candidates[c]];
            out[c] = fmItem >= 0 ? scorer.score(context, fmItem) : Float.NEGATIVE_INFINITY;
        }
    }

    @Override
    public FmExplanation explain(ServableBundle bundle, UserSignals user, int item, float retrievalScore,
                                 int topFeatures) {
        int fmItem = itemToFm[item];
        return fmItem >= 0 ? scorer.explain(context(user), fmItem, topFeatures) : null;
    }

    private static int[] remap(IdMap from, IdMap to) {
        int[] out = new int[from.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = to.indexOf(from.id(i));
        }
        return out;
    }
}
