package org.nzip.coder;

import java.util.Objects;

/**
 * Decoder for {@link RangeEncoder}'s streams, reading from a byte array slice.
 *
 * <p>Past the end of its slice the decoder reads zero bytes ("virtual" bytes): the encoder drops the
 * trailing zeros of every stream. After the last decision the caller must call {@link #finish()},
 * which accepts the slice only if it is exactly the encoder's output for the decisions decoded; so
 * any other byte string either fails ({@link CodingException} from {@link #init}, {@link #decodeBit}
 * or {@link #finish}) or decodes to other decisions.
 *
 * <p>Why that holds: while every step's checks pass, {@code code} is exactly {@code T - L}, with
 * {@code T} the number formed by the bytes read so far (virtual zeros included) and {@code L} the
 * encoder's {@code low} at the same scale, both as unbounded integers; a valid stream's encoder
 * wrote {@code L + flushValue(L, range) - L}, padded with zeros to the same number of bytes. So
 * {@code code == flushValue(L mod 2^48, range) - (L mod 2^48)} means the bytes read equal the
 * encoder's (padded) output, and "no byte after the last one read, the last real byte nonzero" means
 * the slice is that output with its trailing zeros dropped, nothing more, nothing less.
 *
 * <p>No limit on virtual bytes. A run of decisions that keep taking the low part of the interval (the
 * 1s, say a block of 0xFF bytes) leaves {@code low} unchanged and so writes zero bytes: at p1 = 1/2
 * one zero byte per eight decisions, and a block that is all 0xFF codes to an empty stream, read
 * entirely as virtual bytes. The only bound is the arithmetic one, at most two bytes read per
 * decision ({@code range >= 2^40} and a decision scales it by at least 2^-16), which the arithmetic
 * keeps by itself. Nor can any count tell a truncated stream from a valid one: once its last six bytes
 * read are virtual, every slice whose last byte is nonzero is the canonical coding of whatever it
 * decodes to, so only the data's checksum can reject it. A damaged or forged stream therefore costs
 * at most the work of decoding the block it claims to be (its raw length is in the block header),
 * like a full-length forged stream; the cheap checks fail fast where they can: a slice ending in a
 * zero byte or starting with a code value outside the interval is rejected by {@link #init}, a code
 * value in the unused sliver at the top of the interval by {@link #decodeBit}.
 */
public final class RangeDecoder {

    private static final long MASK = RangeEncoder.MASK;
    private static final long TOP = RangeEncoder.TOP;
    private static final int CODE_BYTES = RangeEncoder.CODE_BYTES;

    private byte[] in;
    private int start;
    private int pos;
    private int end;
    /** Zero bytes read past the end of the slice. */
    private long virtual;
    private long code;
    private long range;

    /**
     * Starts decoding the stream in {@code in[offset .. offset+length)}: reads the first
     * {@link RangeEncoder#CODE_BYTES} bytes (virtual zeros past the end).
     *
     * @throws CodingException if the slice ends with a zero byte (the encoder drops those) or its first
     *     bytes lie outside the initial interval
     */
    public void init(byte[] in, int offset, int length) throws CodingException {
        Objects.checkFromIndexSize(offset, length, in.length);
        this.in = in;
        this.start = offset;
        this.pos = offset;
        this.end = offset + length;
        this.virtual = 0;
        this.range = MASK;
        if (length > 0 && in[end - 1] == 0) {
            throw new CodingException("coded stream ends with a zero byte");
        }
        long c = 0;
        for (int i = 0; i < CODE_BYTES; i++) {
            c = (c << 8) | next();
        }
        code = c;
        if (code >= range) {
            throw new CodingException("coded value out of range");
        }
    }

    private int next() {
        if (pos < end) {
            return in[pos++] & 0xFF;
        }
        virtual++;
        return 0;
    }

    /**
     * Decodes one binary decision coded by {@link RangeEncoder#encodeBit} with the same {@code p1}
     * (the probability of a 1 in 1/65536, in [1, 65535]). The 1 is the low part of the interval.
     *
     * @throws CodingException if the code value lies in the part of the interval no decision uses
     */
    public int decodeBit(int p1) throws CodingException {
        long r = range >>> Frequencies.TOTAL_BITS;
        long bound = r * RangeEncoder.bitFrequency(p1);
        int bit;
        if (code < bound) {
            range = bound;
            bit = 1;
        } else {
            code -= bound;
            range = (r << Frequencies.TOTAL_BITS) - bound;
            if (code >= range) {
                throw new CodingException("coded value outside the decoded decision's interval");
            }
            bit = 0;
        }
        while (range < TOP) {
            range <<= 8;
            code = (code << 8) | next(); // code < range < 2^40 before the shift: stays below 2^48
        }
        return bit;
    }

    /**
     * Checks, after the last decision, that the slice is exactly what {@link RangeEncoder#finish()}
     * wrote for the decisions decoded: the code value is the encoder's flush value for the final
     * interval, and the slice has no byte beyond the last one read. (The slice's last byte being
     * nonzero is checked by {@link #init}.) Decoding more decisions afterwards is not meaningful.
     *
     * @throws CodingException if the slice is not the canonical coding of the decisions decoded
     */
    public void finish() throws CodingException {
        if (pos != end) {
            throw new CodingException("coded stream has " + (end - pos) + " bytes after its end");
        }
        // The last CODE_BYTES bytes read, virtual zeros included, as the 48-bit window of the value.
        long read = (pos - start) + virtual; // always >= CODE_BYTES
        int length = end - start;
        long window = 0;
        for (long i = read - CODE_BYTES; i < read; i++) {
            window = (window << 8) | (i < length ? in[start + (int) i] & 0xFF : 0);
        }
        long low = (window - code) & MASK;
        if (RangeEncoder.flushValue(low, range) - low != code) {
            throw new CodingException("coded stream does not end the way the encoder ends it");
        }
    }

    /**
     * Number of bytes of the slice consumed (not counting virtual bytes). After a successful
     * {@link #finish()} this is the slice's whole length.
     */
    public int consumed(int offset) {
        return pos - offset;
    }

    /** Number of virtual zero bytes read past the end of the slice. */
    public long virtualBytes() {
        return virtual;
    }
}
