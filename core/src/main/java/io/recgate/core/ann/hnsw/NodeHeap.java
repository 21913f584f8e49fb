package io.recgate.core.ann.hnsw;

import java.util.Arrays;

/**
 * A binary min-heap of (float key, int node) pairs in two parallel primitive arrays that grow on
 * demand and are reused across searches. A max-heap of distances is this heap with negated keys.
 * Not thread-safe: one per searching thread.
 */
final class NodeHeap {

    private float[] keys;
    private int[] nodes;
    private int size;

    NodeHeap(int capacity) {
        keys = new float[Math.max(1, capacity)];
        nodes = new int[keys.length];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    float topKey() {
        return keys[0];
    }

    int topNode() {
        return nodes[0];
    }

    void push(float key, int node) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
            nodes = Arrays.copyOf(nodes, 2 * size);
        }
        int pos = size++;
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[pos] = keys[parent];
            nodes[pos] = nodes[parent];
            pos = parent;
        }
        keys[pos] = key;
        nodes[pos] = node;
    }

    /** Removes the top pair (the smallest key). */
    void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        float key = keys[last];
        int node = nodes[last];
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && keys[child + 1] < keys[child]) {
                child++;
            }
            if (key <= keys[child]) {
                break;
            }
            keys[pos] = keys[child];
            nodes[pos] = nodes[child];
            pos = child;
        }
        keys[pos] = key;
        nodes[pos] = node;
    }
}
