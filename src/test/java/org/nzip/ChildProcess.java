package org.nzip;

import java.util.concurrent.TimeUnit;

/**
 * Waiting for a test's child JVM: for its end, not against a clock. Every child's work is bounded (fixed
 * inputs, a fixed number of calls), so a test never fails because the machine is busy; the one limit
 * here is a safety net that turns a hung child (a deadlock, an endless loop) into a failure instead of
 * a build that never ends.
 */
public final class ChildProcess {

    /**
     * Far beyond any child's work on a loaded machine: the whole determinism matrix, a dozen children,
     * took 134 s with a load average of 6 to 9 on 2 cores.
     */
    private static final int SAFETY_NET_MINUTES = 60;

    private ChildProcess() {}

    /** Waits until {@code p} ends and returns its exit code; {@code what} names it in the failure. */
    public static int await(Process p, String what) throws InterruptedException {
        if (!p.waitFor(SAFETY_NET_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not end within " + SAFETY_NET_MINUTES + " minutes. Its work is"
                    + " bounded and takes seconds to a few minutes even on a busy machine, so it hangs (a deadlock"
                    + " or an endless loop): this is not a time limit on a slow machine.");
        }
        return p.exitValue();
    }
}
