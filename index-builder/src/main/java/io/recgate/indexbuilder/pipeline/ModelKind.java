package io.recgate.indexbuilder.pipeline;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The models {@code train} can fit, by their command-line names. */
public enum ModelKind {
    /** Explicit-feedback ALS with global, user and item biases. */
    ALS("als"),
    /** Implicit-feedback ALS (confidence-weighted, conjugate gradient). */
    IMPLICIT_ALS("implicit-als"),
    /** Second-order factorization machine with side features predicting ratings, trained by MCMC. */
    FM("fm"),
    /**
     * Factorization machine trained to rank the retrieval model's candidates (BPR on held-out
     * interactions among them), with side features, history and the retrieval features: the reranker.
     */
    RANKING_FM("ranking-fm");

    private final String cliName;

    ModelKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** True for the matrix-factorization models whose item factors can serve as the retrieval index. */
    public boolean isFactorModel() {
        return this == ALS || this == IMPLICIT_ALS;
    }

    /**
     * @throws IllegalArgumentException naming the known models
     */
    public static ModelKind parse(String name) {
        for (ModelKind kind : values()) {
            if (kind.cliName.equalsIgnoreCase(name.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known models: "
                + Arrays.stream(values()).map(ModelKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
