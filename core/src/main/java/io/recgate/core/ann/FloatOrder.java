package io.recgate.core.ann;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Ascending order of distances. Our own class rather than {@code Comparator.naturalOrder()} so that
 * the serialized graph contains no JDK-internal class and the allowlist can name it exactly.
 */
final class FloatOrder implements Comparator<Float>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Float a, Float b) {
        return Float.compare(a, b);
    }
}
