package org.nzip.transform;

import java.util.Arrays;

/**
 * Chooses a stream's {@link WordDictionary} from its first block: the flag and code bytes from the
 * byte counts, and, for a dictionary built from the stream ({@link TextDictionary#FILE}), the words
 * from the word counts.
 *
 * <p>Byte roles: the four flags are the rarest control bytes (below 0x20 except tab, line feed and
 * carriage return, or 0x7F), so that the context models see them as punctuation and a flagged
 * word hashes as the word. The code bytes are the high bytes (0x80 and up, which the models count
 * as word characters, so a code is one word to them) that occur in at most 1/1024 of the block,
 * rarest first: every one in plain ASCII text, fewer in UTF-8.
 *
 * <p>Words: those of 2 to {@link WordDictionary#MAX_WORD} letters (counted in lower case, mixed-case
 * words not at all) that occur at least {@link #MIN_COUNT} times, the most frequent first, one per
 * code byte. Measured with {@code cm} (bench/transform): ranking by occurrences beats ranking by
 * letters saved, and words beyond the code bytes' number lose more than they win even with two-byte
 * codes (about 15 bits to define a word, against 1 to 2 saved per later occurrence), so there are
 * none. What a word list gains is the first occurrences: the same 1,050 words of alice29 coded
 * without their definitions save 4.9 %, which is why the shipped list ({@link TextDictionary#ENGLISH},
 * whose words the stream never defines) gains 4–11 % on English text where this one gains 0.3–1.4 %.
 */
public final class DictionaryBuilder {

    /** Fewest occurrences that earn a word a code (two would pay in bytes, not in coded bits). */
    static final int MIN_COUNT = 3;
    /**
     * Most distinct words counted; later new words are not (a word frequent enough for one of 128
     * codes shows up long before): this bounds the pass's memory whatever the block holds.
     */
    static final int MAX_DISTINCT = 1 << 20;
    /** Bytes of heap the word counts take per distinct word, at most: four ints in arrays of up to twice the words, four table slots, a sort key. */
    static final int BYTES_PER_WORD = 2 * 4 * 4 + 4 * 4 + 8;
    /** Most code bytes: all high bytes. */
    private static final int MAX_CODES = 128;

    private DictionaryBuilder() {}

    /** Bytes of heap {@link #build} takes at most for a block of {@code n} bytes (a counted word has two letters and a separator at least). */
    static long memoryUsage(int n) {
        return (long) BYTES_PER_WORD * Math.min(n / 3 + 1, MAX_DISTINCT) + (1 << 16);
    }

    /** The dictionary built from a stream whose first block is {@code data[0 .. n)}. */
    public static WordDictionary build(byte[] data, int n) {
        ByteRoles roles = roles(data, n);
        WordCounts counts = new WordCounts(data, n);
        return choose(data, counts, roles);
    }

    /**
     * The shipped {@code list} with the byte roles of a stream whose first block is {@code data[0 .. n)},
     * and its code order: the block's frequent words promoted to the shortest codes ({@link #order}).
     */
    static WordDictionary shipped(WordList list, byte[] data, int n) {
        ByteRoles roles = roles(data, n);
        WordCodes codes = WordCodes.shipped(roles.codeCount());
        return WordDictionary.shipped(roles, list, order(list, codes, data, n));
    }

    /** The shipped {@code list} in its own order with the byte roles of a stream whose first block is {@code data[0 .. n)}. */
    static WordDictionary shippedInListOrder(WordList list, byte[] data, int n) {
        return WordDictionary.shipped(roles(data, n), list, CodeOrder.IDENTITY);
    }

    /**
     * Fewest occurrences in the first block that promote a word of the list. Measured with {@code cm}:
     * with bands by frequency (bench/transform/2026-12-02-adapted.md) words of ~25 occurrences or more
     * paid for their ~11 stored bits; with the bands laid out by the words' neighbours
     * ({@link CodeLayout}), a word's band says more, and on silesia/dickens 16 beat 32 by 0.15 % and 8
     * lost 0.5 % (bench/transform/2026-12-02-session6.md).
     */
    static final int MIN_PROMOTED = 16;
    /**
     * Fewest occurrences in the first block that add a word the list lacks (a name, say) to the
     * stream's codes: with 32, book1 183,794 B against 183,823 without added words, alice29 33,143
     * against 33,149, dickens 2,004,094 against 2,004,911.
     */
    static final int MIN_ADDED = 32;

    /**
     * The code order for a stream whose first block is {@code data[0 .. n)}: the block's words of the
     * list that occur at least {@link #MIN_PROMOTED} times and its words of 2 letters or more that the
     * list lacks that occur at least {@link #MIN_ADDED} times (at most {@link CodeOrder#MAX_ADDED}),
     * the most frequent first (ties: the list's words first, in its order), as many as the codes reach.
     */
    static CodeOrder order(WordList list, WordCodes codes, byte[] data, int n) {
        int size = list.size();
        WordCounts counts = new WordCounts(data, n);
        long[] listKeys = new long[counts.size()];
        long[] addKeys = new long[counts.size()];
        int m = 0;
        int e = 0;
        for (int i = 0; i < counts.size(); i++) {
            int c = counts.count(i);
            if (c < Math.min(MIN_PROMOTED, MIN_ADDED)) {
                continue;
            }
            int at = counts.position(i);
            int w = list.find(data, at, at + counts.length(i), counts.hash(i));
            if (w >= 0 && c >= MIN_PROMOTED) {
                listKeys[m++] = (long) (Integer.MAX_VALUE - c) << 32 | w;
            } else if (w < 0 && c >= MIN_ADDED) {
                addKeys[e++] = (long) (Integer.MAX_VALUE - c) << 32 | i;
            }
        }
        addKeys = Arrays.copyOf(addKeys, e);
        Arrays.sort(addKeys);
        e = Math.min(e, CodeOrder.MAX_ADDED);
        if (m + e > codes.capacity()) {
            e = 0; // few code bytes (text with many high bytes): the list's words only
        }
        byte[][] addedWords = new byte[e][];
        for (int a = 0; a < e; a++) {
            addedWords[a] = counts.lowerCase(data, (int) addKeys[a]);
            listKeys[m++] = (addKeys[a] & 0xFFFF_FFFF_0000_0000L) | (size + a);
        }
        listKeys = Arrays.copyOf(listKeys, m);
        Arrays.sort(listKeys);
        int[] ranked = new int[Math.min(m, codes.capacity())];
        for (int r = 0; r < ranked.length; r++) {
            ranked[r] = (int) listKeys[r];
        }
        WordList added = e == 0 ? null : new WordList(addedWords);
        CodeLayout.arrange(list, added, size, ranked, codes.one, data, n);
        return CodeOrder.promote(ranked, size, added, codes.one);
    }

    /**
     * Bytes of heap {@link #order} takes at most for a block of {@code n} bytes and a list of
     * {@code words} words: the block's word counts ({@link #memoryUsage}), two sort keys and a word
     * number per distinct word, the ranked words, the added words, the order and its layout.
     */
    static long orderMemoryUsage(int n, int words) {
        return memoryUsage(n) + 20L * Math.min(n / 3 + 1, MAX_DISTINCT) + 4L * words + CodeOrder.memoryUsage(words)
                + CodeLayout.memoryUsage(n, words);
    }

    /** The flag and code bytes for a stream whose first block is {@code data[0 .. n)}. */
    static ByteRoles roles(byte[] data, int n) {
        long[] byteCounts = new long[256];
        for (int i = 0; i < n; i++) {
            byteCounts[data[i] & 0xFF]++;
        }
        int[] flags = rarest(byteCounts, 0, 0x20, 4, true);
        int[] codes = codeBytes(byteCounts, n);
        Arrays.sort(codes);
        return new ByteRoles(flags[0], flags[1], flags[2], flags[3], codes);
    }

    /** The {@code count} rarest bytes of {@code [from, to)} (and 0x7F if {@code control}), rarest first, ties by value. */
    private static int[] rarest(long[] counts, int from, int to, int count, boolean control) {
        long[] keys = new long[to - from + 1];
        int m = 0;
        for (int b = from; b < to; b++) {
            if (!control || (b != '\t' && b != '\n' && b != '\r')) {
                keys[m++] = counts[b] << 8 | b;
            }
        }
        if (control) {
            keys[m++] = counts[0x7F] << 8 | 0x7F;
        }
        keys = Arrays.copyOf(keys, m);
        Arrays.sort(keys);
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = (int) (keys[i] & 0xFF);
        }
        return r;
    }

    private static int[] codeBytes(long[] counts, int n) {
        int[] order = rarest(counts, 0x80, 0x100, MAX_CODES, false);
        long budget = n / 1024;
        int k = 0;
        long spent = 0;
        while (k < order.length && spent + counts[order[k]] <= budget) {
            spent += counts[order[k]];
            k++;
        }
        return Arrays.copyOf(order, k);
    }

    private static WordDictionary choose(byte[] data, WordCounts counts, ByteRoles roles) {
        // Candidates, the most frequent first (ties: first seen first).
        long[] keys = new long[counts.size()];
        int m = 0;
        for (int w = 0; w < counts.size(); w++) {
            if (counts.count(w) >= MIN_COUNT) {
                keys[m++] = (long) (Integer.MAX_VALUE - counts.count(w)) << 32 | w;
            }
        }
        keys = Arrays.copyOf(keys, m);
        Arrays.sort(keys);
        int chosen = Math.min(m, roles.codeCount());
        byte[][] words = new byte[chosen][];
        for (int r = 0; r < chosen; r++) {
            words[r] = counts.lowerCase(data, (int) keys[r]);
        }
        return new WordDictionary(roles, words);
    }

    /**
     * Occurrences of each distinct word (lower-case, capitalised or all-capital letter runs of 2 to
     * MAX_WORD letters, folded to lower case) in a block: an open-addressing table of the first
     * occurrence's position, length and count.
     */
    private static final class WordCounts {
        private int[] slots = new int[1 << 12]; // word id + 1
        private int[] position = new int[1 << 10];
        private int[] length = new int[1 << 10];
        private int[] count = new int[1 << 10];
        private int[] hashes = new int[1 << 10];
        private int size;

        WordCounts(byte[] data, int n) {
            int i = 0;
            while (i < n) {
                int b = data[i];
                if (!isLetter(b)) {
                    i++;
                    continue;
                }
                int j = i + 1;
                int capitals = b < 'a' ? 1 : 0;
                boolean laterCapital = false;
                while (j < n && isLetter(data[j])) {
                    if (data[j] < 'a') {
                        capitals++;
                        laterCapital = true;
                    }
                    j++;
                }
                int len = j - i;
                boolean folds = capitals == 0 || capitals == len || (capitals == 1 && !laterCapital);
                if (folds && len >= 2 && len <= WordDictionary.MAX_WORD) {
                    add(data, i, len, WordList.hash(data, i, j));
                }
                i = j;
            }
        }

        private static boolean isLetter(int b) {
            int l = b | 0x20;
            return l >= 'a' && l <= 'z';
        }

        private void add(byte[] data, int at, int len, int h) {
            int mask = slots.length - 1;
            int slot = h & mask;
            while (true) {
                int w = slots[slot] - 1;
                if (w < 0) {
                    break;
                }
                if (hashes[w] == h && length[w] == len && sameFolded(data, position[w], at, len)) {
                    count[w]++;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            if (size == MAX_DISTINCT) {
                return;
            }
            if (size == position.length) {
                int grown = size * 2;
                position = Arrays.copyOf(position, grown);
                length = Arrays.copyOf(length, grown);
                count = Arrays.copyOf(count, grown);
                hashes = Arrays.copyOf(hashes, grown);
            }
            position[size] = at;
            length[size] = len;
            count[size] = 1;
            hashes[size] = h;
            slots[slot] = ++size;
            if (2 * size > slots.length) {
                rehash();
            }
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            for (int w = 0; w < size; w++) {
                int slot = hashes[w] & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = w + 1;
            }
        }

        private static boolean sameFolded(byte[] data, int a, int b, int len) {
            for (int i = 0; i < len; i++) {
                if ((data[a + i] | 0x20) != (data[b + i] | 0x20)) {
                    return false;
                }
            }
            return true;
        }

        int size() {
            return size;
        }

        int count(int w) {
            return count[w];
        }

        int length(int w) {
            return length[w];
        }

        int position(int w) {
            return position[w];
        }

        int hash(int w) {
            return hashes[w];
        }

        byte[] lowerCase(byte[] data, int w) {
            byte[] r = new byte[length[w]];
            for (int i = 0; i < r.length; i++) {
                r[i] = (byte) (data[position[w] + i] | 0x20);
            }
            return r;
        }
    }
}
