package org.nzip;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that code segments at once, for a writer or a reader: tasks are handed in in stream
 * order and their results taken out in the same order, so the bytes never depend on which thread
 * finished first. A task's exception is rethrown as it was when its result is taken.
 */
final class SegmentWorkers<T> implements AutoCloseable {

    private final int threads;
    private ExecutorService pool; // started with the first task
    private final ArrayDeque<Future<T>> pending = new ArrayDeque<>();

    SegmentWorkers(int threads) {
        this.threads = threads;
    }

    /** Starts {@code task} on a free thread (or when one is free). */
    void submit(Callable<T> task) {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "nzip-segment");
                t.setDaemon(true);
                return t;
            });
        }
        pending.add(pool.submit(task));
    }

    /** Queues a failure found before a task could start (reading ahead), to be thrown in its turn. */
    void fail(Exception e) {
        pending.add(CompletableFuture.failedFuture(e));
    }

    /** Tasks handed in whose results have not been taken. */
    int pending() {
        return pending.size();
    }

    /** Waits for the oldest task and returns its result, or throws what it threw. */
    T takeOldest() throws IOException {
        try {
            return pending.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while coding a segment");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    /** Cancels the tasks under way and stops the threads. */
    @Override
    public void close() {
        for (Future<T> f : pending) {
            f.cancel(true);
        }
        pending.clear();
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
