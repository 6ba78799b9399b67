package org.nzip.transform;

import java.util.Arrays;

/**
 * Which word of the shipped list has which code number in one stream: the list's own order
 * (word {@code i} has number {@code i}), except that the stream may promote some of its own most
 * frequent words to the first numbers, the shortest codes. The list's order is a guess at English
 * in general (bench/transform/2026-12-02-dictionary.md: on silesia/dickens, the list in the file's
 * own order would code 1.9 % smaller, were that order free); a stream that stores its first block's
 * most frequent words, at about 11 bits a word, gets part of that (dickens 0.5 % smaller with
 * {@code cm}: bench/transform/2026-12-02-adapted.md).
 *
 * <p>Promoted words take code numbers {@code 0 .. k)}, cut into <em>bands</em> by the code layout:
 * the one-byte codes, then each run of 128 numbers that share a first byte (a two-byte code's
 * prefix, or a three-byte code's first two bytes). Within a band of multi-byte codes the words are
 * in the list's order, so each such band is stored as ascending list indices: which words share a
 * band matters to the models, their order within it hardly (alphabetical order within bands of 128
 * cost alice29 nothing, bench/transform/2026-12-02-dictionary.md). The one-byte codes are stored in
 * code order, so that the writer can give words used alike codes that share their first bits
 * ({@link CodeLayout}). The other words follow in the list's order.
 *
 * <p>The stream may also add words the list lacks (names, say: at most {@value #MAX_ADDED}),
 * numbered after the list's words, each of them promoted.
 *
 * <p>Serialised after the byte roles: {@code k} (varint); if {@code k > 0}, the number of added words
 * {@code e ≤ k} (varint) and each added word as its length (a byte, 2 ..= 32) and letters a–z, then
 * for each band in turn its words' numbers (list indices, or the list's size plus the added word's
 * index): the one-byte band's each as a varint, in code order; every other band's first as a varint
 * and each later one as a varint of its distance to the one before, minus one. Varints are LEB128 (7 bits a byte, low first), at most 3 bytes and minimal. With
 * {@code k = 0} that is one byte, 0.
 */
final class CodeOrder {

    /** Numbers in a band of multi-byte codes: a first byte (or two) followed by any high byte. */
    private static final int BAND = 128;

    /** Most words a stream adds to the list. */
    static final int MAX_ADDED = 4096;

    /** The list's own order: nothing promoted, nothing added. */
    static final CodeOrder IDENTITY = new CodeOrder(new int[0], 0, null);

    private final int[] promoted; // code number → word, for numbers 0 .. promoted.length
    private final int size;       // words in the list and added
    private final WordList added; // words the stream adds, numbered from the list's size on; null: none
    private final int[] codeOf;   // word → code number, null if nothing is promoted
    private final int[] wordOf;   // code number → word, null if nothing is promoted

    /** An order of {@code size} words (the list's and then those {@code added}, if any). */
    private CodeOrder(int[] promoted, int size, WordList added) {
        this.promoted = promoted;
        this.size = size;
        this.added = added;
        if (promoted.length == 0) {
            codeOf = null;
            wordOf = null;
            return;
        }
        codeOf = new int[size];
        wordOf = new int[size];
        Arrays.fill(codeOf, -1);
        for (int c = 0; c < promoted.length; c++) {
            codeOf[promoted[c]] = c;
            wordOf[c] = promoted[c];
        }
        int c = promoted.length;
        for (int w = 0; w < size; w++) {
            if (codeOf[w] < 0) {
                codeOf[w] = c;
                wordOf[c++] = w;
            }
        }
    }

    /** Words promoted. */
    int promoted() {
        return promoted.length;
    }

    /** Words the stream adds to the list (numbered from the list's size on), or null if none. */
    WordList added() {
        return added;
    }

    /** The code number of list word {@code w}. */
    int code(int w) {
        return codeOf == null ? w : codeOf[w];
    }

    /** The list word of code number {@code c} (below the list's size). */
    int word(int c) {
        return wordOf == null ? c : wordOf[c];
    }

    /**
     * Bytes of heap an order of a list of {@code words} words holds at most, and reading one: both
     * maps, the promoted words and a flag a word (the added ones too), the added words and their table.
     */
    static long memoryUsage(int words) {
        return 13L * (words + MAX_ADDED) + MAX_ADDED * (WordList.MAX_WORD + 4 + 8 + 8) + 256;
    }

    /** End of band that starts at code number {@code from}, for a layout whose one-byte codes are {@code one}. */
    private static int bandEnd(int from, int one) {
        return from < one ? one : from + BAND - (from - one) % BAND;
    }

    /**
     * The order that promotes {@code ranked} (distinct list indices, the most frequent first) of a
     * list of {@code size} words, whose codes have {@code one} one-byte numbers: the one-byte codes
     * go to the first words of {@code ranked} in its order, each later band gets the next words, sorted.
     */
    static CodeOrder promote(int[] ranked, int size, int one) {
        return promote(ranked, size, null, one);
    }

    /**
     * The same with words {@code added} to the list (numbered from {@code size} on, each promoted,
     * so in {@code ranked}); {@code added} may be null.
     */
    static CodeOrder promote(int[] ranked, int size, WordList added, int one) {
        if (ranked.length == 0) {
            return IDENTITY;
        }
        int[] p = ranked.clone();
        for (int from = Math.min(one, p.length); from < p.length; ) {
            int to = Math.min(p.length, bandEnd(from, one));
            Arrays.sort(p, from, to);
            from = to;
        }
        return new CodeOrder(p, size + (added == null ? 0 : added.size()), added);
    }

    /** Bytes {@link #serialize} writes. */
    int serializedLength(int one) {
        int n = varintLength(promoted.length);
        if (promoted.length > 0) {
            n += varintLength(added == null ? 0 : added.size());
            for (int i = 0; added != null && i < added.size(); i++) {
                n += 1 + added.length(i);
            }
        }
        for (int from = 0; from < promoted.length; ) {
            int to = Math.min(promoted.length, bandEnd(from, one));
            n += varintLength(promoted[from]);
            for (int c = from + 1; c < to; c++) {
                n += varintLength(from < one ? promoted[c] : promoted[c] - promoted[c - 1] - 1);
            }
            from = to;
        }
        return n;
    }

    /** Writes the order at {@code out[at ..]} ({@link #serializedLength} bytes); returns the position after it. */
    int serialize(int one, byte[] out, int at) {
        at = writeVarint(promoted.length, out, at);
        if (promoted.length == 0) {
            return at;
        }
        at = writeVarint(added == null ? 0 : added.size(), out, at);
        for (int i = 0; added != null && i < added.size(); i++) {
            out[at++] = (byte) added.length(i);
            System.arraycopy(added.letters(), added.start(i), out, at, added.length(i));
            at += added.length(i);
        }
        for (int from = 0; from < promoted.length; ) {
            int to = Math.min(promoted.length, bandEnd(from, one));
            at = writeVarint(promoted[from], out, at);
            for (int c = from + 1; c < to; c++) {
                at = writeVarint(from < one ? promoted[c] : promoted[c] - promoted[c - 1] - 1, out, at);
            }
            from = to;
        }
        return at;
    }

    /**
     * Reads an order from {@code b[pos[0] .. to)} for the shipped {@code list} whose codes have
     * {@code one} one-byte numbers and {@code capacity} numbers in all; advances {@code pos[0]} past it.
     * Refuses more promoted words than the bytes left could hold, than the list has or the codes
     * reach, an index past the list (and the added words), a word promoted twice, a varint that is
     * not minimal or longer than 3 bytes, an added word of other bytes than a–z, of fewer than 2 or
     * more than 32 letters, that the list holds, that is added twice or that is not promoted.
     */
    static CodeOrder parse(byte[] b, int[] pos, int to, WordList list, int one, int capacity) throws TransformException {
        int k = readVarint(b, pos, to);
        if (k == 0) {
            return IDENTITY;
        }
        int e = readVarint(b, pos, to);
        if (e > MAX_ADDED || e > k || 3L * e > to - pos[0]) {
            throw new TransformException(e + " added words: more than " + MAX_ADDED + " or than the block holds");
        }
        WordList added = null;
        if (e > 0) {
            byte[][] words = new byte[e][];
            for (int i = 0; i < e; i++) {
                if (pos[0] == to) {
                    throw new TransformException("the added words are cut short");
                }
                int len = b[pos[0]++];
                if (len < 2 || len > WordList.MAX_WORD || len > to - pos[0]) {
                    throw new TransformException("an added word of " + len + " letters, or cut short");
                }
                for (int p = pos[0]; p < pos[0] + len; p++) {
                    if (b[p] < 'a' || b[p] > 'z') {
                        throw new TransformException("an added word of other bytes than a-z");
                    }
                }
                if (list.find(b, pos[0], pos[0] + len, WordList.hash(b, pos[0], pos[0] + len)) >= 0) {
                    throw new TransformException("an added word the list holds");
                }
                words[i] = Arrays.copyOfRange(b, pos[0], pos[0] + len);
                pos[0] += len;
            }
            try {
                added = new WordList(words);
            } catch (IllegalArgumentException x) {
                throw new TransformException("added words: " + x.getMessage());
            }
        }
        int size = list.size() + e;
        if (k > to - pos[0] || k > size || k > capacity) {
            throw new TransformException(k + " promoted words: more than the block, the list or the codes hold");
        }
        int[] p = new int[k];
        boolean[] seen = new boolean[size];
        for (int from = 0; from < k; ) {
            int end = Math.min(k, bandEnd(from, one));
            for (int c = from; c < end; c++) {
                int v = readVarint(b, pos, to);
                long w = c == from || from < one ? v : (long) p[c - 1] + 1 + v;
                if (w >= size) {
                    throw new TransformException("promoted word " + w + " is past the list's " + size + " words");
                }
                if (seen[(int) w]) {
                    throw new TransformException("word " + w + " promoted twice");
                }
                seen[(int) w] = true;
                p[c] = (int) w;
            }
            from = end;
        }
        for (int w = list.size(); w < size; w++) {
            if (!seen[w]) {
                throw new TransformException("added word " + (w - list.size()) + " is not promoted");
            }
        }
        return new CodeOrder(p, size, added);
    }

    private static int varintLength(int v) {
        return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : 3;
    }

    private static int writeVarint(int v, byte[] out, int at) {
        if (v < 0 || v >= 1 << 21) {
            throw new IllegalArgumentException("varint " + v);
        }
        while (v >= 0x80) {
            out[at++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static int readVarint(byte[] b, int[] pos, int to) throws TransformException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            if (pos[0] == to) {
                throw new TransformException("the promoted words are cut short");
            }
            int x = b[pos[0]++] & 0xFF;
            if (shift == 14 && x >= 0x80) {
                throw new TransformException("a promoted word's varint is longer than 3 bytes");
            }
            v |= (x & 0x7F) << shift;
            if (x < 0x80) {
                if (shift > 0 && x == 0) {
                    throw new TransformException("a promoted word's varint is not minimal");
                }
                return v;
            }
        }
    }
}
