package org.nzip.model;

/**
 * The symbols of a training window of {@code T} steps × {@code B} streams: at each step the byte
 * each stream read (the previous one) and the byte it then coded, and how many streams were active.
 * The last coded byte of a window is the first input of the next.
 */
final class SymbolTape {

    private final int window;
    private final int streams;
    private final int[][] input;  // [T][B]: previous byte per stream
    private final int[][] target; // [T][B]: coded byte per stream
    private final int[] active;   // [T]
    private int step;

    SymbolTape(int window, int streams) {
        this.window = window;
        this.streams = streams;
        input = new int[window][streams];
        target = new int[window][streams];
        active = new int[window];
    }

    /** Heap the tape holds, in ints. */
    static long ints(long window, long streams) {
        return 2 * window * streams + window;
    }

    int window() {
        return window;
    }

    /** The current step's position in the window. */
    int step() {
        return step;
    }

    /** The bytes the streams read at window position s. */
    int[] input(int s) {
        return input[s];
    }

    /** The bytes the streams coded at window position s. */
    int[] target(int s) {
        return target[s];
    }

    /** The streams that had a byte at window position s. */
    int active(int s) {
        return active[s];
    }

    /** Records the current step's symbols of streams [from, to) (0 for those from {@code activeStreams} on). */
    void observe(int from, int to, int activeStreams, int[] symbols) {
        int s = step;
        int[] nextInput = s + 1 < window ? input[s + 1] : null;
        int[] t = target[s];
        for (int b = from; b < to; b++) {
            int x = b < activeStreams ? symbols[b] : 0;
            t[b] = x;
            if (nextInput != null) {
                nextInput[b] = x;
            }
        }
    }

    /**
     * Ends the current step; returns true when it was the window's last, the window then staying
     * in place for training until {@link #nextWindow()}.
     */
    boolean endStep(int activeStreams) {
        active[step] = activeStreams;
        if (step + 1 < window) {
            step++;
            return false;
        }
        return true;
    }

    /** Starts the next window (after training on this one): its first input is this one's last target. */
    void nextWindow() {
        System.arraycopy(target[window - 1], 0, input[0], 0, streams);
        step = 0;
    }

    /** For the gradient checks: sets the last step's symbols and active count without ending it. */
    void setLastStep(int activeStreams, int[] symbols) {
        if (step != window - 1) {
            throw new IllegalStateException("call at the last step of a window");
        }
        active[step] = activeStreams;
        for (int b = 0; b < streams; b++) {
            target[step][b] = b < activeStreams ? symbols[b] : 0;
        }
    }
}
