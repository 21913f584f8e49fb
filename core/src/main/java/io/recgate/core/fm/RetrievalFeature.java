package io.recgate.core.fm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A dense feature of one (user, candidate) pair that only the retrieval stage knows, given to the
 * ranking FM so that a reranker starts from what retrieval knows and can only add to it. Values are
 * raw here; the model standardises them with the mean and scale it was trained with.
 */
public enum RetrievalFeature {
    /** The candidate's inner product with the user vector. */
    SCORE("retrieval_score"),
    /**
     * The inner product standardised within the request's candidate list, (s − mean) / std: how far
     * above this user's typical candidate it stands, whatever the scale of the user's vector.
     */
    SCORE_Z("retrieval_score_z"),
    /** ln(1 + r) for the candidate's 0-based position r in the retrieval order. */
    LOG_RANK("retrieval_log_rank"),
    /** The candidate's inner product minus the best candidate's (≤ 0): retrieval confidence relative to the list. */
    SCORE_GAP("retrieval_score_gap"),
    /** ln(1 + training interactions of the item): popularity, which retrieval by inner product underrates. */
    LOG_POPULARITY("log_popularity");

    private final String fileName;

    RetrievalFeature(String fileName) {
        this.fileName = fileName;
    }

    /** The name in the model file and in explanations. */
    public String fileName() {
        return fileName;
    }

    /**
     * The raw value for the candidate at {@code position} of a retrieval list.
     *
     * @param list      the list's inner products, best first, and their mean and spread
     * @param itemCount training interactions of the candidate
     */
    public float value(ScoreList list, int position, int itemCount) {
        float[] scores = list.scores();
        return switch (this) {
            case SCORE -> scores[position];
            case SCORE_Z -> (scores[position] - list.mean()) / list.std();
            case LOG_RANK -> (float) Math.log1p(position);
            case SCORE_GAP -> scores[position] - scores[0];
            case LOG_POPULARITY -> logPopularity(itemCount);
        };
    }

    /**
     * The raw value for an item ranked after the whole list (not among the candidates), with inner
     * product {@code score}: for training on negatives drawn outside the retrieval list.
     */
    public float valueAfter(ScoreList list, float score, int itemCount) {
        return switch (this) {
            case SCORE -> score;
            case SCORE_Z -> (score - list.mean()) / list.std();
            case LOG_RANK -> (float) Math.log1p(list.n());
            case SCORE_GAP -> score - list.scores()[0];
            case LOG_POPULARITY -> logPopularity(itemCount);
        };
    }

    /** {@link #LOG_POPULARITY}'s value for an item with {@code itemCount} training interactions. */
    public static float logPopularity(int itemCount) {
        return (float) Math.log1p(Math.max(0, itemCount));
    }

    /**
     * A retrieval list's scores (best first; the first {@code n} count) with their mean and standard
     * deviation, computed once per request.
     */
    public record ScoreList(float[] scores, int n, float mean, float std) {

        /** Minimum spread, so that a list of equal scores standardises to 0 rather than NaN. */
        private static final float MIN_STD = 1e-6f;

        /** The statistics of {@code scores[0..n)}, n &gt;= 1. */
        public static ScoreList of(float[] scores, int n) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scores[i];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double d = scores[i] - mean;
                squares += d * d;
            }
            return new ScoreList(scores, n, (float) mean, Math.max(MIN_STD, (float) Math.sqrt(squares / n)));
        }
    }

    /**
     * @throws IllegalArgumentException naming the known features
     */
    public static RetrievalFeature ofFileName(String name) {
        for (RetrievalFeature f : values()) {
            if (f.fileName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown retrieval feature '" + name + "'; known: "
                + Arrays.stream(values()).map(RetrievalFeature::fileName).collect(Collectors.joining(", ")));
    }
}
