package org.nzip.model;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs two tasks at once: one on the calling thread, one on a dedicated worker thread — or starts a
 * task on the worker that the caller joins later, while it does other work itself. The hand-off
 * spins briefly (a few microseconds of work is typical) and then parks, so an idle or busy other core
 * never makes the caller spin unboundedly. With one thread it simply runs the tasks in turn.
 *
 * <p>Tasks must write disjoint outputs; which thread runs which task never changes a result.
 */
final class PairRunner implements AutoCloseable {

    private static final int SPINS = 1 << 12;
    /**
     * The worker waits longer before it parks (about a millisecond of spinning): between two steps of
     * a network the caller codes the step's bytes with the context models for some hundreds of
     * microseconds, and a worker woken from a park starts its half late, every product of the next
     * step waiting for it (`max -T2`, 300 kB of book1 on a 2-vCPU Xeon guest: 4 % of the wall time).
     */
    private static final int WORKER_SPINS = 1 << 14;

    private final Thread worker;
    private volatile Runnable task;
    private volatile boolean done;
    private volatile boolean closed;
    private volatile Thread waiter;
    private Throwable failure;
    private boolean enabled = true; // the caller's
    private boolean started;        // the caller's: a task of start() may still run

    /** @param parallel whether to start a worker thread; if not, {@link #run} is sequential */
    PairRunner(boolean parallel) {
        if (parallel) {
            worker = new Thread(this::workLoop, "nzip-model-worker");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    boolean parallel() {
        return worker != null;
    }

    /** Whether {@link #run} uses the worker thread (if there is one); set between runs, by the caller. */
    void enable(boolean use) {
        join();
        enabled = use;
    }

    /** Runs {@code here} on this thread and {@code there} on the worker; returns when both are done. */
    void run(Runnable here, Runnable there) {
        join();
        if (worker == null || !enabled) {
            here.run();
            there.run();
            return;
        }
        hand(there);
        try {
            here.run();
        } finally {
            awaitDone();
        }
        rethrow();
    }

    /**
     * Starts {@code there} on the worker and returns at once (with no worker, or not enabled, runs it
     * first); {@link #join} — or the next {@link #run}, which joins first — waits for it. The caller
     * must not touch what the task reads or writes until then.
     */
    void start(Runnable there) {
        join();
        if (worker == null || !enabled) {
            there.run();
            return;
        }
        hand(there);
        started = true;
    }

    /** Waits for the task of the last {@link #start}, if it is still running; rethrows its failure. */
    void join() {
        if (started) {
            started = false;
            awaitDone();
            rethrow();
        }
    }

    private void hand(Runnable there) {
        waiter = Thread.currentThread();
        done = false;
        task = there;
        LockSupport.unpark(worker);
    }

    private void awaitDone() {
        int spins = 0;
        while (!done) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void rethrow() {
        if (failure != null) {
            Throwable f = failure;
            failure = null;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    private void workLoop() {
        int spins = 0;
        while (!closed) {
            Runnable t = task;
            if (t == null) {
                if (++spins < WORKER_SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            spins = 0;
            task = null;
            try {
                t.run();
            } catch (Throwable e) {
                failure = e; // published by the volatile write of done
            }
            done = true;
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void close() {
        if (worker != null && !closed) {
            closed = true;
            LockSupport.unpark(worker);
        }
    }
}
