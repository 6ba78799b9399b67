package org.nzip.transform;

/**
 * The writer's text transform of a stream's blocks. A word is a maximal run of ASCII letters. A
 * word in lower case, capitalised ({@code The}) or in capitals of two letters or more
 * ({@code THE}) becomes the cap or upper flag (if any) and its lower-case form, which is the
 * word's code if the dictionary holds it and else its letters; other words ({@code McDonald}) stay
 * as they are. A code is one to three bytes ({@link WordCodes}). In a dictionary built from the
 * stream, a word's first occurrence is written as the define flag and its letters, and takes the
 * next free code; later ones are that code. In a shipped one, every word's code is its rank. A byte that has a role
 * ({@link ByteRoles}) is written as the escape flag and itself; every other byte stays. So every
 * input has a transformed form, and {@link InverseTransform} gives it back exactly.
 *
 * <p>Words never touch (they are maximal runs), so a flag applies to exactly the letters or code
 * after it, and the inverse needs no look-ahead. A table look-up per byte and a hash per word, no
 * allocation.
 */
final class ForwardTransform {

    private final WordDictionary dict;
    private final ByteRoles roles;
    private final WordCodes codes;
    private final boolean shipped;
    private final CodeOrder order;
    private final byte[] kind;
    private final int[] codeOf; // word → code number, −1 until defined (a dictionary built from the stream)
    private int defined;
    private int escapes;

    ForwardTransform(WordDictionary dictionary) {
        this.dict = dictionary;
        this.roles = dictionary.roles();
        this.kind = roles.kinds();
        this.codes = dictionary.codes();
        this.shipped = dictionary.shipped();
        this.order = dictionary.order();
        this.codeOf = new int[shipped ? 0 : dictionary.size()];
        java.util.Arrays.fill(codeOf, -1);
    }

    /** Escapes written by the last {@link #forward}: the bytes it had to double. */
    int escapes() {
        return escapes;
    }

    /** Words defined so far. */
    int defined() {
        return defined;
    }

    /**
     * Transforms {@code in[0 .. n)} into {@code out[at .. limit)}; returns the end of the output,
     * or −1 if it would pass {@code limit} (then this transform must not be used again: it may have
     * defined words the output that held them was dropped with).
     */
    int forward(byte[] in, int n, byte[] out, int at, int limit) {
        byte[] kind = this.kind;
        int o = at;
        int esc = 0;
        int i = 0;
        while (i < n) {
            int b = in[i] & 0xFF;
            byte k = kind[b];
            if (k == ByteRoles.LOWER || k == ByteRoles.CAPITAL) {
                int j = i + 1;
                int capitals = k == ByteRoles.CAPITAL ? 1 : 0;
                boolean laterCapital = false;
                while (j < n) {
                    byte kj = kind[in[j] & 0xFF];
                    if (kj == ByteRoles.CAPITAL) {
                        capitals++;
                        laterCapital = true;
                    } else if (kj != ByteRoles.LOWER) {
                        break;
                    }
                    j++;
                }
                int len = j - i;
                int flag = -1;
                if (capitals == len && len >= 2) {
                    flag = roles.upper;
                } else if (capitals == 1 && !laterCapital) {
                    flag = roles.cap;
                } else if (capitals > 0) { // mixed case: as it is
                    if (o + len > limit) {
                        return -1;
                    }
                    System.arraycopy(in, i, out, o, len);
                    o += len;
                    i = j;
                    continue;
                }
                int w = len <= WordDictionary.MAX_WORD ? dict.find(in, i, j) : -1;
                int c = -1;
                if (w >= 0 && shipped) {
                    c = order.code(w);
                    if (c >= codes.capacity()) {
                        w = -1; // more words than the stream's code bytes reach
                        c = -1;
                    }
                } else if (w >= 0) {
                    c = codeOf[w];
                }
                if (o + (flag < 0 ? 0 : 1) + (c >= 0 ? codes.length(c) : w >= 0 ? len + 1 : len) > limit) {
                    return -1;
                }
                if (flag >= 0) {
                    out[o++] = (byte) flag;
                }
                if (c >= 0) {
                    o = codes.write(c, roles, out, o);
                } else {
                    if (w >= 0) {
                        codeOf[w] = defined++;
                        out[o++] = (byte) roles.define;
                    }
                    for (int p = i; p < j; p++) {
                        out[o++] = (byte) (in[p] | 0x20);
                    }
                }
                i = j;
            } else {
                if (o + (k == ByteRoles.PLAIN ? 1 : 2) > limit) {
                    return -1;
                }
                if (k != ByteRoles.PLAIN) {
                    out[o++] = (byte) roles.escape;
                    esc++;
                }
                out[o++] = (byte) b;
                i++;
            }
        }
        escapes = esc;
        return o;
    }
}
