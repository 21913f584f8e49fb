package io.recgate.indexbuilder.cli;

/**
 * Process exit codes of the {@code recgate} commands; scheduled rebuild jobs branch on them.
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** A bug or an environment failure (disk full, out of memory): see the message. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad input: unknown option, malformed data file, bad bundle. Fix the input and rerun. */
    public static final int BAD_INPUT = 2;
    /** The model or index did not reach its quality bar; nothing was published. */
    public static final int QUALITY_GATE_FAILED = 3;
    /**
     * {@code rebuild} published a bundle, but in retrieval order: the served-quality gate refused
     * the reranker (its served NDCG was below retrieval alone's). Serving is safe; the reranker
     * needs attention.
     */
    public static final int PUBLISHED_WITHOUT_RERANKER = 4;

    private ExitCodes() {
    }
}
