package io.recgate.indexbuilder.split;

/** What to do with a test row whose user or item does not occur in the training data. */
public enum UnknownTestRows {
    /** Refuse the split, naming how many rows and an example id. */
    FAIL,
    /** Leave such rows out of the test set and count them in {@link Split#droppedTestRows()}. */
    DROP
}
