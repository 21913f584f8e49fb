package io.recgate.indexbuilder.hnsw;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.BuildProgress;
import io.recgate.core.ann.ExactIndex;
import io.recgate.core.ann.HnswlibIndex;
import io.recgate.core.ann.ItemVectors;
import io.recgate.core.ann.hnsw.NativeHnswIndex;
import io.recgate.core.model.FactorModel;
import io.recgate.kernels.VectorKernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The HNSW step of the index builder: builds an index from a factor model's item vectors, measures
 * its recall@k against exact search, and refuses it below the configured gate.
 *
 * <p>Two indexes come from one model: the retrieval index (user vector · item vector, measured with
 * sampled user vectors) and the similar-items index (cosine between items, measured with sampled
 * item vectors). The query sample is seeded, so the measurement is repeatable for a given graph.
 * {@link HnswBuildConfig#kind()} picks the implementation: {@link NativeHnswIndex} (levels seeded
 * with {@link HnswBuildConfig#seed()}, identical files from a one-thread build) or
 * {@link HnswlibIndex} (not reproducible: hnswlib draws levels from an unseedable source).
 *
 * <p>Recall and latency at the default ef and at every ef of the sweep come from one measurement
 * after a warm-up (see {@link RecallPoint}); when the sweep contains the default ef,
 * {@link RecallReport#atDefaultEf()} is that sweep point.
 */
public final class IndexBuild {

    private IndexBuild() {
    }

    /**
     * Builds the retrieval index over {@code model.itemFactors()}; scores are inner products with a
     * user vector (biases are not part of the index).
     *
     * @param progress build progress in items (done, total), e.g. for a progress bar
     * @throws IllegalArgumentException if the model has no items
     * @throws RecallTooLowException    if recall@k at {@code config.params().ef()} is below
     *     {@code config.minRecall()} and {@code config.allowLowRecall()} is false
     * @throws InterruptedException     if interrupted while building
     */
    public static BuiltIndex retrievalIndex(FactorModel model, HnswBuildConfig config, BuildProgress progress)
            throws InterruptedException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        float[] items = model.itemFactors();
        QuerySample sample = userQueries(model, config);
        return buildAndMeasure(items, model.dims(), sample, config, progress);
    }

    /**
     * Builds the similar-items index over unit-normalised item factors, so that inner product is
     * cosine similarity; wrap it in {@link io.recgate.core.ann.SimilarItems} with
     * {@code ItemVectors.normalizedRows(model.itemFactors(), model.dims())}.
     *
     * @throws IllegalArgumentException if the model has no items
     * @throws RecallTooLowException    as {@link #retrievalIndex}
     * @throws InterruptedException     if interrupted while building
     */
    public static BuiltIndex similarItemsIndex(FactorModel model, HnswBuildConfig config, BuildProgress progress)
            throws InterruptedException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        int dims = model.dims();
        float[] normalized = ItemVectors.normalizedRows(model.itemFactors(), dims);
        int[] rows = sampleRows(model.itemCount(), config.recallQueries(), config.seed());
        float[][] queries = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            queries[i] = new float[dims];
            System.arraycopy(normalized, rows[i] * dims, queries[i], 0, dims);
        }
        return buildAndMeasure(normalized, dims, new QuerySample(queries, "items"), config, progress);
    }

    private record QuerySample(float[][] queries, String source) {
    }

    private static BuiltIndex buildAndMeasure(float[] items, int dims, QuerySample sample, HnswBuildConfig config,
                                              BuildProgress progress) throws InterruptedException {
        if (items.length == 0) {
            throw new IllegalArgumentException("the model has 0 items: nothing to index");
        }
        long start = System.nanoTime();
        AnnIndex index = switch (config.kind()) {
            case NATIVE -> NativeHnswIndex.build(items, dims, config.params(), config.seed(), config.threads(),
                    progress);
            case HNSWLIB -> HnswlibIndex.build(items, dims, config.params(), config.threads(), progress);
        };
        Duration buildTime = Duration.ofNanos(System.nanoTime() - start);

        RecallMeasurement measurement = new RecallMeasurement(index, new ExactIndex(items, dims), sample.queries(),
                config.recallK());
        // The default ef is measured with the sweep, in one warmed-up pass: when the sweep contains it,
        // the gate's point and the sweep's point are the same measurement.
        int defaultEf = config.params().ef();
        List<Integer> efs = new ArrayList<>(config.efSweep());
        efs.add(defaultEf);
        Map<Integer, RecallPoint> points = measurement.measure(efs);
        List<RecallPoint> sweep = new ArrayList<>(config.efSweep().size());
        for (int ef : config.efSweep()) {
            sweep.add(points.get(ef));
        }
        RecallReport report = new RecallReport(config.recallK(), sample.queries().length, sample.source(),
                config.seed(), points.get(defaultEf), sweep);
        if (!config.allowLowRecall() && report.atDefaultEf().recall() < config.minRecall()) {
            throw new RecallTooLowException(report, config.minRecall());
        }
        return new BuiltIndex(index, report, buildTime);
    }

    /**
     * Up to {@code recallQueries} distinct users with a non-zero vector, in seeded random order; if
     * the model has none, as many seeded Gaussian random vectors.
     */
    private static QuerySample userQueries(FactorModel model, HnswBuildConfig config) {
        int dims = model.dims();
        float[] users = model.userFactors();
        int[] order = sampleRows(model.userCount(), model.userCount(), config.seed());
        int wanted = Math.min(config.recallQueries(), model.userCount());
        float[][] queries = new float[wanted][];
        int count = 0;
        for (int i = 0; i < order.length && count < wanted; i++) {
            // A zero vector scores every item 0: its "top 10" is arbitrary and says nothing about recall.
            if (VectorKernels.norm(users, order[i] * dims, dims) > 0f) {
                queries[count] = new float[dims];
                System.arraycopy(users, order[i] * dims, queries[count], 0, dims);
                count++;
            }
        }
        if (count > 0) {
            return new QuerySample(Arrays.copyOf(queries, count), "users");
        }
        Random random = new Random(config.seed());
        float[][] randomQueries = new float[config.recallQueries()][dims];
        for (float[] query : randomQueries) {
            for (int d = 0; d < dims; d++) {
                query[d] = (float) random.nextGaussian();
            }
        }
        return new QuerySample(randomQueries, "random");
    }

    /** The first {@code count} of a seeded random permutation of {@code [0, n)}. */
    private static int[] sampleRows(int n, int count, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random random = new Random(seed);
        int take = Math.min(count, n);
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.copyOf(perm, take);
    }
}
