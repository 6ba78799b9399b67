package org.nzip.transform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Distinct words of 1 to {@link #MAX_WORD} letters {@code a–z}, each known by its index, and a hash
 * table to find a word's index from its letters in any case. Immutable once made, so one list (the
 * shipped English dictionary, {@link #english()}) serves every stream and thread.
 */
final class WordList {

    /** Longest word a list holds; longer letter runs are always written out. */
    static final int MAX_WORD = 32;

    private final byte[] letters; // every word's letters, one after the other
    private final int[] start;    // word i is letters[start[i] .. start[i + 1])
    private final int[] table;    // open addressing: word index + 1, 0 empty
    private final int tableShift;

    /** The words, distinct, each 1..{@link #MAX_WORD} letters a–z. */
    WordList(byte[][] words) {
        start = new int[words.length + 1];
        for (int i = 0; i < words.length; i++) {
            if (words[i].length < 1 || words[i].length > MAX_WORD) {
                throw new IllegalArgumentException("word length " + words[i].length);
            }
            start[i + 1] = start[i] + words[i].length;
        }
        letters = new byte[start[words.length]];
        for (int i = 0; i < words.length; i++) {
            System.arraycopy(words[i], 0, letters, start[i], words[i].length);
        }
        int bits = 4;
        while ((1 << bits) < 2 * words.length) {
            bits++;
        }
        table = new int[1 << bits];
        tableShift = 32 - bits;
        for (int i = 0; i < words.length; i++) {
            for (int p = start[i]; p < start[i + 1]; p++) {
                if (letters[p] < 'a' || letters[p] > 'z') {
                    throw new IllegalArgumentException("a word of other bytes than a-z");
                }
            }
            int h = hash(letters, start[i], start[i + 1]);
            if (find(letters, start[i], start[i + 1], h) >= 0) {
                throw new IllegalArgumentException("a word twice");
            }
            int slot = h >>> tableShift;
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = i + 1;
        }
    }

    /** Number of words. */
    int size() {
        return start.length - 1;
    }

    /** All the words' letters; word {@code i} is at {@link #start}{@code (i)}, {@link #length}{@code (i)} long. */
    byte[] letters() {
        return letters;
    }

    int start(int i) {
        return start[i];
    }

    int length(int i) {
        return start[i + 1] - start[i];
    }

    /** Word {@code i}'s letters. */
    byte[] word(int i) {
        return Arrays.copyOfRange(letters, start[i], start[i + 1]);
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
            if (start[w + 1] - start[w] == len && sameFolded(b, from, start[w], len)) {
                return w;
            }
            slot = (slot + 1) & (table.length - 1);
        }
    }

    private boolean sameFolded(byte[] b, int from, int at, int len) {
        for (int i = 0; i < len; i++) {
            if ((b[from + i] | 0x20) != letters[at + i]) {
                return false;
            }
        }
        return true;
    }

    // The shipped English dictionary: its size and CRC-32 pin the resource, since a stream's codes
    // are ranks in it (a different list would decode every stream wrongly).
    private static final String ENGLISH_RESOURCE = "english.txt";
    static final int ENGLISH_WORDS = 88_961;
    /** Bytes of heap the shipped English list takes, at most: its letters, word starts, table and arrays' headers. */
    static final long ENGLISH_BYTES = 3L << 20;
    private static final long ENGLISH_CRC = 0xBFB9046AL;

    /** The English word list shipped in the jar ({@code english.txt}, made by scripts/make-english-dictionary), loaded once. */
    static WordList english() {
        return English.LIST;
    }

    private static final class English {
        static final WordList LIST = load();

        private static WordList load() {
            byte[] text;
            try (InputStream in = WordList.class.getResourceAsStream(ENGLISH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks the transform's dictionary " + ENGLISH_RESOURCE);
                }
                text = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CRC32 crc = new CRC32();
            crc.update(text);
            byte[][] words = new byte[ENGLISH_WORDS][];
            int n = 0;
            for (int i = 0, s = 0; i < text.length && n < ENGLISH_WORDS; i++) {
                if (text[i] == '\n') {
                    words[n++] = Arrays.copyOfRange(text, s, i);
                    s = i + 1;
                }
            }
            if (crc.getValue() != ENGLISH_CRC || n != ENGLISH_WORDS) {
                throw new IllegalStateException("the transform's dictionary " + ENGLISH_RESOURCE + " is not the one streams were written with (CRC-32 "
                        + Long.toHexString(crc.getValue()) + ", " + n + " words)");
            }
            return new WordList(words);
        }
    }
}
