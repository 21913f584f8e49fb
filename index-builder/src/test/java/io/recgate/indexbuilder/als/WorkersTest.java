package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void evenBlocksCoverTheRangeContiguously() {
        assertArrayEquals(new int[] {0, 3, 6, 10}, Workers.evenBlocks(10, 3));
        assertArrayEquals(new int[] {0, 1, 2}, Workers.evenBlocks(2, 5));
        assertArrayEquals(new int[] {0, 0}, Workers.evenBlocks(0, 4));
    }

    @Test
    void balancedBlocksSplitByCost() {
        PlantedData.Split split = PlantedData.communities(200, 50, 4, 0.5, 0.02, 1);
        SparseRows byUser = SparseRows.build(split.train(), true, true).byUser();
        int[] blocks = Workers.balancedBlocks(byUser, 4, 2);
        assertEquals(5, blocks.length);
        assertEquals(0, blocks[0]);
        assertEquals(200, blocks[4]);
        double total = byUser.nnz() + 2.0 * 200;
        for (int b = 0; b < 4; b++) {
            assertTrue(blocks[b] <= blocks[b + 1]);
            double cost = byUser.start[blocks[b + 1]] - byUser.start[blocks[b]] + 2.0 * (blocks[b + 1] - blocks[b]);
            assertTrue(Math.abs(cost - total / 4) < total / 20, "block " + b + " cost " + cost);
        }
    }

    @Test
    void runsEveryBlockExactlyOnceOnDistinctWorkers() {
        int[] blocks = Workers.evenBlocks(1000, 37);
        AtomicIntegerArray visits = new AtomicIntegerArray(1000);
        AtomicIntegerArray workerUse = new AtomicIntegerArray(3);
        try (Workers workers = new Workers(3, "test")) {
            workers.forEachBlock(blocks, (w, from, to) -> {
                workerUse.incrementAndGet(w);
                for (int r = from; r < to; r++) {
                    visits.incrementAndGet(r);
                }
            });
        }
        for (int r = 0; r < 1000; r++) {
            assertEquals(1, visits.get(r), "row " + r);
        }
        assertEquals(37, workerUse.get(0) + workerUse.get(1) + workerUse.get(2));
    }

    @Test
    void rethrowsAFailureOfAnyWorker() {
        IllegalStateException failure = new IllegalStateException("boom");
        try (Workers workers = new Workers(2, "test")) {
            RuntimeException thrown = assertThrows(RuntimeException.class,
                    () -> workers.forEachBlock(Workers.evenBlocks(100, 10), (w, from, to) -> {
                        if (from == 50) {
                            throw failure;
                        }
                    }));
            assertSame(failure, thrown);
            int[] ran = new int[1];
            workers.forEachBlock(Workers.evenBlocks(4, 4), (w, from, to) -> {
                synchronized (ran) {
                    ran[0]++;
                }
            });
            assertEquals(4, ran[0], "still usable after a failure");
        }
    }
}
