package org.nzip.transform;

/**
 * The words a stream's text transform gives codes to, with the byte roles and code layout that
 * write them. Either built from the first block ({@link DictionaryBuilder}): at most one word per
 * code byte, never stored, a word's first occurrence written out after the define flag, which gives
 * it the next free code (so the decoder rebuilds the list as it goes, and the letters cost what they
 * cost in the raw text anyway); or shipped ({@link TextDictionary#ENGLISH}): every word has its code
 * from the start, its rank in the list.
 */
public final class WordDictionary {

    /** Longest word a dictionary holds; longer letter runs are always written out. */
    public static final int MAX_WORD = WordList.MAX_WORD;

    private final ByteRoles roles;
    private final WordList words;
    private final WordCodes codes;
    private final boolean shipped;
    private final CodeOrder order;

    private WordDictionary(ByteRoles roles, WordList words, WordCodes codes, boolean shipped, CodeOrder order) {
        this.roles = roles;
        this.words = words;
        this.codes = codes;
        this.shipped = shipped;
        this.order = order;
    }

    /** A dictionary defined as the stream goes: words (distinct, 1..{@link #MAX_WORD} letters a–z), no more than {@code roles} has code bytes. */
    WordDictionary(ByteRoles roles, byte[][] words) {
        this(roles, new WordList(words), WordCodes.oneByte(roles.codeCount()), false, CodeOrder.IDENTITY);
        if (words.length > roles.codeCount()) {
            throw new IllegalArgumentException("more words than codes");
        }
    }

    /**
     * The shipped list with a stream's byte roles and code order: every word has its code from the
     * start, as far as the code bytes reach.
     */
    static WordDictionary shipped(ByteRoles roles, WordList list, CodeOrder order) {
        return new WordDictionary(roles, list, WordCodes.shipped(roles.codeCount()), true, order);
    }

    /** Which word has which code number (a shipped list; the list's order for one built from the stream). */
    CodeOrder order() {
        return order;
    }

    /**
     * Writes what the reader needs to know of the dictionary at {@code out[at ..]}: the byte roles
     * and, for a shipped list, the code order; returns the position after them.
     */
    int serialize(byte[] out, int at) {
        at = roles.serialize(out, at);
        return shipped ? order.serialize(codes.one, out, at) : at;
    }

    ByteRoles roles() {
        return roles;
    }

    WordList words() {
        return words;
    }

    WordCodes codes() {
        return codes;
    }

    /** Whether every word has its code (its index) from the start, so that none is defined in the stream. */
    boolean shipped() {
        return shipped;
    }

    /** Number of words. */
    public int size() {
        return words.size();
    }

    /** The index of the word {@code b[from .. to)} (letters, in any case), or −1; a word the stream adds to a shipped list is numbered after the list's. */
    int find(byte[] b, int from, int to) {
        int h = WordList.hash(b, from, to);
        int w = words.find(b, from, to, h);
        WordList added = order.added();
        if (w < 0 && added != null) {
            w = added.find(b, from, to, h);
            if (w >= 0) {
                w += words.size();
            }
        }
        return w;
    }
}
