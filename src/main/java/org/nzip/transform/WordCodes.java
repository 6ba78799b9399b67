package org.nzip.transform;

/**
 * How a word's code number becomes code bytes. The stream's code bytes (its rarest high bytes,
 * {@link ByteRoles}) split into three kinds: the first {@code one} are whole codes (numbers
 * {@code 0 .. one)}); each of the next {@code two} starts a two-byte code whose second byte is any
 * high byte (128 numbers each); each of the last {@code three} starts a three-byte code followed by
 * two high bytes (16,384 numbers each). Every byte of a code is ≥ 0x80, which the context models
 * count as a word character, so a code is one word to them, and the later bytes need no role: the
 * first byte says how many follow.
 *
 * <p>A dictionary built from the stream (128 words at most) uses one-byte codes only. The shipped
 * dictionary uses all three kinds, half the code bytes for one-byte codes and an eighth for
 * three-byte ones: measured with {@code cm} (bench/transform/2026-12-02-dictionary.md), every word of
 * the list is worth a code (book1 −2.4 % with 14,352 words in one- and two-byte codes, −3.8 % with
 * 38,008 with three-byte codes as well). With ASCII text's 128 code bytes, 64 one-byte codes beat 32
 * on silesia/dickens by 0.06 % with bands by frequency and by 0.2 % with {@link CodeLayout}'s layout;
 * 6 three-byte prefixes instead of 16 (more two-byte codes) lost 0.08 %
 * (bench/transform/2026-12-02-session6.md).
 */
final class WordCodes {

    /** Numbers a byte after a two- or three-byte code's first byte holds (any high byte). */
    private static final int TAIL = 128;

    final int one;
    final int two;
    final int three;
    private final int capacity;

    private WordCodes(int one, int two, int three) {
        this.one = one;
        this.two = two;
        this.three = three;
        this.capacity = (int) Math.min(Integer.MAX_VALUE, one + (long) two * TAIL + (long) three * TAIL * TAIL);
    }

    /** One-byte codes only, one per code byte (a dictionary built from the stream). */
    static WordCodes oneByte(int codeBytes) {
        return new WordCodes(codeBytes, 0, 0);
    }

    /** The split of {@code codeBytes} code bytes for the shipped dictionary. */
    static WordCodes shipped(int codeBytes) {
        if (codeBytes == 0) {
            return new WordCodes(0, 0, 0);
        }
        int one = codeBytes / 2;
        int three = Math.max(1, codeBytes / 8);
        return new WordCodes(one, codeBytes - one - three, three);
    }

    /** Code numbers there are: {@code 0 .. capacity)}. */
    int capacity() {
        return capacity;
    }

    /** Bytes of code number {@code k}. */
    int length(int k) {
        return k < one ? 1 : k - one < two * TAIL ? 2 : 3;
    }

    /** Writes code number {@code k} at {@code out[o ..]} with the stream's code bytes; returns the position after it. */
    int write(int k, ByteRoles roles, byte[] out, int o) {
        if (k < one) {
            out[o++] = (byte) roles.code(k);
            return o;
        }
        int q = k - one;
        if (q < two * TAIL) {
            out[o++] = (byte) roles.code(one + q / TAIL);
            out[o++] = (byte) (0x80 + q % TAIL);
            return o;
        }
        q -= two * TAIL;
        out[o++] = (byte) roles.code(one + two + q / (TAIL * TAIL));
        out[o++] = (byte) (0x80 + q / TAIL % TAIL);
        out[o++] = (byte) (0x80 + q % TAIL);
        return o;
    }

    /** Bytes that follow code byte number {@code index} (its position among the code bytes). */
    int tail(int index) {
        return index < one ? 0 : index < one + two ? 1 : 2;
    }

    /**
     * The code number of code byte number {@code index} followed by {@code tail(index)} bytes
     * {@code in[at ..]}, which the caller has checked are there; −1 if one of them is no high byte.
     */
    int number(int index, byte[] in, int at) {
        if (index < one) {
            return index;
        }
        if (index < one + two) {
            int t = in[at] & 0xFF;
            return t < 0x80 ? -1 : one + (index - one) * TAIL + (t - 0x80);
        }
        int t1 = in[at] & 0xFF;
        int t2 = in[at + 1] & 0xFF;
        if (t1 < 0x80 || t2 < 0x80) {
            return -1;
        }
        return one + two * TAIL + (index - one - two) * TAIL * TAIL + (t1 - 0x80) * TAIL + (t2 - 0x80);
    }
}
