package org.nzip.coder;

/**
 * Decoder for {@link RangeEncoder}'s streams, reading from a byte array slice.
 *
 * <p>Corruption shows as a broken invariant ({@code code >= range}) or as reading well past the end
 * of the slice; both raise {@link CodingException} instead of producing symbols.
 */
public final class RangeDecoder {

    private static final long MASK = RangeEncoder.MASK;
    private static final long TOP = RangeEncoder.TOP;

    private final int[] bitFreq = new int[2];

    private byte[] in;
    private int pos;
    private int end;
    private int overrun;
    private long code;
    private long range;

    /** Starts decoding the stream in {@code in[offset .. offset+length)}. */
    public void init(byte[] in, int offset, int length) throws CodingException {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        this.overrun = 0;
        if (length < RangeEncoder.INIT_BYTES) {
            throw new CodingException("coded stream shorter than its " + RangeEncoder.INIT_BYTES + "-byte preamble");
        }
        if (next() != 0) {
            throw new CodingException("coded stream does not start with a zero byte");
        }
        code = 0;
        for (int i = 1; i < RangeEncoder.INIT_BYTES; i++) {
            code = (code << 8) | next();
        }
        range = MASK;
    }

    private int next() {
        if (pos < end) {
            return in[pos++] & 0xFF;
        }
        overrun++;
        return 0;
    }

    /**
     * Decodes one symbol of the distribution {@code freq[0 .. n)} (summing to {@link Frequencies#TOTAL}).
     */
    public int decode(int[] freq, int n) throws CodingException {
        long r = range >>> Frequencies.TOTAL_BITS;
        long target = code / r;
        if (target >= Frequencies.TOTAL) {
            throw new CodingException("coded value out of range");
        }
        int t = (int) target;
        int cum = 0;
        int sym = 0;
        while (sym < n - 1 && cum + freq[sym] <= t) {
            cum += freq[sym];
            sym++;
        }
        code -= r * cum;
        range = r * freq[sym];
        if (code >= range) {
            throw new CodingException("coded value outside the decoded symbol's interval");
        }
        while (range < TOP) {
            range <<= 8;
            code = ((code << 8) | next()) & MASK;
        }
        // The encoder flushes exactly the bytes the decoder reads, so a valid stream never reads past
        // the end of its slice.
        if (overrun > 0) {
            throw new CodingException("coded stream ended early");
        }
        return sym;
    }

    /**
     * Decodes one binary decision coded by {@link RangeEncoder#encodeBit} with the same {@code p1}
     * (the probability of a 1 in 1/65536, in [1, 65535]): a two-symbol {@link #decode} whose first
     * symbol, the low part of the interval, is the 1.
     */
    public int decodeBit(int p1) throws CodingException {
        int f1 = RangeEncoder.bitFrequency(p1);
        bitFreq[0] = f1;
        bitFreq[1] = Frequencies.TOTAL - f1;
        return 1 - decode(bitFreq, 2);
    }

    /** Number of input bytes consumed (not counting reads past the end). */
    public int consumed(int offset) {
        return pos - offset;
    }

    /** Whether the decoder read past the end of its input slice. */
    public boolean overran() {
        return overrun > 0;
    }

    /** Checks the end of the stream (placeholder until the canonical coder lands). */
    public void finish() throws CodingException {
        if (pos != end) {
            throw new CodingException("decoding used " + pos + " of " + end + " bytes");
        }
    }
}
