package org.nzip.transform;

import java.util.Arrays;

/**
 * Which byte values mean what in a stream's transformed bytes: four flags (next word capitalised,
 * next word in capitals, escape, define a word) and the code bytes, each of which stands for one
 * word: the i-th word defined has code byte {@code codes[i]}, in ascending order. Letters never
 * have a role. Every other byte stands for itself.
 *
 * <p>Serialised ({@value #SIZE} bytes, at the start of the stream's first transformed block):
 * {@code cap | upper | escape | define | code-byte bitmap (32 bytes, bit b & 7 of byte b >> 3)}.
 */
final class ByteRoles {

    static final int SIZE = 4 + 32;

    // Byte kinds, for the transforms' one table look-up per byte.
    static final byte PLAIN = 0;
    static final byte LOWER = 1;
    static final byte CAPITAL = 2;
    static final byte CODE = 3;
    static final byte CAP_FLAG = 5;
    static final byte UPPER_FLAG = 6;
    static final byte ESCAPE = 7;
    static final byte DEFINE = 8;

    final int cap;
    final int upper;
    final int escape;
    final int define;
    private final int[] codes;
    private final byte[] kind = new byte[256];
    private final int[] codeIndex = new int[256];

    /**
     * Roles of distinct non-letter bytes; {@code codes} ascending.
     *
     * @throws IllegalArgumentException if a byte has two roles or is a letter
     */
    ByteRoles(int cap, int upper, int escape, int define, int[] codes) {
        this.cap = cap;
        this.upper = upper;
        this.escape = escape;
        this.define = define;
        this.codes = codes.clone();
        Arrays.fill(codeIndex, -1);
        for (int c = 'a'; c <= 'z'; c++) {
            kind[c] = LOWER;
            kind[c - 32] = CAPITAL;
        }
        setKind(cap, CAP_FLAG);
        setKind(upper, UPPER_FLAG);
        setKind(escape, ESCAPE);
        setKind(define, DEFINE);
        for (int i = 0; i < codes.length; i++) {
            setKind(codes[i], CODE);
            codeIndex[codes[i]] = i;
        }
    }

    private void setKind(int b, byte k) {
        if (b < 0 || b > 255 || kind[b] != PLAIN) {
            throw new IllegalArgumentException("byte " + b + " has two roles or is a letter");
        }
        kind[b] = k;
    }

    /** Each byte value's kind (PLAIN, LOWER, CAPITAL, CODE, or a flag). */
    byte[] kinds() {
        return kind;
    }

    /** Position of code byte {@code b} in the code list, −1 if it is none. */
    int codeIndex(int b) {
        return codeIndex[b];
    }

    int code(int i) {
        return codes[i];
    }

    /** Number of code bytes. */
    int codeCount() {
        return codes.length;
    }

    /** Writes the {@value #SIZE} serialised bytes at {@code out[at ..]}; returns the position after them. */
    int serialize(byte[] out, int at) {
        out[at++] = (byte) cap;
        out[at++] = (byte) upper;
        out[at++] = (byte) escape;
        out[at++] = (byte) define;
        Arrays.fill(out, at, at + 32, (byte) 0);
        for (int c : codes) {
            out[at + (c >>> 3)] |= (byte) (1 << (c & 7));
        }
        return at + 32;
    }

    /** Reads the roles from {@code b[from .. to)}, checking that they are distinct and no letters. */
    static ByteRoles parse(byte[] b, int from, int to) throws TransformException {
        if (to - from < SIZE) {
            throw new TransformException("the transform's byte roles are cut short");
        }
        int at = from + 4;
        int k = 0;
        for (int i = 0; i < 32; i++) {
            k += Integer.bitCount(b[at + i] & 0xFF);
        }
        int[] codes = new int[k];
        for (int c = 0, i = 0; c < 256; c++) {
            if ((b[at + (c >>> 3)] >>> (c & 7) & 1) != 0) {
                codes[i++] = c;
            }
        }
        try {
            return new ByteRoles(b[from] & 0xFF, b[from + 1] & 0xFF, b[from + 2] & 0xFF, b[from + 3] & 0xFF, codes);
        } catch (IllegalArgumentException e) {
            throw new TransformException("the transform's byte roles are invalid: " + e.getMessage());
        }
    }
}
