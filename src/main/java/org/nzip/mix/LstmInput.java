package org.nzip.mix;

/**
 * The LSTM's input to the mixers: its probability that the next bit is 1, read from its quantised
 * byte distribution as the share of the symbols under the partial byte whose next bit is 1, stretched.
 * Set once per byte ({@link #setDistribution}); 0 (no opinion) when there is no distribution.
 */
final class LstmInput {

    /** Mixer inputs. */
    static final int INPUTS = 1;
    /** Bytes held. */
    static final long BYTES = 8 * 257;

    private final long[] cumulative = new long[257]; // cumulative[0] stays 0
    private boolean present;

    /** The distribution of the next byte, {@code freq[0..256)} (every frequency ≥ 1), or {@code null} for none. */
    void setDistribution(int[] freq) {
        present = freq != null;
        if (present) {
            long sum = 0;
            for (int x = 0; x < 256; x++) {
                sum += freq[x];
                cumulative[x + 1] = sum;
            }
        }
    }

    /** The input for the next bit: {@code c0} is 1 and the {@code bitIndex} bits of the byte so far. */
    int predict(int c0, int bitIndex) {
        if (!present) {
            return 0;
        }
        int shift = 7 - bitIndex;
        int lo = (c0 << (shift + 1)) & 0xFF;
        int mid = lo + (1 << shift);
        int hi = mid + (1 << shift);
        long all = cumulative[hi] - cumulative[lo];
        long ones = cumulative[hi] - cumulative[mid];
        int pl = (int) ((ones << 16) / all);
        return Logistic.stretch(Math.min(Logistic.ONE - 1, Math.max(1, pl)));
    }
}
