package io.recgate.indexbuilder.pipeline;

import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.eval.EvaluationReport;
import java.util.Map;

/**
 * One trained model with its parameters, training time and evaluation (null without a test set,
 * and for the ranking FM, which is judged by the served list it produces, not alone). Exactly one
 * of {@code factors}, {@code fm} and {@code rankingFm} is set.
 */
public record TrainedModel(ModelKind kind, FactorModel factors, FmModel fm, RankingFmModel rankingFm,
                           Map<String, Object> params, double trainSeconds, EvaluationReport evaluation) {
}
