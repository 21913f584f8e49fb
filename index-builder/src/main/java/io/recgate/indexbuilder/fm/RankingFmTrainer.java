package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.fm.RetrievalFeature;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.als.AlsParams;
import io.recgate.indexbuilder.als.ImplicitAls;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.kernels.TopK;
import io.recgate.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a {@link RankingFmModel} to reorder the retrieval model's candidates so that the items a
 * user goes on to pick come first.
 *
 * <p>Training lists must look like served lists, whose candidates the retrieval model has never
 * seen as positives; so each user's interactions are cut into {@link RankingFmParams#folds()} parts,
 * and for each part an implicit ALS with the retrieval model's parameters is fitted on the others.
 * Its top-C unseen candidates for the user are the list; the held-out items in the list's top
 * window are positives and other items of the window are hard negatives (BPR triples: positive before negative). The
 * features of a pair are the user's (history as the implicit group, optionally side tokens), the
 * item's (id, optionally tokens) and the candidate's {@link RetrievalFeature}s in that list. The
 * loss is BPR, −ln σ(y⁺ − y⁻), minimised by Adam on minibatches with L2 weight decay.
 *
 * <p>The exported model keeps the learned weights over a feature space whose history is the user's
 * whole training data, as serving sees it. Single-threaded apart from the ALS fits; the same data,
 * parameters and seed give the same model.
 */
public final class RankingFmTrainer {

    /** Called once per epoch (and per fold while the lists are made) with the progress so far. */
    public interface Listener {
        void onStep(String stage, int done, int total);
    }

    private RankingFmTrainer() {
    }

    /**
     * @param train     training data (explicit values are treated as clicks, as implicit ALS does)
     * @param retrieval the retrieval model's implicit ALS parameters, refitted per fold
     * @throws IllegalArgumentException when no held-out item reaches a candidate list (too little data)
     */
    public static RankingFmModel train(Dataset train, AlsParams retrieval, RankingFmParams p, Listener listener) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(p, "params");
        Interactions data = train.interactions();
        int users = data.users().size();
        int items = data.items().size();
        SplittableRandom random = new SplittableRandom(p.seed());
        int[] fold = assignFolds(data, p.folds(), random.split());
        BprTriples triples = new BprTriples(p.features().size());
        List<FeatureSpace> spaces = new ArrayList<>();
        for (int f = 0; f < p.folds(); f++) {
            listener.onStep("candidate lists", f, p.folds());
            int[] fitRows = rows(fold, f, false);
            int[] heldRows = rows(fold, f, true);
            Interactions fit = ones(data.select(fitRows));
            FactorModel als = ImplicitAls.train(fit, retrieval, (it, n, elapsed, loss) -> { });
            int[][] seen = byUser(fit, users);
            int[][] held = byUser(data.select(heldRows), users);
            int[] counts = new int[items];
            for (int r = 0; r < fit.size(); r++) {
                counts[fit.item(r)]++;
            }
            spaces.add(space(train, p, seen));
            addLists(als, seen, held, counts, f, p, random.split(), triples);
        }
        listener.onStep("candidate lists", p.folds(), p.folds());
        if (triples.size() == 0) {
            throw new IllegalArgumentException("ranking FM: no held-out interaction reached a candidate list of "
                    + p.candidates() + "; the data is too small to train a reranker");
        }
        float[][] standard = triples.standardize();
        BprFm model = new BprFm(spaces.get(0), p, random.split());
        model.fit(triples, spaces, p, random.split(), listener);
        FeatureSpace serving = space(train, p, byUser(data, users));
        return model.export(serving, p, standard[0], standard[1]);
    }

    /** Each user's rows dealt round-robin into folds after a seeded shuffle. */
    private static int[] assignFolds(Interactions data, int folds, SplittableRandom random) {
        int[][] rows = new int[data.users().size()][];
        int[] count = new int[rows.length];
        for (int r = 0; r < data.size(); r++) {
            count[data.user(r)]++;
        }
        for (int u = 0; u < rows.length; u++) {
            rows[u] = new int[count[u]];
        }
        int[] fill = new int[rows.length];
        for (int r = 0; r < data.size(); r++) {
            rows[data.user(r)][fill[data.user(r)]++] = r;
        }
        int[] fold = new int[data.size()];
        for (int[] userRows : rows) {
            shuffle(userRows, random);
            // Users with a single interaction keep it for fitting: holding it out leaves no history.
            for (int p = 0; p < userRows.length; p++) {
                fold[userRows[p]] = userRows.length < 2 ? -1 : p % folds;
            }
        }
        return fold;
    }

    private static int[] rows(int[] fold, int f, boolean held) {
        int n = 0;
        int[] out = new int[fold.length];
        for (int r = 0; r < fold.length; r++) {
            if ((fold[r] == f) == held) {
                out[n++] = r;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Interactions of weight 1, as implicit ALS sees explicit data. */
    private static Interactions ones(Interactions x) {
        float[] one = new float[x.size()];
        Arrays.fill(one, 1f);
        return new Interactions(x.users(), x.items(), x.userColumn(), x.itemColumn(), one, x.timestampColumn());
    }

    private static int[][] byUser(Interactions x, int users) {
        int[] count = new int[users];
        for (int r = 0; r < x.size(); r++) {
            count[x.user(r)]++;
        }
        int[][] out = new int[users][];
        for (int u = 0; u < users; u++) {
            out[u] = new int[count[u]];
        }
        int[] fill = new int[users];
        for (int r = 0; r < x.size(); r++) {
            out[x.user(r)][fill[x.user(r)]++] = x.item(r);
        }
        for (int[] row : out) {
            Arrays.sort(row);
        }
        return out;
    }

    static FeatureSpace space(Dataset train, RankingFmParams p, int[][] history) {
        Interactions data = train.interactions();
        return FeatureSpace.of(data.users(), data.items(), p.userTokens() ? train.userFeatures().tokens() : null,
                p.itemTokens() ? train.itemFeatures().tokens() : null, p.history() ? history : null);
    }

    /** One fold's candidate lists: top-C unseen items by the fold's ALS, positives and hard negatives. */
    private static void addLists(FactorModel als, int[][] seen, int[][] held, int[] counts, int fold,
                                 RankingFmParams p, SplittableRandom random, BprTriples out) {
        int items = als.itemCount();
        int dims = als.dims();
        float[] scores = new float[items];
        float[] listScores = new float[Math.min(p.candidates(), items)];
        int d = p.features().size();
        float[] positive = new float[d];
        float[] negative = new float[d];
        long[] cumulative = new long[items];
        long total = 0;
        for (int i = 0; i < items; i++) {
            total += counts[i];
            cumulative[i] = total;
        }
        for (int u : listUsers(held, p.listUsers(), random)) {
            for (int i = 0; i < items; i++) {
                scores[i] = VectorKernels.dot(als.userFactors(), u * dims, als.itemFactors(), i * dims, dims);
            }
            for (int i : seen[u]) {
                scores[i] = Float.NaN;
            }
            int[] list = TopK.largest(scores, items, Math.min(listScores.length, items - seen[u].length));
            if (list.length < 2) {
                continue;
            }
            for (int r = 0; r < list.length; r++) {
                listScores[r] = scores[list[r]];
            }
            RetrievalFeature.ScoreList stats = RetrievalFeature.ScoreList.of(listScores, list.length);
            int window = Math.min(p.window(), list.length);
            int[] positions = new int[window];
            int positives = 0;
            int[] negatives = new int[window];
            int negativeCount = 0;
            for (int r = 0; r < window; r++) {
                if (Arrays.binarySearch(held[u], list[r]) >= 0) {
                    positions[positives++] = r;
                } else {
                    negatives[negativeCount++] = r;
                }
            }
            if (negativeCount == 0) {
                continue;
            }
            for (int q = 0; q < positives; q++) {
                int pos = positions[q];
                values(p.features(), stats, pos, counts[list[pos]], positive);
                for (int h = 0; h < p.hardNegatives(); h++) {
                    int neg = negatives[random.nextInt(negativeCount)];
                    values(p.features(), stats, neg, counts[list[neg]], negative);
                    out.add(u, fold, list[pos], list[neg], positive, negative);
                }
                for (int h = 0; h < p.popularNegatives() && total > 0; h++) {
                    int item = popular(cumulative, total, seen[u], held[u], random);
                    if (item < 0) {
                        break;
                    }
                    int at = indexOf(list, item);
                    for (int e = 0; e < d; e++) {
                        RetrievalFeature f = p.features().get(e);
                        negative[e] = at >= 0 ? f.value(stats, at, counts[item]) : f.valueAfter(stats, scores[item], counts[item]);
                    }
                    out.add(u, fold, list[pos], item, positive, negative);
                }
            }
        }
    }

    /** An item drawn by training popularity that the user neither saw nor held out, or -1 after 100 tries. */
    private static int popular(long[] cumulative, long total, int[] seen, int[] held, SplittableRandom random) {
        for (int attempt = 0; attempt < 100; attempt++) {
            long target = random.nextLong(total);
            int at = Arrays.binarySearch(cumulative, target + 1);
            int item = at >= 0 ? at : -at - 1;
            while (item > 0 && cumulative[item - 1] == cumulative[item]) {
                item--;
            }
            if (Arrays.binarySearch(seen, item) < 0 && Arrays.binarySearch(held, item) < 0) {
                return item;
            }
        }
        return -1;
    }

    private static int indexOf(int[] list, int item) {
        for (int r = 0; r < list.length; r++) {
            if (list[r] == item) {
                return r;
            }
        }
        return -1;
    }

    /** Users with held-out items, at most {@code max} of them (a seeded sample), ascending. */
    private static int[] listUsers(int[][] held, int max, SplittableRandom random) {
        int[] users = new int[held.length];
        int n = 0;
        for (int u = 0; u < held.length; u++) {
            if (held[u].length > 0) {
                users[n++] = u;
            }
        }
        users = Arrays.copyOf(users, n);
        if (n > max) {
            shuffle(users, random);
            users = Arrays.copyOf(users, max);
            Arrays.sort(users);
        }
        return users;
    }

    private static void values(List<RetrievalFeature> features, RetrievalFeature.ScoreList list, int position,
                               int count, float[] out) {
        for (int e = 0; e < out.length; e++) {
            out[e] = features.get(e).value(list, position, count);
        }
    }

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
