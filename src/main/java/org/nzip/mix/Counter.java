package org.nzip.mix;

/**
 * An adaptive probability packed in an int: the upper 22 bits are the probability of a 1, the low
 * {@value #COUNT_BITS} bits how often it has been updated (up to a limit). The rate of an update is
 * 1/(n + 1.5) for count n, so a counter averages its first bits and then follows the recent ones as
 * fast as its limit allows. Static kernels only: the counters live in int arrays of their models.
 */
final class Counter {

    /** Bits of the count. */
    static final int COUNT_BITS = 10;
    /** Low bits of a counter that hold its count; also the largest count. */
    static final int COUNT_MASK = (1 << COUNT_BITS) - 1;
    /** A fresh counter: probability ½, count 0. */
    static final int FRESH = 1 << 31;
    /** Adaptation rate by count, in 1/65536: 1/(n + 1.5). */
    private static final int[] RATE = new int[COUNT_MASK + 1];

    static {
        for (int n = 0; n <= COUNT_MASK; n++) {
            RATE[n] = 131072 / (2 * n + 3);
        }
    }

    private Counter() {}

    /** The probability of a 1 in 1/65536, in [0, 65535]. */
    static int p(int counter) {
        return counter >>> 16;
    }

    /** The number of updates seen (up to the limit it was updated with). */
    static int count(int counter) {
        return counter & COUNT_MASK;
    }

    /** The counter's stretched probability, or 0 (no opinion) if it has never been updated. */
    static int input(int counter) {
        return (counter & COUNT_MASK) == 0 ? 0 : Logistic.stretch(counter >>> 16);
    }

    /** Moves a counter towards {@code bit} at a rate that slows with its count, up to {@code limit} (≤ {@link #COUNT_MASK}). */
    static int update(int counter, int bit, int limit) {
        int n = counter & COUNT_MASK;
        int p = counter >>> COUNT_BITS; // 22 bits
        int target = bit == 0 ? 0 : (1 << 22) - 1;
        p += (int) (((long) (target - p) * RATE[n]) >> 16);
        if (n < limit) {
            n++;
        }
        return p << COUNT_BITS | n;
    }
}
