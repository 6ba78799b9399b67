package org.nzip.transform;

/**
 * The reader's side of {@link ForwardTransform}: restores blocks, learning each word from its
 * define flag (or knowing them all, with a shipped dictionary). It accepts nothing a forward
 * transform cannot write — an escaped byte that has no role, a code not yet defined or past the
 * shipped list, a code cut short or with a later byte below 0x80, a define past the header's word
 * count or of a word longer than
 * {@link WordDictionary#MAX_WORD}, a flag with no word after it, a form that ends inside a code or
 * escape, output of another length — and throws {@link TransformException} instead.
 */
final class InverseTransform {

    private final ByteRoles roles;
    private final byte[] kind;
    private final int words;
    private final WordCodes codes;
    private final WordList shipped; // null: the words are defined in the stream
    private final CodeOrder order;
    private final int shippedWords; // the shipped list's and those the stream adds
    private byte[] letters = new byte[1 << 10];
    private int used;
    private final int[] start;  // by code index: where the word's letters are
    private final int[] length;
    private int defined;

    /** An inverse for a stream whose dictionary, built from the stream, has {@code words} words. */
    InverseTransform(ByteRoles roles, int words) {
        this(roles, words, WordCodes.oneByte(roles.codeCount()), null, CodeOrder.IDENTITY);
    }

    /** An inverse for a stream coded with the shipped {@code list} in the code order {@code order}. */
    InverseTransform(ByteRoles roles, WordList list, CodeOrder order) {
        this(roles, 0, WordCodes.shipped(roles.codeCount()), list, order);
    }

    private InverseTransform(ByteRoles roles, int words, WordCodes codes, WordList shipped, CodeOrder order) {
        this.roles = roles;
        this.order = order;
        this.shippedWords = shipped == null ? 0 : shipped.size() + (order.added() == null ? 0 : order.added().size());
        this.kind = roles.kinds();
        this.words = words;
        this.codes = codes;
        this.shipped = shipped;
        start = new int[Math.min(words, roles.codeCount())];
        length = new int[start.length];
    }

    /** Words defined so far. */
    int defined() {
        return defined;
    }

    /**
     * Restores the {@code rawLength} bytes of a block from its transformed form {@code in[from .. to)}
     * into {@code out[0 .. rawLength)}.
     */
    void inverse(byte[] in, int from, int to, byte[] out, int rawLength) throws TransformException {
        byte[] kind = this.kind;
        int o = 0;
        int i = from;
        while (i < to) {
            int b = in[i++] & 0xFF;
            byte k = kind[b];
            int caseFlag = 0; // 1: capitalise the word, 2: all capitals
            if (k == ByteRoles.CAP_FLAG || k == ByteRoles.UPPER_FLAG) {
                caseFlag = k == ByteRoles.CAP_FLAG ? 1 : 2;
                if (i == to) {
                    throw new TransformException("a case flag ends the block");
                }
                b = in[i++] & 0xFF;
                k = kind[b];
                if (k != ByteRoles.LOWER && k != ByteRoles.CODE && k != ByteRoles.DEFINE) {
                    throw new TransformException("a case flag is not followed by a word");
                }
            }
            switch (k) {
                case ByteRoles.CODE -> {
                    int index = roles.codeIndex(b);
                    int tail = codes.tail(index);
                    if (to - i < tail) {
                        throw new TransformException("a word code ends the block");
                    }
                    int c = codes.number(index, in, i);
                    i += tail;
                    if (c < 0) {
                        throw new TransformException("a word code's later byte is below 0x80");
                    }
                    if (shipped != null) {
                        if (c >= shippedWords) {
                            throw new TransformException("word code " + c + " is past the dictionary's " + shippedWords + " words");
                        }
                        int w = order.word(c);
                        WordList source = shipped;
                        if (w >= shipped.size()) {
                            source = order.added();
                            w -= shipped.size();
                        }
                        o = word(source.letters(), source.start(w), source.length(w), caseFlag, out, o, rawLength);
                    } else {
                        if (c >= defined) {
                            throw new TransformException("word code " + c + " is not defined");
                        }
                        o = word(letters, start[c], length[c], caseFlag, out, o, rawLength);
                    }
                }
                case ByteRoles.DEFINE -> {
                    int s = i;
                    while (i < to && kind[in[i] & 0xFF] == ByteRoles.LOWER) {
                        i++;
                    }
                    int len = i - s;
                    if (len == 0 || len > WordDictionary.MAX_WORD) {
                        throw new TransformException("a defined word of " + len + " letters");
                    }
                    if (defined == start.length) {
                        throw new TransformException("more words defined than the header's " + words + " or the code bytes");
                    }
                    if (used + len > letters.length) {
                        letters = java.util.Arrays.copyOf(letters, Math.max(used + len, 2 * letters.length));
                    }
                    System.arraycopy(in, s, letters, used, len);
                    start[defined] = used;
                    length[defined++] = len;
                    o = word(letters, used, len, caseFlag, out, o, rawLength);
                    used += len;
                }
                case ByteRoles.LOWER -> {
                    if (o == rawLength) {
                        throw tooLong(rawLength);
                    }
                    out[o++] = (byte) (caseFlag != 0 ? b - 32 : b);
                    if (caseFlag == 2) { // the rest of the run in capitals
                        while (i < to && kind[in[i] & 0xFF] == ByteRoles.LOWER) {
                            if (o == rawLength) {
                                throw tooLong(rawLength);
                            }
                            out[o++] = (byte) (in[i++] - 32);
                        }
                    }
                }
                case ByteRoles.ESCAPE -> {
                    if (i == to) {
                        throw new TransformException("an escape ends the block");
                    }
                    int e = in[i++] & 0xFF;
                    byte ek = kind[e];
                    if (ek == ByteRoles.PLAIN || ek == ByteRoles.LOWER || ek == ByteRoles.CAPITAL) {
                        throw new TransformException("an escape of byte " + e + ", which needs none");
                    }
                    if (o == rawLength) {
                        throw tooLong(rawLength);
                    }
                    out[o++] = (byte) e;
                }
                default -> { // PLAIN or CAPITAL
                    if (o == rawLength) {
                        throw tooLong(rawLength);
                    }
                    out[o++] = (byte) b;
                }
            }
        }
        if (o != rawLength) {
            throw new TransformException("the block decodes to " + o + " bytes, not " + rawLength);
        }
    }

    /** Writes a word's letters in the case the flag gives; returns the position after them. */
    private static int word(byte[] letters, int start, int len, int caseFlag, byte[] out, int o, int rawLength)
            throws TransformException {
        if (o + len > rawLength) {
            throw tooLong(rawLength);
        }
        for (int p = 0; p < len; p++) {
            int c = letters[start + p];
            out[o + p] = (byte) (caseFlag == 2 || (caseFlag == 1 && p == 0) ? c - 32 : c);
        }
        return o + len;
    }

    private static TransformException tooLong(int rawLength) {
        return new TransformException("the block decodes to more than its " + rawLength + " bytes");
    }
}
