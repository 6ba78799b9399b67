package org.nzip.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Unsigned LEB128 integers: seven bits per byte, least significant group first, the high bit set on
 * every byte but the last. Only the shortest form is valid (no trailing {@code 0x80 … 0x00}), so every
 * value has exactly one encoding; at most {@value #MAX_BYTES} bytes (values below 2^63).
 */
public final class Varint {

    /** Longest encoding read. */
    public static final int MAX_BYTES = 9;

    private Varint() {}

    /** Bytes needed for {@code v} (non-negative). */
    public static int size(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes {@code v} (non-negative) into {@code b} at {@code off}; returns the bytes written. */
    public static int put(byte[] b, int off, long v) {
        int i = off;
        while (v >= 0x80) {
            b[i++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[i++] = (byte) v;
        return i - off;
    }

    static void write(ByteArrayOutputStream out, long v) {
        byte[] b = new byte[MAX_BYTES + 1];
        out.write(b, 0, put(b, 0, v));
    }

    /**
     * Reads a varint from {@code b[off .. end)} into {@code value[0]}; returns the bytes it took, 0 if
     * it is truncated, −1 if it is overlong or too large.
     */
    public static int read(byte[] b, int off, int end, long[] value) {
        long v = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (off + i >= end) {
                return 0;
            }
            int x = b[off + i] & 0xFF;
            v |= (long) (x & 0x7F) << (7 * i);
            if (x < 0x80) {
                if (x == 0 && i > 0) {
                    return -1; // overlong
                }
                value[0] = v;
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Reads a varint of at most {@code maxValue} from a stream. {@code offset} is its position in
     * the file, for messages.
     */
    public static long read(InputStream in, long maxValue, long offset, String what) throws IOException {
        long v = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int x = in.read();
            if (x < 0) {
                throw FormatException.corrupt("truncated input: " + what + " ends after " + i + " bytes", offset + i);
            }
            v |= (long) (x & 0x7F) << (7 * i);
            if (x < 0x80) {
                if (x == 0 && i > 0) {
                    throw FormatException.corrupt("malformed " + what + " (overlong number)", offset + i);
                }
                if (v > maxValue) {
                    throw FormatException.corrupt(what + " " + v + " exceeds " + maxValue, offset);
                }
                return v;
            }
            if (v > maxValue) {
                throw FormatException.corrupt(what + " exceeds " + maxValue, offset + i);
            }
        }
        throw FormatException.corrupt("malformed " + what + " (number too long)", offset);
    }
}
