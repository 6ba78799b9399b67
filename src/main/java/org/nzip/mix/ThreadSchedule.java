package org.nzip.mix;

/**
 * Decides, at the ends of windows of work, whether the next window runs on two threads or one. Two
 * threads pay only when the other core is free: when another process keeps it busy, both threads
 * share one core and every hand-off waits for the scheduler. The output never depends on the choice.
 */
public interface ThreadSchedule {

    /**
     * @param windowNanos wall time of the window that ended (0 for none: the first, or one that a
     *                    block's start interrupted)
     * @param twoThreads  whether it ran on two threads
     * @return whether the next window runs on two threads
     */
    boolean next(long windowNanos, boolean twoThreads);

    /**
     * The default schedule: an average of the recent window times of the way in use; now and then a
     * few windows the other way, whose mean it keeps if faster (by 3 %). The first try comes after 8
     * windows; a try that loses doubles the wait for the next (32 windows after a switch, at most 256),
     * so that a lasting state of the machine costs few tries.
     */
    final class Measured implements ThreadSchedule {
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

        /** A schedule for one pipeline. */
        public Measured() {}

        @Override
        public boolean next(long windowNanos, boolean twoThreads) {
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
                    return twoThreads;
                }
                trying = true;
                windows = 0;
                trySum = 0;
                tryCount = 0;
                return !twoThreads;
            }
            if (windows < TRY) {
                return twoThreads;
            }
            trying = false;
            windows = 0;
            if (tryCount > 0 && trySum / tryCount < 0.97 * average) {
                average = trySum / tryCount; // the tried way is faster: keep it
                stay = STAY;
                return twoThreads;
            }
            stay = Math.min(2 * stay, MAX_STAY);
            return !twoThreads; // back to the way that was faster
        }
    }
}
