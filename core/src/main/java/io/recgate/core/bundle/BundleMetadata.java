package io.recgate.core.bundle;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the publisher states about a bundle, recorded in its manifest next to the file list.
 *
 * @param dims      factor rank (columns of the factor matrices), &gt; 0
 * @param metric    the similarity the ANN index ranks by, e.g. {@link #METRIC_INNER_PRODUCT}
 * @param userCount users in the model (rows of the user factors), &gt;= 0
 * @param itemCount items in the model (rows of the item factors), &gt;= 0
 * @param params    training and index hyperparameters (rank, λ, α, M, efConstruction, seed...):
 *                  values are String, Number or Boolean; numbers finite; stored
 *                  with integral numbers as Long and others as Double (float 0.1f becomes 0.1)
 * @param metrics   offline evaluation results (e.g. {@code "recall@10"}), finite
 */
public record BundleMetadata(int dims, String metric, int userCount, int itemCount,
                             Map<String, Object> params, Map<String, Double> metrics) {

    /** Maximum inner product search: score = ⟨user, item⟩ (+ item bias). */
    public static final String METRIC_INNER_PRODUCT = "inner_product";
    /** Cosine similarity. */
    public static final String METRIC_COSINE = "cosine";

    /**
     * Copies the maps (sorted by key, unmodifiable).
     *
     * @throws IllegalArgumentException on a bad count, blank metric, or a parameter or metric value
     *                                  that is not a finite scalar, naming it
     */
    public BundleMetadata {
        Objects.requireNonNull(metric, "metric");
        if (dims <= 0) {
            throw new IllegalArgumentException("dims " + dims + " must be > 0");
        }
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank");
        }
        if (userCount < 0 || itemCount < 0) {
            throw new IllegalArgumentException("user/item counts " + userCount + " / " + itemCount + " must be >= 0");
        }
        params = copyParams(params == null ? Map.of() : params);
        metrics = copyMetrics(metrics == null ? Map.of() : metrics);
    }

    private static Map<String, Object> copyParams(Map<String, Object> params) {
        Map<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "param name");
            Object value = e.getValue();
            if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                throw new IllegalArgumentException("param " + key + " = " + value + " is not finite");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("param " + key + " = " + value
                        + " must be a String, Number or Boolean");
            }
            copy.put(key, normalize(value));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Integral numbers become Long and others Double, as they come back from the manifest JSON. */
    private static Object normalize(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        return value;
    }

    private static Map<String, Double> copyMetrics(Map<String, Double> metrics) {
        Map<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "metric name");
            Double value = e.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric " + key + " = " + value + " is not finite");
            }
            copy.put(key, value);
        }
        return Collections.unmodifiableMap(copy);
    }
}
