package io.recgate.core.ann;

import java.util.Objects;

/**
 * The argument checks every {@link AnnIndex} makes, so that all implementations (also those in
 * sub-packages) fail alike, with the same messages. Stateless and thread-safe.
 */
public final class SearchArguments {

    private SearchArguments() {
    }

    /**
     * Checks the arguments of {@link AnnIndex#search}.
     *
     * @throws IllegalArgumentException as {@link AnnIndex#search} documents
     */
    public static void check(float[] query, int dims, int k, int ef) {
        Objects.requireNonNull(query, "query");
        checkLength("query", query, dims);
        if (k < 0) {
            throw new IllegalArgumentException("k " + k + " must be >= 0");
        }
        if (ef < 1) {
            throw new IllegalArgumentException("ef " + ef + " must be >= 1");
        }
        checkFinite("query", query);
    }

    /**
     * Checks one vector given to an index (a query, an added item): not null, {@code dims} long,
     * finite; messages name it as {@code name}.
     *
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     * @throws NullPointerException if {@code vector} is null
     */
    public static void checkVector(String name, float[] vector, int dims) {
        Objects.requireNonNull(vector, name);
        checkLength(name, vector, dims);
        checkFinite(name, vector);
    }

    private static void checkLength(String name, float[] vector, int dims) {
        if (vector.length != dims) {
            throw new IllegalArgumentException(name + " has " + vector.length + " dims, index has " + dims);
        }
    }

    private static void checkFinite(String name, float[] vector) {
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + vector[i] + " is not finite");
            }
        }
    }

    /**
     * Checks a row-major item matrix and returns its number of rows.
     *
     * @throws IllegalArgumentException if {@code dims <= 0}, the length is not a multiple of
     *     {@code dims} or a value is not finite
     */
    public static int checkMatrix(float[] items, int dims) {
        Objects.requireNonNull(items, "items");
        if (dims <= 0) {
            throw new IllegalArgumentException("dims " + dims + " must be > 0");
        }
        if (items.length % dims != 0) {
            throw new IllegalArgumentException("items length " + items.length + " is not a multiple of dims " + dims);
        }
        for (int i = 0; i < items.length; i++) {
            if (!Float.isFinite(items[i])) {
                throw new IllegalArgumentException("item " + i / dims + " dim " + i % dims + " = " + items[i]
                        + " is not finite");
            }
        }
        return items.length / dims;
    }
}
