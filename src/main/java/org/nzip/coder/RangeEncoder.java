package org.nzip.coder;

/**
 * Binary range encoder (carry-propagating, in the style of LZMA's rc but 48 bits wide) writing into
 * a growable byte buffer.
 *
 * <p>{@code low} holds 48 bits plus a carry bit; {@code range} starts at {@code 2^48 - 1} and stays in
 * [2^40, 2^48) after normalisation. A decision splits the interval with a frequency total of 2^24:
 * {@code r = range >> 24}, the 1 takes the low part {@code [0, r·p1·2^8)}, the 0 the part
 * {@code [r·p1·2^8, r·2^24)} (the sliver {@code range - r·2^24} is never used). Each step divides
 * {@code range} by at least 2^16 before the multiply, so the truncation loss is below 2^-16 relative.
 *
 * <p>The output is canonical (see {@link RangeDecoder#finish()}):
 * <ul>
 *   <li>no constant leading byte: the byte above the first one is always zero (the interval never
 *       reaches 2^48, so no carry gets there) and is not written;
 *   <li>{@link #finish()} writes the value in the final interval with the most trailing zero bytes
 *       (the smallest among equals), see {@link #flushValue}, and then drops every trailing zero byte
 *       of the block's output; the decoder reads zeros past the end.
 * </ul>
 * So a given sequence of decisions has exactly one coded form, and the decoder accepts only that one.
 */
public final class RangeEncoder {

    static final int WIDTH = 48;
    static final long MASK = (1L << WIDTH) - 1;
    static final long TOP = 1L << (WIDTH - 8);
    /** Bytes the decoder reads before the first decision (the width of its code value). */
    static final int CODE_BYTES = WIDTH / 8;

    private long low;
    private long range = MASK;
    /** The last byte produced but not yet written, since a carry may still reach it. */
    private int cache;
    /** Pending bytes: 0, or the cache followed by {@code pending - 1} bytes 0xFF. */
    private long pending;
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
        pending = 0;
        pos = 0;
    }

    /**
     * Encodes one binary decision: {@code bit} (0 or 1) where the probability of a 1 is
     * {@code p1}/65536, {@code p1} in [1, 65535]. A 1 takes the low part of the interval.
     */
    public void encodeBit(int p1, int bit) {
        long r = range >>> Frequencies.TOTAL_BITS;
        long bound = r * bitFrequency(p1);
        if (bit != 0) {
            range = bound;
        } else {
            low += bound;
            range = (r << Frequencies.TOTAL_BITS) - bound; // r · (TOTAL - f1)
        }
        while (range < TOP) {
            range <<= 8;
            shiftLow();
        }
    }

    /** The frequency of a 1 (of {@link Frequencies#TOTAL}) for {@code p1} in 1/65536, checked to be in [1, 65535]. */
    static int bitFrequency(int p1) {
        if (p1 < 1 || p1 > 65535) {
            throw new IllegalArgumentException("probability out of range: " + p1);
        }
        return p1 << (Frequencies.TOTAL_BITS - 16);
    }

    /** Moves the top byte of {@code low} into the cache, writing the pending bytes once no carry can reach them. */
    private void shiftLow() {
        int top = (int) (low >>> (WIDTH - 8)); // the leaving byte, plus the carry in bit 8
        if (top != 0xFF || pending == 0) {
            if (pending != 0) {
                int carry = top >>> 8;
                put(cache + carry);
                for (long i = pending - 1; i > 0; i--) {
                    put(0xFF + carry); // a carry turns the 0xFF run into zeros
                }
            }
            // The very first byte may be 0xFF or take a carry later, but never both: the whole
            // interval stays below 2^48 at the first byte's scale.
            cache = top & 0xFF;
            pending = 1;
        } else {
            pending++;
        }
        low = (low << 8) & MASK;
    }

    private void put(int b) {
        if (pos == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        buf[pos++] = (byte) b;
    }

    /**
     * The value the encoder writes for a final interval {@code [low, low + range)}: of the values in it,
     * one with the most trailing zero bytes (of {@link #WIDTH} bits), the smallest among equals. As
     * {@code range >= 2^40} a multiple of 2^40 is always inside, so this is the multiple of 2^48 if the
     * interval holds one, else the smallest multiple of 2^40 not below {@code low}. {@code low} may carry
     * (up to 2^49); shifting it by 2^48 shifts the result by 2^48, so the decoder, which knows
     * {@code low} only modulo 2^48, finds the same value modulo 2^48.
     */
    static long flushValue(long low, long range) {
        long v = ceilToMultiple(low, WIDTH);
        if (v - low >= range) {
            v = ceilToMultiple(low, WIDTH - 8);
        }
        return v;
    }

    private static long ceilToMultiple(long x, int bits) {
        return ((x + (1L << bits) - 1) >>> bits) << bits;
    }

    /**
     * Ends the stream: writes {@link #flushValue} of the final interval (at most one byte of it is not
     * zero; the pending bytes take its carry) and drops all trailing zero bytes. After this
     * {@link #buffer()} holds the complete stream, which is empty or ends with a nonzero byte. Call
     * {@link #reset()} before coding again.
     */
    public void finish() {
        low = flushValue(low, range);
        shiftLow(); // pending bytes (with the carry) out, the value's top byte into the cache
        shiftLow(); // the cache out; the value's remaining bytes are zero
        while (pos > 0 && buf[pos - 1] == 0) {
            pos--;
        }
        pending = 0;
    }

    /** Bytes produced so far (complete only after {@link #finish()}). */
    public int size() {
        return pos;
    }

    /** Bytes output so far plus those still pending in the carry cache, for progress reports. */
    public long approximateSize() {
        return pos + pending;
    }

    /** The output buffer; valid bytes are {@code [0, size())}. */
    public byte[] buffer() {
        return buf;
    }
}
