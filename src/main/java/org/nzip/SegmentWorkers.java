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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that code segments at once, for a writer or a reader: tasks are handed in in stream
 * order and their results taken out in the same order, so the bytes never depend on which thread
 * finished first. A task's exception is rethrown as it was when its result is taken.
 *
 * <p>A task counts as <em>running</em> from its hand-in until its code returns (a segment's model is
 * released by then); a finished task's result may wait to be taken while another runs. A reader that
 * keeps {@link #running()} at most the thread count holds at most that many models at once, and by
 * {@link #awaitOldestOrFreeThread} it learns as soon as a thread is free, so it can start the next
 * task before the oldest one ends instead of leaving that thread idle.
 */
final class SegmentWorkers<T> implements AutoCloseable {

    private final int threads;
    private ExecutorService pool; // started with the first task
    private final ArrayDeque<Future<T>> pending = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private int running; // tasks handed in whose code has not returned (guarded by lock)
    private int peakRunning; // the most tasks running at once (guarded by lock)
    private int peakPending; // the most results not yet taken at once

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
        lock.lock();
        try {
            running++;
            peakRunning = Math.max(peakRunning, running);
        } finally {
            lock.unlock();
        }
        pending.add(pool.submit(() -> {
            try {
                return task.call();
            } finally {
                lock.lock();
                try {
                    running--;
                    finished.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }));
        peakPending = Math.max(peakPending, pending.size());
    }

    /** Tasks handed in whose code has not returned. */
    int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** The most tasks that were running at once (a memory check for tests). */
    int peakRunning() {
        lock.lock();
        try {
            return peakRunning;
        } finally {
            lock.unlock();
        }
    }

    /** The most results handed in and not yet taken at once, running or finished (a memory check for tests). */
    int peakPending() {
        return peakPending;
    }

    /**
     * Waits until the oldest task's result can be taken without waiting, or fewer than {@code limit}
     * tasks are running; returns at once if there is no task.
     */
    void awaitOldestOrFreeThread(int limit) throws IOException {
        Future<T> oldest = pending.peekFirst();
        if (oldest == null) {
            return;
        }
        lock.lock();
        try {
            while (running >= limit && !oldest.isDone()) {
                finished.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while coding a segment");
        } finally {
            lock.unlock();
        }
    }

    /** Queues a failure found before a task could start (reading ahead), to be thrown in its turn. */
    void fail(Exception e) {
        pending.add(CompletableFuture.failedFuture(e));
        peakPending = Math.max(peakPending, pending.size());
    }

    /** Whether the oldest result can be taken without waiting (false if there is none). */
    boolean oldestDone() {
        Future<T> oldest = pending.peekFirst();
        return oldest != null && oldest.isDone();
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
