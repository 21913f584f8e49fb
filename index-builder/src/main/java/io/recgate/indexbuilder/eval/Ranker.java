package io.recgate.indexbuilder.eval;

/**
 * Scores every item of the catalogue for one user; a higher score ranks first. Only the order of
 * the scores matters. The evaluator calls {@link #score} from several threads at once, each with
 * its own output array, so implementations must not keep per-call mutable state in fields.
 */
public interface Ranker {

    /** Number of items scored, i.e. the length of the prefix of {@code out} that is filled. */
    int itemCount();

    /**
     * Writes the score of every item {@code i} in {@code [0, itemCount())} to {@code out[i]} for
     * dense user index {@code user}. NaN scores are treated as −∞ by the evaluator.
     */
    void score(int user, float[] out);
}
