package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.FmModel;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import java.util.Objects;

/**
 * Trains a second-order Factorization Machine by MCMC (see {@link GibbsSampler}) on a
 * {@link Dataset}'s values (ratings for explicit data), with the feature groups chosen in
 * {@link FmParams}: user and item ids always, user and item side tokens and the implicit group
 * (each user's rated items in {@code train}) optionally.
 *
 * <p>MCMC predicts with the average over posterior samples. The returned model reproduces that
 * average exactly for the kept samples: w0 and w are averaged, and the factors of the S kept
 * samples are concatenated, each scaled by 1/sqrt(S), so that its pairwise term is the mean of the
 * samples' pairwise terms. The model therefore has {@code factors × keptSamples} factors.
 *
 * <p>Single-threaded and deterministic: the same data and parameters give the same model bytes.
 */
public final class FmTrainer {

    private FmTrainer() {
    }

    /**
     * @param train    training data; its side features are used as {@code params} selects
     * @param params   hyperparameters
     * @param listener called after each sweep, on this thread
     * @return the averaged model, ready for {@link io.recgate.core.fm.FmScorer}
     * @throws IllegalArgumentException when the data has no interactions or a non-finite value
     */
    public static FmModel train(Dataset train, FmParams params, FmProgressListener listener) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
        Interactions data = train.interactions();
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training interactions");
        }
        double[] y = new double[data.size()];
        for (int c = 0; c < y.length; c++) {
            float value = data.value(c);
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("interaction " + c + " has value " + value);
            }
            y[c] = value;
        }
        FeatureSpace space = featureSpace(train, params);
        GibbsSampler sampler = new GibbsSampler(space, data.userColumn(), data.itemColumn(), y, params.factors(),
                params.initStdev(), params.seed());

        int kept = params.keptSamples();
        int exportK = params.exportedFactors();
        int n = space.numFeatures();
        double[] w0Sum = new double[1];
        double[] wSum = new double[n];
        float[] exportV = new float[n * exportK];
        double scale = 1 / Math.sqrt(kept);
        // Kept sweeps are evenly spaced, the last one being the final sweep.
        int spacing = (params.iterations() - params.burnIn()) / kept;
        int slot = 0;
        for (int t = 1; t <= params.iterations(); t++) {
            double rmse = sampler.sweep();
            int fromEnd = params.iterations() - t;
            boolean keep = fromEnd % spacing == 0 && fromEnd / spacing < kept;
            if (keep) {
                sampler.addSampleTo(w0Sum, wSum, exportV, exportK, slot++, scale);
            }
            listener.onIteration(t, params.iterations(), rmse, keep);
        }
        float[] w = new float[n];
        for (int j = 0; j < n; j++) {
            w[j] = (float) (wSum[j] / kept);
        }
        return new FmModel(space, exportK, (float) (w0Sum[0] / kept), w, exportV);
    }

    /** The feature space the trainer uses for this data and these parameters. */
    static FeatureSpace featureSpace(Dataset train, FmParams params) {
        Interactions data = train.interactions();
        int[][] rated = null;
        if (params.implicit()) {
            int users = data.users().size();
            int[] count = new int[users];
            for (int c = 0; c < data.size(); c++) {
                count[data.user(c)]++;
            }
            rated = new int[users][];
            for (int u = 0; u < users; u++) {
                rated[u] = new int[count[u]];
            }
            int[] fill = new int[users];
            for (int c = 0; c < data.size(); c++) {
                rated[data.user(c)][fill[data.user(c)]++] = data.item(c);
            }
        }
        return FeatureSpace.of(data.users(), data.items(),
                params.userTokens() ? train.userFeatures().tokens() : null,
                params.itemTokens() ? train.itemFeatures().tokens() : null, rated);
    }
}
