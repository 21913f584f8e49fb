package io.recgate.core.ids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bijection between external string ids (as users and items are named in the input data and in
 * HTTP requests) and dense indices 0..size-1 (rows of the factor matrices). Immutable and
 * thread-safe once built.
 */
public final class IdMap {

    private final String[] ids;
    private final Map<String, Integer> indexById;

    private IdMap(String[] ids, Map<String, Integer> indexById) {
        this.ids = ids;
        this.indexById = indexById;
    }

    /**
     * An id map in the given order.
     *
     * @throws IllegalArgumentException on a null, empty or duplicate id, naming it and its positions
     */
    public static IdMap of(List<String> ids) {
        Objects.requireNonNull(ids, "ids");
        String[] copy = ids.toArray(new String[0]);
        Map<String, Integer> index = new HashMap<>(Math.max(16, copy.length * 2));
        for (int i = 0; i < copy.length; i++) {
            String id = copy[i];
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("empty id at position " + i);
            }
            Integer previous = index.putIfAbsent(id, i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate id '" + id + "' at positions " + previous + " and " + i);
            }
        }
        return new IdMap(copy, index);
    }

    /** Number of ids. */
    public int size() {
        return ids.length;
    }

    /** The external id at a dense index. */
    public String id(int index) {
        return ids[index];
    }

    /** The dense index of an external id, or -1 when unknown. */
    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** True when the id is known. */
    public boolean contains(String id) {
        return indexById.containsKey(id);
    }

    /** All ids in index order, unmodifiable. */
    public List<String> ids() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdMap other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdMap[" + ids.length + " ids]";
    }

    /**
     * Assigns indices in first-seen order while reading data. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> indexById = new HashMap<>();

        /** The index of this id, assigning the next free one on first sight. */
        public int intern(String id) {
            Integer index = indexById.get(id);
            if (index != null) {
                return index;
            }
            int next = ids.size();
            ids.add(id);
            indexById.put(id, next);
            return next;
        }

        /** The index of a known id, or -1. */
        public int indexOf(String id) {
            Integer index = indexById.get(id);
            return index == null ? -1 : index;
        }

        public int size() {
            return ids.size();
        }

        public IdMap build() {
            return new IdMap(ids.toArray(new String[0]), new HashMap<>(indexById));
        }
    }
}
