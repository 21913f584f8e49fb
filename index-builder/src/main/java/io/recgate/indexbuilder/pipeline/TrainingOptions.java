package io.recgate.indexbuilder.pipeline;

import io.recgate.indexbuilder.als.AlsParams;
import io.recgate.indexbuilder.fm.FmParams;
import io.recgate.indexbuilder.fm.RankingFmParams;
import io.recgate.indexbuilder.io.ReadOptions;
import io.recgate.indexbuilder.split.UnknownTestRows;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link TrainingPipeline} needs: what to read, how to split, which models with which
 * parameters, and how to evaluate. Built by the CLI from flags or a rebuild config file.
 *
 * @param format        reader format name (see {@code DatasetReaders.formats()})
 * @param read          reader options (paths, columns, given test split or file, bad-row policy)
 * @param split         hold-out when no test split or file is given; its test rows whose user or
 *                      item has no training row cannot be scored and are always dropped (counted)
 * @param unknownTest   what to do with rows of a given test split or file naming ids unknown to the
 *                      data set
 * @param models        models to train, in order; the first is the one the JSON report leads with
 * @param retrieval     the factor model whose item vectors become the retrieval index, or null to
 *                      pick implicit-als when trained, else als
 * @param als           explicit ALS parameters
 * @param implicitAls   implicit ALS parameters
 * @param fm            FM parameters
 * @param rankingFm     ranking FM (reranker) parameters
 * @param k             list length of the ranking metrics
 * @param threads       worker threads for evaluation
 */
public record TrainingOptions(String format, ReadOptions read, SplitSpec split, UnknownTestRows unknownTest,
                              List<ModelKind> models, ModelKind retrieval, AlsParams als, AlsParams implicitAls,
                              FmParams fm, RankingFmParams rankingFm, int k, int threads) {

    public TrainingOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(unknownTest, "unknownTest");
        Objects.requireNonNull(rankingFm, "rankingFm");
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no model to train: give --model als, implicit-als and/or fm");
        }
        if (retrieval != null && (!retrieval.isFactorModel() || !models.contains(retrieval))) {
            throw new IllegalArgumentException("retrieval model " + retrieval
                    + " must be a trained factor model (als or implicit-als listed in --model)");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + " must be >= 1");
        }
    }

    /** The retrieval model: as given, else implicit-als when trained, else als, else none. */
    public ModelKind retrievalModel() {
        if (retrieval != null) {
            return retrieval;
        }
        if (models.contains(ModelKind.IMPLICIT_ALS)) {
            return ModelKind.IMPLICIT_ALS;
        }
        return models.contains(ModelKind.ALS) ? ModelKind.ALS : null;
    }

    /** True when the reader is told about a test set (named split or file). */
    boolean hasGivenTestSet() {
        return read.testSplit() != null || read.testFile() != null;
    }
}
