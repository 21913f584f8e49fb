package io.recgate.core.serving;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What orders the retrieved candidates of a served list, by the name the manifest and the CLI use. */
public enum RerankerKind {
    /** Retrieval order: the candidates' inner products with the user vector. */
    NONE("none"),
    /** The ranking FM ({@code ranking_fm.bin}), trained to put chosen items first. */
    RANKING_FM("ranking-fm"),
    /**
     * The rating FM ({@code fm_model.bin}): orders by predicted rating. Only when configured to,
     * since a rating predicts how much a user who rates an item likes it, not what the user picks.
     */
    RATING_FM("fm");

    /** Candidates retrieved before reranking when a request does not say: builder and gateway share it. */
    public static final int DEFAULT_CANDIDATES = 200;

    private final String cliName;

    RerankerKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * @throws IllegalArgumentException naming the known kinds
     */
    public static RerankerKind parse(String name) {
        for (RerankerKind kind : values()) {
            if (kind.cliName.equalsIgnoreCase(name.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown reranker '" + name + "'; known: "
                + Arrays.stream(values()).map(RerankerKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
