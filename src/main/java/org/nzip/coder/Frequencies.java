package org.nzip.coder;

/**
 * The one place where model probabilities become integer frequencies.
 *
 * <p>Every symbol gets at least frequency 1 and the frequencies of an alphabet always sum to exactly
 * {@link #TOTAL}. The computation uses only IEEE-754 {@code double} multiplication, division and a
 * truncating cast, so identical {@code float} inputs give identical frequencies on every JVM.
 */
public final class Frequencies {

    /** log2 of the frequency total. */
    public static final int TOTAL_BITS = 24;
    /** Sum of the frequencies of one distribution. */
    public static final int TOTAL = 1 << TOTAL_BITS;

    private Frequencies() {}

    /**
     * Quantises {@code n} probabilities {@code probs[offset .. offset+n)} into {@code freq[0 .. n)}.
     * Negative, NaN or infinite probabilities count as 0; an all-zero distribution becomes uniform.
     * The rounding remainder goes to the most probable symbol (the lowest index among equals).
     */
    public static void quantize(float[] probs, int offset, int n, int[] freq) {
        if (n < 1 || n > TOTAL / 2 || freq.length < n || offset < 0 || offset + n > probs.length) {
            throw new IllegalArgumentException("bad alphabet slice: offset=" + offset + " n=" + n);
        }
        double sum = 0;
        int best = 0;
        float bestP = -1f;
        for (int i = 0; i < n; i++) {
            float p = clean(probs[offset + i]);
            sum += p;
            if (p > bestP) {
                bestP = p;
                best = i;
            }
        }
        int spare = TOTAL - n; // what is left after the floor of 1 per symbol
        int used = n;
        if (sum > 0) {
            double scale = spare / sum;
            for (int i = 0; i < n; i++) {
                // Truncation keeps the total <= TOTAL even when rounding pushes scale up a little.
                int f = 1 + (int) (clean(probs[offset + i]) * scale);
                freq[i] = f;
                used += f - 1;
            }
            if (used > TOTAL) { // only reachable through double rounding at the very top; stay safe
                throw new IllegalStateException("frequency overflow: " + used);
            }
            freq[best] += TOTAL - used;
        } else {
            int each = TOTAL / n;
            for (int i = 0; i < n; i++) {
                freq[i] = each;
            }
            freq[0] += TOTAL - each * n;
        }
    }

    private static float clean(float p) {
        return p > 0f && p <= Float.MAX_VALUE ? p : 0f; // also maps NaN to 0
    }
}
