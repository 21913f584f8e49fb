package io.recgate.indexbuilder.hnsw;

import java.util.Locale;

/**
 * Thrown when a built index's measured recall is below the configured gate; the bundle must not be
 * published. Carries the report so that the CLI can show the whole ef sweep.
 */
public final class RecallTooLowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RecallReport report;
    private final double minRecall;

    RecallTooLowException(RecallReport report, double minRecall) {
        super(String.format(Locale.ROOT,
                "HNSW recall@%d %.4f at ef %d is below the required %.4f (%d queries from %s); raise ef, M or "
                        + "efConstruction, or allow low recall explicitly",
                report.k(), report.atDefaultEf().recall(), report.atDefaultEf().ef(), minRecall, report.queries(),
                report.querySource()));
        this.report = report;
        this.minRecall = minRecall;
    }

    /** The measurement that failed the gate. */
    public RecallReport report() {
        return report;
    }

    /** The gate's threshold. */
    public double minRecall() {
        return minRecall;
    }
}
