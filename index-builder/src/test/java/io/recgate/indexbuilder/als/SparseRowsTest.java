package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Interactions;
import org.junit.jupiter.api.Test;

class SparseRowsTest {

    private final IdMap users = PlantedData.ids("u", 3);
    private final IdMap items = PlantedData.ids("i", 4);

    @Test
    void buildsBothOrientationsWithSortedColumns() {
        Interactions data = PlantedData.interactions(users, items,
                new int[] {2, 0, 0, 2, 1}, new int[] {1, 3, 0, 0, 3}, new float[] {1, 2, 3, 4, 5});
        SparseRows.Pair pair = SparseRows.build(data, false, false);
        SparseRows byUser = pair.byUser();
        assertArrayEquals(new int[] {0, 2, 3, 5}, byUser.start);
        assertArrayEquals(new int[] {0, 3, 3, 0, 1}, byUser.index);
        assertArrayEquals(new float[] {3, 2, 5, 4, 1}, byUser.value);
        SparseRows byItem = pair.byItem();
        assertEquals(4, byItem.rows);
        assertArrayEquals(new int[] {0, 2, 3, 3, 5}, byItem.start);
        assertArrayEquals(new int[] {0, 2, 2, 0, 1}, byItem.index);
        assertArrayEquals(new float[] {3, 4, 1, 2, 5}, byItem.value);
        assertEquals(15.0, byUser.valueSum());
    }

    @Test
    void keepsOrSumsDuplicatePairs() {
        Interactions data = PlantedData.interactions(users, items,
                new int[] {1, 1, 1}, new int[] {2, 2, 0}, new float[] {1, 2, 4});
        assertEquals(3, SparseRows.build(data, false, false).byUser().nnz());
        SparseRows.Pair summed = SparseRows.build(data, true, true);
        assertArrayEquals(new int[] {0, 2}, summed.byUser().index);
        assertArrayEquals(new float[] {4, 3}, summed.byUser().value);
        assertArrayEquals(new float[] {4, 3}, summed.byItem().value);
    }

    @Test
    void rejectsUserIndexOutsideTheIdMap() {
        Interactions data = PlantedData.interactions(users, items, new int[] {0, -1}, new int[] {0, 0}, new float[] {1, 1});
        assertEquals("interaction 1: user index -1 outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> SparseRows.build(data, false, false)).getMessage());
    }

    @Test
    void rejectsNonPositiveImplicitWeight() {
        Interactions data = PlantedData.interactions(users, items, new int[] {0}, new int[] {0}, new float[] {0});
        assertEquals("interaction 0: value 0.0 must be finite and > 0 for implicit feedback",
                assertThrows(IllegalArgumentException.class, () -> SparseRows.build(data, true, true)).getMessage());
    }
}
