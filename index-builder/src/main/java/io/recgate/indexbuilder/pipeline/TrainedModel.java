package io.recgate.indexbuilder.pipeline;

import io.recgate.core.fm.FmModel;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.eval.EvaluationReport;
import java.util.Map;

/**
 * One trained model with its parameters, training time and evaluation (null without a test set).
 * Exactly one of {@code factors} and {@code fm} is set.
 */
public record TrainedModel(ModelKind kind, FactorModel factors, FmModel fm, Map<String, Object> params,
                           double trainSeconds, EvaluationReport evaluation) {
}
