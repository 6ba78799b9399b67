package org.nzip.coder;

/**
 * Integer range encoder (carry-propagating, in the style of LZMA's rc but 48 bits wide) writing into
 * a caller-supplied growable byte buffer.
 *
 * <p>{@code low} holds 48 bits plus a carry bit; {@code range} stays in [2^40, 2^48) after
 * normalisation, so with a frequency total of 2^24 each step divides by at least 2^16 and the
 * truncation loss is below 2^-16 relative.
 */
public final class RangeEncoder {

    static final int WIDTH = 48;
    static final long MASK = (1L << WIDTH) - 1;
    static final long TOP = 1L << (WIDTH - 8);
    /** Bytes the decoder reads before the first symbol: one zero byte, then {@code WIDTH/8} code bytes. */
    static final int INIT_BYTES = 1 + WIDTH / 8;

    private long low;
    private long range = MASK;
    private int cache;
    private long cacheSize = 1;
    private byte[] buf;
    private int pos;

    /** Creates an encoder with an initial output capacity. */
    public RangeEncoder(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Starts a new coded stream, keeping the buffer. */
    public void reset() {
        low = 0;
        range = MASK;
        cache = 0;
        cacheSize = 1;
        pos = 0;
    }

    /** Encodes the symbol {@code sym} of a distribution given as frequencies summing to {@link Frequencies#TOTAL}. */
    public void encode(int[] freq, int sym) {
        int cum = 0;
        for (int i = 0; i < sym; i++) {
            cum += freq[i];
        }
        encode(cum, freq[sym]);
    }

    /** Encodes the interval [cum, cum + freq) of a total of {@link Frequencies#TOTAL}. */
    public void encode(int cum, int freq) {
        long r = range >>> Frequencies.TOTAL_BITS;
        low += r * cum;
        range = r * freq;
        while (range < TOP) {
            range <<= 8;
            shiftLow();
        }
    }

    /**
     * Encodes one binary decision: {@code bit} (0 or 1) where the probability of a 1 is
     * {@code p1}/65536, {@code p1} in [1, 65535]. A 1 takes the low part of the interval.
     */
    public void encodeBit(int p1, int bit) {
        int f1 = bitFrequency(p1);
        if (bit != 0) {
            encode(0, f1);
        } else {
            encode(f1, Frequencies.TOTAL - f1);
        }
    }

    /** The frequency of a 1 (of {@link Frequencies#TOTAL}) for {@code p1} in 1/65536, checked to be in [1, 65535]. */
    static int bitFrequency(int p1) {
        if (p1 < 1 || p1 > 65535) {
            throw new IllegalArgumentException("probability out of range: " + p1);
        }
        return p1 << (Frequencies.TOTAL_BITS - 16);
    }

    private void shiftLow() {
        if (low < 0xFFL << (WIDTH - 8) || low > MASK) {
            int carry = (int) (low >>> WIDTH);
            int b = cache;
            do {
                put(b + carry);
                b = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) (low >>> (WIDTH - 8)) & 0xFF;
        }
        cacheSize++;
        low = (low << 8) & MASK;
    }

    private void put(int b) {
        if (pos == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        buf[pos++] = (byte) b;
    }

    /** Flushes the final state; after this {@link #buffer()} holds the complete stream. */
    public void finish() {
        for (int i = 0; i < INIT_BYTES; i++) {
            shiftLow();
        }
    }

    /** Bytes produced so far (complete only after {@link #finish()}). */
    public int size() {
        return pos;
    }

    /** Bytes output so far plus those still pending in the carry cache, for progress reports. */
    public long approximateSize() {
        return pos + cacheSize;
    }

    /** The output buffer; valid bytes are {@code [0, size())}. */
    public byte[] buffer() {
        return buf;
    }
}
