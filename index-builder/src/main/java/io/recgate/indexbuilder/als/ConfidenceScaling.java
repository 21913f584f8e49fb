package io.recgate.indexbuilder.als;

/**
 * How implicit ALS turns an interaction weight r (&gt; 0) into the confidence c that the user
 * prefers the item (Hu, Koren, Volinsky 2008, section 4). Unobserved pairs have confidence 1.
 */
public enum ConfidenceScaling {

    /** c = 1 + α·r: confidence grows linearly with the weight (the paper's main form). */
    LINEAR,

    /**
     * c = 1 + α·ln(1 + r): the paper's alternative (with ε = 1), which damps heavy users and
     * repeated plays so that one huge count does not dominate a row.
     */
    LOG;

    /** The confidence for weight {@code r} and scale {@code alpha}. */
    public double confidence(double r, double alpha) {
        return switch (this) {
            case LINEAR -> 1.0 + alpha * r;
            case LOG -> 1.0 + alpha * Math.log1p(r);
        };
    }
}
