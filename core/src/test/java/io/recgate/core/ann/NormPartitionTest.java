package io.recgate.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormPartitionTest {

    @Test
    void splitCoversEveryRowOnceWithNormsWithinTheRatioLongestFirst() {
        int dims = 8;
        float[] items = new TasteData(dims, 4, 11).items(5000);
        List<int[]> parts = NormPartition.split(items, dims);

        assertTrue(parts.size() > 2 && parts.size() <= NormPartition.MAX_PARTITIONS, "parts " + parts.size());
        BitSet seen = new BitSet();
        double previousMin = Double.POSITIVE_INFINITY;
        for (int p = 0; p < parts.size(); p++) {
            int[] rows = parts.get(p);
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int i = 0; i < rows.length; i++) {
                assertTrue(i == 0 || rows[i - 1] < rows[i], "rows ascending");
                assertTrue(!seen.get(rows[i]), "row " + rows[i] + " twice");
                seen.set(rows[i]);
                double norm = Math.sqrt(NormPartition.squaredNorm(items, rows[i], dims));
                min = Math.min(min, norm);
                max = Math.max(max, norm);
            }
            assertTrue(rows.length >= NormPartition.MIN_ITEMS, "partition " + p + " has " + rows.length);
            assertTrue(max <= previousMin, "partitions ordered by norm");
            if (p < parts.size() - 1 && rows.length > NormPartition.MIN_ITEMS) {
                assertTrue(max <= min * NormPartition.NORM_RATIO * 1.0001, "ratio " + max / min);
            }
            previousMin = min;
        }
        assertEquals(5000, seen.cardinality());
    }

    @Test
    void splitKeepsASmallCatalogueInOnePartition() {
        float[] items = new TasteData(4, 2, 12).items(NormPartition.MIN_ITEMS + 10);
        assertEquals(1, NormPartition.split(items, 4).size());
    }
}
