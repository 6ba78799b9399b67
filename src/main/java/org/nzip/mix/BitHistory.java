package org.nzip.mix;

/**
 * Bit histories in one byte: a state stands for how many 0s and 1s a context has seen, counted
 * nonstationarily (when one bit comes, a count of the other above 2 is halved, so a context that
 * changes its habit forgets quickly), within a bounded set of count pairs: small totals exactly,
 * long runs with a few exceptions up to 40. State 0 is the empty history.
 */
final class BitHistory {

    private static final int MAX = 40;
    /** States in use (at most 256). */
    static final int STATES;
    private static final int[] ID = new int[(MAX + 1) * (MAX + 1)];
    private static final byte[] NEXT; // state * 2 + bit -> state
    private static final byte[] ZEROS;
    private static final byte[] ONES;

    static {
        int n = 0;
        int[] zeros = new int[256];
        int[] ones = new int[256];
        java.util.Arrays.fill(ID, -1);
        for (int total = 0; total <= 2 * MAX; total++) {
            for (int a = 0; a <= Math.min(total, MAX); a++) {
                int b = total - a;
                if (b <= MAX && allowed(a, b)) {
                    ID[a * (MAX + 1) + b] = n;
                    zeros[n] = a;
                    ones[n] = b;
                    n++;
                }
            }
        }
        if (n > 256) {
            throw new AssertionError(n + " states");
        }
        STATES = n;
        ZEROS = new byte[n];
        ONES = new byte[n];
        NEXT = new byte[2 * n];
        for (int s = 0; s < n; s++) {
            ZEROS[s] = (byte) zeros[s];
            ONES[s] = (byte) ones[s];
            for (int bit = 0; bit < 2; bit++) {
                int a = zeros[s];
                int b = ones[s];
                if (bit == 0) {
                    a++;
                    if (b > 2) {
                        b = b / 2 + 1;
                    }
                } else {
                    b++;
                    if (a > 2) {
                        a = a / 2 + 1;
                    }
                }
                a = Math.min(a, MAX);
                b = Math.min(b, MAX);
                while (!allowed(a, b)) { // forget the older evidence first: the smaller count
                    if (a < b ? a > 0 : b == 0) {
                        a--;
                    } else {
                        b--;
                    }
                }
                NEXT[2 * s + bit] = (byte) ID[a * (MAX + 1) + b];
            }
        }
    }

    private static boolean allowed(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return a + b <= 12 || (lo <= 1 && hi <= MAX) || (lo <= 3 && hi <= 20);
    }

    private BitHistory() {}

    /** The state after {@code bit} in state {@code state} (0..255). */
    static int next(int state, int bit) {
        return NEXT[2 * state + bit] & 0xFF;
    }

    static int zeros(int state) {
        return ZEROS[state];
    }

    static int ones(int state) {
        return ONES[state];
    }
}
