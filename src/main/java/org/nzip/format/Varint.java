package org.nzip.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Unsigned LEB128 integers: seven bits per byte, least significant group first, the high bit set on
 * every byte but the last. Only the shortest form is valid (no trailing {@code 0x80 … 0x00}), so every
 * value has exactly one encoding.
 */
public final class Varint {

    /** Longest encoding (values below 2^63). */
    static final int MAX_BYTES = 9;

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

    /**
     * Reads a varint of at most {@code max} from a stream. {@code offset} is its position in the
     * file and {@code what} its name, for messages; a truncated, overlong or too large number is corrupt.
     */
    public static long read(InputStream in, long max, long offset, String what) throws IOException {
        long v = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int x = in.read();
            if (x < 0) {
                throw FormatException.corrupt("truncated input: " + what + " ends after " + i + " bytes", offset + i);
            }
            v |= (long) (x & 0x7F) << (7 * i);
            if (x == 0 && i > 0) {
                throw FormatException.corrupt("malformed " + what + " (overlong number)", offset + i);
            }
            if (v > max) {
                throw FormatException.corrupt(what + " exceeds " + max, offset);
            }
            if (x < 0x80) {
                return v;
            }
        }
        throw FormatException.corrupt("malformed " + what + " (number too long)", offset);
    }
}
