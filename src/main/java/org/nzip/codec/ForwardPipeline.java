package org.nzip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.nzip.model.Predictor;

/**
 * The predictor's forward passes, as an ordered queue of tasks that {@link BlockCoder} releases and
 * awaits: each task computes the distributions of one part of the streams at a window position. A
 * second thread can help in two ways ({@link Way}): in {@link Way#HALVES} the streams are in two parts
 * and the tasks run on a worker thread, while the caller codes the other half with the bitwise mixer;
 * in {@link Way#SHARED_PRODUCTS} there is one part, all streams, run by {@link #await} on the caller's
 * thread, and the predictor shares each of its matrix products with a thread of its own. Either way a
 * stream's distribution is the same (it does not depend on the range it is computed in, {@link
 * Predictor#predict(int, int, int, float[])}), so the coded output never depends on the threads.
 *
 * <p><b>Choosing.</b> A pipeline built with a worker switches between the ways at the ends of
 * training windows, where no task is in flight, as its {@link Schedule} says: by default it measures
 * the wall time of windows each way and keeps the fastest, trying the others now and then. Which one
 * wins depends on the model: halves pay for a small network, whose products are too short to share
 * (a half's forward pass takes about as long as the mixer's half); shared products pay for a large
 * one, whose forward pass of a half would take far longer than the mixer. A second thread only pays
 * when the other core is free; when another process keeps it busy, the threads share one core and
 * every hand-off waits for the scheduler, so one thread is faster.
 *
 * <p>At most two tasks are released and not yet awaited. The hand-off spins briefly, then yields,
 * then parks (a task or a part of the mixer's work takes tens of microseconds), so a busy other core
 * never makes either thread spin unboundedly. Nothing is allocated per task. A task's exception is
 * thrown by the {@link #await} of that task and of every later one.
 */
final class ForwardPipeline implements AutoCloseable {

    /**
     * Waiting: this many spins (tens of nanoseconds each), then up to {@link #YIELDS} yields — which
     * hand the core to the other thread when both share one — then park.
     */
    private static final int SPINS = 1 << 8;
    private static final int YIELDS = 1 << 11;

    /** How a pipeline with a worker uses the second thread during a training window. */
    enum Way {
        /** Everything on the caller's thread. */
        ONE_THREAD,
        /** The whole batch's forward pass on the caller's thread; the predictor shares its products. */
        SHARED_PRODUCTS,
        /** One half of the streams' forward pass on the worker while the caller codes the other half. */
        HALVES
    }

    /** Decides at the end of each training window how the next one uses the second thread. */
    interface Schedule {
        /**
         * The ways the pipeline can take (at least two), told once before the first {@link #next};
         * it starts in the last of them.
         */
        default void ways(List<Way> ways) {}

        /**
         * @param windowNanos wall time of the window that ended (0 for none: the first, or one that a
         *                    block's start interrupted)
         * @param way         how it ran
         * @return how the next window runs: one of the ways told
         */
        Way next(long windowNanos, Way way);
    }

    /**
     * The default schedule: an average of the recent window times of the way in use; now and then a
     * few windows another way (the others in turn, the one using more threads first), whose mean it
     * keeps if faster (by 3 %). The first try comes after 8 windows; a try that loses doubles the wait
     * for the next (32 windows after a switch, at most 256), so that a lasting state of the machine
     * costs few tries.
     */
    static final class Measured implements Schedule {
        private static final int FIRST = 8;
        private static final int STAY = 32;
        private static final int MAX_STAY = 256;
        private static final int TRY = 4;
        private double average;  // of the way in use
        private int stay = FIRST;
        private int windows;
        private boolean trying;
        private double trySum;
        private int tryCount;
        private List<Way> ways = List.of(Way.ONE_THREAD, Way.HALVES);
        private Way home;        // the way a try came from
        private int turn;        // which of the other ways the next try takes

        @Override
        public void ways(List<Way> ways) {
            this.ways = List.copyOf(ways);
        }

        @Override
        public Way next(long windowNanos, Way way) {
            if (windowNanos > 0) {
                if (trying) {
                    trySum += windowNanos;
                    tryCount++;
                } else {
                    average = average == 0 ? windowNanos : average + (windowNanos - average) / 8;
                }
            }
            windows++;
            if (!trying) {
                if (windows < stay || average == 0) {
                    return way;
                }
                trying = true;
                windows = 0;
                trySum = 0;
                tryCount = 0;
                home = way;
                List<Way> others = new ArrayList<>(ways.reversed()); // the most threads first; at a
                others.remove(way);                                  // try only, not per window
                return others.get(turn++ % others.size());
            }
            if (windows < TRY) {
                return way;
            }
            trying = false;
            windows = 0;
            if (tryCount > 0 && trySum / tryCount < 0.97 * average) {
                average = trySum / tryCount; // the tried way is faster: keep it
                stay = STAY;
                return way;
            }
            stay = Math.min(2 * stay, MAX_STAY);
            return home; // back to the way that was faster
        }
    }

    private final Predictor predictor;
    private final float[] probs;
    private final int streams;
    private final Thread worker;         // null: one thread only
    private final Schedule schedule;
    private final int[] positions = new int[2]; // task k's window position and streams at [k & 1]
    private final int[] taskFrom = new int[2];
    private final int[] taskTo = new int[2];

    private Way way = Way.ONE_THREAD;    // the caller's: HALVES when tasks go to the worker
    private long released;               // the caller's: tasks [0, released) are released
    private long awaited;                // the caller's: the next task to await
    private long windowStart;            // System.nanoTime() at the start of the window, 0 for none

    private volatile long published;     // tasks [0, published) may run on the worker
    private volatile long completed;     // tasks [0, completed) are done
    private volatile boolean workerParked;
    private volatile boolean callerParked;
    private volatile Thread caller;
    private volatile boolean closed;
    private volatile Throwable failure;  // written before completed is advanced past the failed task
    private volatile long failedTask;

    /**
     * @param threaded whether to start a worker thread: then the pipeline starts in halves and
     *                 {@code schedule} decides from then on (between one thread, halves and, if the
     *                 predictor {@linkplain Predictor#sharesProducts() shares its products}, that)
     */
    ForwardPipeline(Predictor predictor, float[] probs, boolean threaded, Schedule schedule) {
        this.predictor = predictor;
        this.probs = probs;
        this.streams = predictor.streams();
        this.schedule = schedule;
        if (threaded && streams > 1) {
            worker = new Thread(this::workLoop, "nzip-forward");
            worker.setDaemon(true);
            worker.start();
            List<Way> ways = new ArrayList<>(List.of(Way.ONE_THREAD));
            if (predictor.sharesProducts()) {
                ways.add(Way.SHARED_PRODUCTS);
            }
            ways.add(Way.HALVES);
            schedule.ways(ways);
            way = Way.HALVES;
        } else {
            worker = null;
        }
    }

    /** Number of parts the streams are now split into: 2 in halves, else 1. */
    int parts() {
        return way == Way.HALVES ? 2 : 1;
    }

    /** How the window in progress uses the second thread. */
    Way way() {
        return way;
    }

    /** First stream of part {@code p} of {@link #parts()} ({@code p == parts()}: the number of streams). */
    int bound(int p) {
        return p == 0 ? 0 : p == parts() ? streams : streams / 2;
    }

    /**
     * A training window ended and nothing is in flight: the schedule may switch ways here (and the
     * predictor is told whether to share its products with its own second thread: in every way but
     * one thread).
     * {@code interrupted}: the window was cut by a block's start, its time is not measured.
     */
    void windowEnded(boolean interrupted) {
        if (worker == null) {
            return;
        }
        if (awaited != released) {
            throw new IllegalStateException("a forward pass is in flight");
        }
        long now = System.nanoTime();
        long nanos = interrupted || windowStart == 0 ? 0 : now - windowStart;
        windowStart = now;
        Way next = schedule.next(nanos, way);
        if (next != way) {
            if ((next == Way.ONE_THREAD) != (way == Way.ONE_THREAD)) {
                predictor.useSecondThread(next != Way.ONE_THREAD);
            }
            way = next;
            if (next == Way.HALVES) {
                published = released; // == completed: the worker goes on from there
            }
            windowStart = 0; // the first window after a switch is not measured
        }
    }

    /**
     * Releases the next task: the forward pass of part {@code part} of {@link #parts()} at window
     * {@code position}. Its inputs (the symbols of the part's streams at the step before, the weights)
     * must be final: the task may start at once. Tasks are released part after part.
     */
    void release(int position, int part) {
        long k = released;
        if (k - awaited >= 2) {
            throw new IllegalStateException("more than two forward passes in flight");
        }
        int i = (int) (k & 1);
        positions[i] = position;
        taskFrom[i] = bound(part);
        taskTo[i] = bound(part + 1);
        released = k + 1;
        if (way == Way.HALVES) {
            published = k + 1; // publishes the task and everything the caller wrote before
            if (workerParked) {
                LockSupport.unpark(worker);
            }
        }
    }

    /** Waits for the oldest released task not yet awaited; its distributions are then in the probabilities. */
    void await() {
        long k = awaited;
        if (k >= released) {
            throw new IllegalStateException("no forward pass released");
        }
        if (way != Way.HALVES) {
            awaited = k + 1;
            run(k);
            completed = k + 1;
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
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("forward pass failed", f);
        }
        awaited = k + 1;
    }

    private void run(long k) {
        int i = (int) (k & 1);
        predictor.predict(positions[i], taskFrom[i], taskTo[i], probs);
    }

    private void workLoop() {
        while (true) {
            int spins = 0;
            long k;
            while (true) {
                long p = published; // first published, then completed (see windowEnded)
                k = completed;
                if (p > k) {
                    break;
                }
                if (closed) {
                    return;
                }
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else if (spins < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    workerParked = true;
                    if (published <= completed && !closed) {
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
