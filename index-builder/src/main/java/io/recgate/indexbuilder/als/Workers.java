package io.recgate.indexbuilder.als;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@code threads} workers for one training run: the calling thread is worker 0 and
 * a pool of {@code threads - 1} daemon threads are the others. Work is a list of contiguous row
 * blocks; workers take the next unclaimed block until none is left. Which worker runs a block
 * varies from run to run, so a block's result must depend only on its rows (the ALS row solves
 * do), never on the worker; each worker owns scratch indexed by its worker number.
 *
 * <p>Not thread-safe: one {@link #forEachBlock} at a time, from the thread that created it.
 */
final class Workers implements AutoCloseable {

    /** The work done on rows [from, to) by worker {@code worker} (0..threads-1). */
    @FunctionalInterface
    interface BlockBody {
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    Workers(int threads, String name) {
        this.threads = threads;
        if (threads == 1) {
            pool = null;
        } else {
            AtomicInteger number = new AtomicInteger(1);
            pool = Executors.newFixedThreadPool(threads - 1, runnable -> {
                Thread thread = new Thread(runnable, name + "-" + number.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over blocks {@code [blockStart[b], blockStart[b + 1])} and returns when all
     * are done.
     *
     * @throws CancellationException if the calling thread is interrupted (its flag is set again)
     * @throws RuntimeException      the first failure of a block, rethrown as it was
     */
    void forEachBlock(int[] blockStart, BlockBody body) {
        int blocks = blockStart.length - 1;
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> helpers = new ArrayList<>(threads - 1);
        for (int w = 1; w < threads && w < blocks; w++) {
            int worker = w;
            helpers.add(pool.submit(() -> drain(worker, blockStart, next, body)));
        }
        try {
            drain(0, blockStart, next, body);
        } catch (RuntimeException | Error e) {
            next.set(blocks);
            awaitQuietly(helpers);
            throw e;
        }
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                next.set(blocks);
                Thread.currentThread().interrupt();
                throw new CancellationException("ALS training interrupted");
            } catch (ExecutionException e) {
                next.set(blocks);
                awaitQuietly(helpers);
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("ALS worker failed", e.getCause());
            }
        }
    }

    private static void drain(int worker, int[] blockStart, AtomicInteger next, BlockBody body) {
        int blocks = blockStart.length - 1;
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
            body.run(worker, blockStart[b], blockStart[b + 1]);
        }
    }

    /** Waits for helpers that are still running so that no worker outlives a failed call. */
    private static void awaitQuietly(List<Future<?>> helpers) {
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Splits rows [0, rows) into at most {@code blocks} contiguous blocks of about equal cost,
     * where row r costs {@code length(r) + perRowCost}. Deterministic; returns block boundaries
     * (first 0, last {@code rows}).
     */
    static int[] balancedBlocks(SparseRows matrix, int blocks, int perRowCost) {
        int rows = matrix.rows;
        double total = (double) matrix.nnz() + (double) perRowCost * rows;
        int count = Math.max(1, Math.min(blocks, rows));
        int[] bounds = new int[count + 1];
        int b = 1;
        double cumulative = 0;
        for (int r = 0; r < rows && b < count; r++) {
            cumulative += matrix.length(r) + perRowCost;
            if (cumulative >= total * b / count) {
                bounds[b++] = r + 1;
            }
        }
        while (b <= count) {
            bounds[b++] = rows;
        }
        return bounds;
    }

    /** Splits [0, n) into at most {@code blocks} contiguous blocks of about equal length. */
    static int[] evenBlocks(int n, int blocks) {
        int count = Math.max(1, Math.min(blocks, n));
        int[] bounds = new int[count + 1];
        for (int b = 1; b <= count; b++) {
            bounds[b] = (int) ((long) n * b / count);
        }
        return bounds;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
