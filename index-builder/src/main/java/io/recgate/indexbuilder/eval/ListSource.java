package io.recgate.indexbuilder.eval;

/**
 * Makes each evaluated user's top-K list, e.g. by running the served pipeline. The evaluator calls
 * {@link #worker()} once per evaluation thread, so a worker may keep scratch state; workers of one
 * source run concurrently.
 */
public interface ListSource {

    /** A list maker for one thread. */
    Worker worker();

    /** Makes lists on one thread. */
    interface Worker {
        /**
         * The top {@code k} (or fewer) items for dense user index {@code user}, best first, as item
         * indices of the evaluation's data; never an item the user saw in training, never a duplicate.
         */
        int[] top(int user, int k);
    }
}
