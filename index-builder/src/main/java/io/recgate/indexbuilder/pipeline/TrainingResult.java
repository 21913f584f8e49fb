package io.recgate.indexbuilder.pipeline;

import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import java.util.List;

/**
 * What a training run produced: the training part of the data (with the full catalogue and side
 * features), the held-out part (null when none), and every trained model in the order asked.
 */
public record TrainingResult(Dataset train, Interactions test, List<TrainedModel> models, ModelKind retrieval) {

    /** The model of a kind, or null when it was not trained. */
    public TrainedModel model(ModelKind kind) {
        for (TrainedModel m : models) {
            if (m.kind() == kind) {
                return m;
            }
        }
        return null;
    }
}
