package org.nzip.codec;

import java.util.concurrent.locks.LockSupport;
import org.nzip.model.Predictor;

/**
 * The predictor's forward passes, as an ordered queue of tasks that {@link BlockCoder} releases and
 * awaits: task {@code k} computes the distributions of part {@code k % parts} of the streams at a
 * window position given when it is released. With a worker thread the tasks run there, while the
 * caller codes the other part of the streams with the bitwise mixer; without one, {@link #await}
 * runs them on the caller's thread. Either way each task computes the same numbers (a stream's
 * distribution does not depend on the range it is computed in, {@link Predictor#predict(int, int,
 * int, float[])}), so the coded output never depends on the thread count.
 *
 * <p>At most two tasks are released and not yet awaited. The hand-off spins briefly, then yields,
 * then parks (a task or a part of the mixer's work takes tens of microseconds), so a busy other core
 * never makes either thread spin unboundedly. Nothing is allocated per task. A task's exception is thrown by the
 * {@link #await} of that task and of every later one.
 */
final class ForwardPipeline implements AutoCloseable {

    /**
     * Waiting: this many spins (tens of nanoseconds each), then up to {@link #YIELDS} yields — which
     * hand the core to the other thread when both share one (another process keeping the other core
     * busy) — then park.
     */
    private static final int SPINS = 1 << 8;
    private static final int YIELDS = 1 << 11;

    private final Predictor predictor;
    private final float[] probs;
    private final int[] bounds;          // part p is streams [bounds[p], bounds[p + 1])
    private final int[] positions = new int[2]; // window position of task k at [k & 1]
    private final Thread worker;         // null: tasks run in await()

    private volatile long released;      // tasks [0, released) may run
    private volatile long completed;     // tasks [0, completed) are done
    private volatile boolean workerParked;
    private volatile boolean callerParked;
    private volatile Thread caller;
    private volatile boolean closed;
    private volatile Throwable failure;  // written before completed is advanced past the failed task
    private volatile long failedTask;
    private long awaited;                // the caller's next task to await

    /**
     * @param parts    1 (one task per step, all streams) or 2 (the first and the second half of the
     *                 streams, each its own task)
     * @param threaded whether the tasks run on a worker thread
     */
    ForwardPipeline(Predictor predictor, float[] probs, int parts, boolean threaded) {
        int streams = predictor.streams();
        if (parts < 1 || parts > 2 || parts > streams) {
            throw new IllegalArgumentException("parts " + parts + " for " + streams + " streams");
        }
        this.predictor = predictor;
        this.probs = probs;
        this.bounds = parts == 1 ? new int[] {0, streams} : new int[] {0, streams / 2, streams};
        if (threaded) {
            worker = new Thread(this::workLoop, "nzip-forward");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    /** Number of parts the streams are split into. */
    int parts() {
        return bounds.length - 1;
    }

    /** First stream of part {@code p} ({@code p == parts()}: the number of streams). */
    int bound(int p) {
        return bounds[p];
    }

    /**
     * Releases the next task: the forward pass of part {@code (number of tasks released) % parts} at
     * window {@code position}. Its inputs (the symbols of the part's streams at the step before, the
     * weights) must be final: the task may start at once.
     */
    void release(int position) {
        long k = released;
        if (k - awaited >= 2) {
            throw new IllegalStateException("more than two forward passes in flight");
        }
        positions[(int) (k & 1)] = position;
        released = k + 1; // publishes positions[] and everything the caller wrote before
        if (worker != null && workerParked) {
            LockSupport.unpark(worker);
        }
    }

    /** Waits for the oldest released task not yet awaited; its distributions are then in the probabilities. */
    void await() {
        long k = awaited;
        if (k >= released) {
            throw new IllegalStateException("no forward pass released");
        }
        awaited = k + 1;
        if (worker == null) {
            run(k);
            return;
        }
        if (completed <= k) {
            caller = Thread.currentThread();
            int spins = 0;
            while (completed <= k && failure == null) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else if (spins < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    callerParked = true;
                    if (completed <= k && failure == null) {
                        LockSupport.park(this);
                    }
                    callerParked = false;
                }
            }
        }
        Throwable f = failure;
        if (f != null && failedTask <= k) {
            awaited = k; // stays failed: every later await throws too
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("forward pass failed", f);
        }
    }

    private void run(long k) {
        int p = (int) (k % parts());
        predictor.predict(positions[(int) (k & 1)], bounds[p], bounds[p + 1], probs);
    }

    private void workLoop() {
        long k = 0;
        while (true) {
            int spins = 0;
            while (released <= k) {
                if (closed) {
                    return;
                }
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else if (spins < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    workerParked = true;
                    if (released <= k && !closed) {
                        LockSupport.park(this);
                    }
                    workerParked = false;
                }
            }
            try {
                run(k);
            } catch (Throwable e) {
                failedTask = k;
                failure = e;
            }
            completed = k + 1;
            if (callerParked) {
                LockSupport.unpark(caller);
            }
            if (failure != null) {
                return;
            }
            k++;
        }
    }

    /** Stops the worker thread (after the task it runs, if any); the pipeline must not be used afterwards. */
    @Override
    public void close() {
        if (worker != null && !closed) {
            closed = true;
            LockSupport.unpark(worker);
        }
    }
}
