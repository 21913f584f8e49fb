package io.recgate.core.serving;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manifest parameters that the index builder writes and serving reads, each defined once with
 * its name and type. The builder writes through {@link Key#name()}; readers go through
 * {@link #get}, which refuses a value of the wrong type instead of falling back to a default, so a
 * misspelt or retyped key fails loudly at load time rather than quietly degrading serving.
 *
 * <p>Keys the builder writes for information only (training times, per-model hyperparameters that
 * serving does not use) are not listed here.
 */
public final class BundleParams {

    /** A typed manifest parameter. */
    public record Key<T>(String name, Class<T> type) {
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The retrieval factor model: {@code implicit-als}, {@code als}, {@code external} or {@code none}. */
    public static final Key<String> RETRIEVAL_MODEL = new Key<>("retrieval.model", String.class);
    /** True when the training values are ratings (explicit data). */
    public static final Key<Boolean> DATA_EXPLICIT = new Key<>("data.explicit", Boolean.class);
    /** Explicit ALS weighted-λ, for the explicit fold-in. */
    public static final Key<Double> ALS_LAMBDA = new Key<>("als.lambda", Double.class);
    /** Implicit ALS ridge λ, for the implicit fold-in. */
    public static final Key<Double> IMPLICIT_ALS_LAMBDA = new Key<>("implicit-als.lambda", Double.class);
    /** Implicit ALS confidence scale α, for the implicit fold-in. */
    public static final Key<Double> IMPLICIT_ALS_ALPHA = new Key<>("implicit-als.alpha", Double.class);
    /** How implicit ALS weighted the training values: {@code binary} or {@code values}. */
    public static final Key<String> IMPLICIT_ALS_WEIGHTS = new Key<>("implicit-als.weights", String.class);
    /** Search breadth the retrieval index was measured at (the serving floor of ef). */
    public static final Key<Long> ANN_EF = new Key<>("ann.ef", Long.class);
    /** Search breadth the similar-items index was measured at. */
    public static final Key<Long> SIMILAR_EF = new Key<>("similar.ef", Long.class);
    /**
     * The reranker that orders the served list ({@link RerankerKind#cliName()}); absent or
     * {@code none} means retrieval order.
     */
    public static final Key<String> RERANKER = new Key<>("rerank.model", String.class);
    /** The reranker that the served-quality gate refused, when one was refused. */
    public static final Key<String> RERANKER_REFUSED = new Key<>("rerank.refused", String.class);
    /** Candidates the served pipeline was evaluated with (the gateway's default is the same constant). */
    public static final Key<Long> SERVING_CANDIDATES = new Key<>("serving.candidates", Long.class);

    /** Every key above, for the test that checks the builder writes what serving reads. */
    public static final List<Key<?>> ALL = List.of(RETRIEVAL_MODEL, DATA_EXPLICIT, ALS_LAMBDA, IMPLICIT_ALS_LAMBDA,
            IMPLICIT_ALS_ALPHA, IMPLICIT_ALS_WEIGHTS, ANN_EF, SIMILAR_EF, RERANKER, RERANKER_REFUSED,
            SERVING_CANDIDATES);

    private BundleParams() {
    }

    /**
     * The value of {@code key}, or null when the manifest does not have it. Integral numbers are
     * stored as {@code Long}; a {@code Double} key accepts any number.
     *
     * @throws IllegalArgumentException when the value has another type, naming the key and the value
     */
    public static <T> T get(Map<String, Object> params, Key<T> key) {
        Object value = params.get(key.name());
        if (value == null) {
            return null;
        }
        if (key.type() == Double.class && value instanceof Number n) {
            return key.type().cast(n.doubleValue());
        }
        if (key.type() == Long.class && value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return key.type().cast(n.longValue());
        }
        if (!key.type().isInstance(value)) {
            throw new IllegalArgumentException("manifest param " + key.name() + " = " + value + " is a "
                    + value.getClass().getSimpleName() + ", expected " + key.type().getSimpleName());
        }
        return key.type().cast(value);
    }

    /** The value of {@code key}, or {@code fallback} when absent. */
    public static <T> T get(Map<String, Object> params, Key<T> key, T fallback) {
        T value = get(params, key);
        return value != null ? value : fallback;
    }
}
