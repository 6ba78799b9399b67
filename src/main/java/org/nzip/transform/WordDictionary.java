package org.nzip.transform;

/**
 * The words a stream's text transform gives codes to, as the writer chose them from the first
 * block: each 2 to {@link #MAX_WORD} letters {@code a–z}, at most one per code byte. The list itself
 * is never stored: a word's first occurrence is written out after the define flag, which gives it
 * the next free code byte (so the decoder rebuilds the list as it goes, and the letters cost what
 * they cost in the raw text anyway).
 */
public final class WordDictionary {

    /** Longest word a dictionary holds; longer letter runs are always written out. */
    public static final int MAX_WORD = 32;

    private final ByteRoles roles;
    private final byte[][] words;
    private final int[] table;    // open addressing: word index + 1, 0 empty
    private final int tableShift;

    /** Words (distinct, 1..{@link #MAX_WORD} letters a–z), no more than {@code roles} has code bytes. */
    WordDictionary(ByteRoles roles, byte[][] words) {
        this.roles = roles;
        this.words = words.clone();
        for (byte[] word : words) {
            if (word.length < 1 || word.length > MAX_WORD) {
                throw new IllegalArgumentException("word length " + word.length);
            }
        }
        if (words.length > roles.codeCount()) {
            throw new IllegalArgumentException("more words than codes");
        }
        int bits = 4;
        while ((1 << bits) < 2 * words.length) {
            bits++;
        }
        table = new int[1 << bits];
        tableShift = 32 - bits;
        for (int i = 0; i < words.length; i++) {
            int slot = hash(words[i], 0, words[i].length) >>> tableShift;
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = i + 1;
        }
    }

    ByteRoles roles() {
        return roles;
    }

    /** Number of words. */
    public int size() {
        return words.length;
    }

    byte[] word(int i) {
        return words[i];
    }

    /** Hash of letters {@code b[from .. to)} folded to lower case (for ASCII letters, {@code | 0x20}). */
    static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = (h + (b[i] | 0x20)) * 0x2F0B4A13;
        }
        return h ^ (h >>> 15);
    }

    /**
     * The index of the word {@code b[from .. to)} (letters, compared in lower case) whose hash is
     * {@code h} ({@link #hash}), or −1.
     */
    int find(byte[] b, int from, int to, int h) {
        int len = to - from;
        int slot = h >>> tableShift;
        while (true) {
            int w = table[slot] - 1;
            if (w < 0) {
                return -1;
            }
            byte[] word = words[w];
            if (word.length == len && sameFolded(b, from, word)) {
                return w;
            }
            slot = (slot + 1) & (table.length - 1);
        }
    }

    private static boolean sameFolded(byte[] b, int from, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if ((b[from + i] | 0x20) != word[i]) {
                return false;
            }
        }
        return true;
    }
}
