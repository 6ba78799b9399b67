package org.nzip.mix;

/**
 * What each stream has coded so far, as the contexts need it: its last twelve bytes (three ints,
 * newest byte lowest) and hashes of its current word and the two words before. A word is a run of
 * letters (case folded) or bytes ≥ 128. Set at the end of each of the stream's bytes.
 */
final class History {

    private final int[] last4;
    private final int[] before4;
    private final int[] older4;
    private final int[] word;
    private final int[] previousWord;
    private final int[] wordBefore;

    History(int streams) {
        last4 = new int[streams];
        before4 = new int[streams];
        older4 = new int[streams];
        word = new int[streams];
        previousWord = new int[streams];
        wordBefore = new int[streams];
    }

    /** Ints held for {@code streams} streams. */
    static long ints(int streams) {
        return 6L * streams;
    }

    /** Bytes 1–4 back of stream {@code s}, the newest lowest. */
    int last4(int s) {
        return last4[s];
    }

    /** The last byte of stream {@code s}. */
    int lastByte(int s) {
        return last4[s] & 0xFF;
    }

    /** Bytes 5–8 back. */
    int before4(int s) {
        return before4[s];
    }

    /** Bytes 9–12 back. */
    int older4(int s) {
        return older4[s];
    }

    /** The hash of the word being written, 0 between words. */
    int word(int s) {
        return word[s];
    }

    /** The hash of the last finished word. */
    int previousWord(int s) {
        return previousWord[s];
    }

    /** The hash of the word before that. */
    int wordBefore(int s) {
        return wordBefore[s];
    }

    /** Appends byte {@code x} to stream {@code s}. */
    void update(int s, int x) {
        older4[s] = older4[s] << 8 | before4[s] >>> 24;
        before4[s] = before4[s] << 8 | last4[s] >>> 24;
        last4[s] = last4[s] << 8 | x;
        int lower = x >= 'A' && x <= 'Z' ? x + 32 : x;
        if ((lower >= 'a' && lower <= 'z') || x >= 128) {
            word[s] = (word[s] + lower + 1) * 0x2F0B4A13;
        } else if (word[s] != 0) {
            wordBefore[s] = previousWord[s];
            previousWord[s] = word[s];
            word[s] = 0;
        }
    }
}
