package org.nzip.mix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link ContextGroup}'s calls on a second thread, one call ahead of the mixer: the mixer
 * posts a call ({@link #begin}, {@link #bit}) and goes on with its own work (training the mixers on
 * the last bit, its own inputs); before it mixes it {@link #join joins}. The same calls run in the
 * same order whichever thread runs them, so the output does not depend on this class.
 *
 * <p>A posted call is taken by whichever thread comes first: the worker, spinning for it, or the
 * mixer when it joins. So a worker without a core (another process has it, or it is parked after a
 * pause) costs the mixer nothing but the time to take the call itself; only a call the worker has
 * started is waited for. Spinning suits the short calls (a microsecond or less); after a long idle
 * spell the worker parks for short naps.
 */
final class GroupWorker implements AutoCloseable {

    private static final int IDLE = 0;
    private static final int POSTED = 1;
    private static final int TAKEN = 2;
    /** Idle spins of the worker before it naps. */
    private static final int SPINS = 1 << 14;
    /** The worker's naps grow from the shortest to the longest while no call comes. */
    private static final long SHORTEST_NAP = 50_000;
    private static final long LONGEST_NAP = 20_000_000;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(GroupWorker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ContextGroup group;
    private final Thread thread;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = IDLE;
    private volatile boolean closed;
    private volatile boolean napping;
    private int posts;
    // The posted call (written before the release of POSTED, read after its acquisition).
    private boolean begin;
    private int argument;
    private int[] inputs;
    private RuntimeException failure;

    GroupWorker(ContextGroup group) {
        this(group, true);
    }

    /** With {@code serving} false no thread takes the calls: {@link #join} runs each (for tests). */
    GroupWorker(ContextGroup group, boolean serving) {
        this.group = group;
        thread = new Thread(this::serve, "nzip-context-group");
        thread.setDaemon(true);
        if (serving) {
            thread.start();
        }
    }

    /** Whether the worker thread runs (after {@link #close}: never). */
    boolean serving() {
        return thread.isAlive();
    }

    /** Posts {@link ContextGroup#begin}{@code (s, inputs)}. */
    void begin(int s, int[] inputs) {
        post(true, s, inputs);
    }

    /** Posts {@link ContextGroup#bit}{@code (bit, inputs)}. */
    void bit(int bit, int[] inputs) {
        post(false, bit, inputs);
    }

    private void post(boolean begin, int argument, int[] inputs) {
        join();
        this.begin = begin;
        this.argument = argument;
        this.inputs = inputs;
        STATE.setRelease(this, POSTED);
        if (napping && (++posts & 255) == 0) {
            LockSupport.unpark(thread); // this thread takes the calls meanwhile: a wake-up now and then is enough
        }
    }

    /** Returns when the posted call, if any, has run (running it here if no thread has taken it). */
    void join() {
        if ((int) STATE.getAcquire(this) == POSTED && STATE.compareAndSet(this, POSTED, TAKEN)) {
            run();
        } else {
            int spins = 0;
            while ((int) STATE.getAcquire(this) != IDLE) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // the worker may be waiting for this core
                }
            }
        }
        if (failure != null) {
            RuntimeException e = failure;
            failure = null;
            throw e;
        }
    }

    private void run() {
        try {
            if (begin) {
                group.begin(argument, inputs);
            } else {
                group.bit(argument, inputs);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        STATE.setRelease(this, IDLE);
    }

    private void serve() {
        int idle = 0;
        long nap = SHORTEST_NAP;
        while (!closed) {
            if ((int) STATE.getAcquire(this) == POSTED && STATE.compareAndSet(this, POSTED, TAKEN)) {
                run();
                idle = 0;
                nap = SHORTEST_NAP;
            } else if (++idle < SPINS) {
                Thread.onSpinWait();
            } else {
                napping = true;
                LockSupport.parkNanos(nap);
                napping = false;
                nap = Math.min(LONGEST_NAP, 2 * nap);
                idle = 0;
            }
        }
    }

    /** Finishes the posted call and stops the thread; returns when it has stopped. */
    @Override
    public void close() {
        try {
            join();
        } finally {
            closed = true;
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
