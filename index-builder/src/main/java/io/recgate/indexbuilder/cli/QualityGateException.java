package io.recgate.indexbuilder.cli;

/** A quality bar was missed; the command publishes nothing and exits with {@link ExitCodes#QUALITY_GATE_FAILED}. */
public final class QualityGateException extends RuntimeException {

    public QualityGateException(String message) {
        super(message, null, false, false);
    }
}
