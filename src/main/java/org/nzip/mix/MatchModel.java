package org.nzip.mix;

import java.util.Arrays;

/**
 * Finds, for each stream, the most recent earlier place in the block where the last
 * {@code minLength} bytes occurred, and predicts the byte that followed them there; the prediction
 * goes on as long as it keeps coming true. This is what an LSTM does badly: copy a long string it
 * has seen once.
 *
 * <p>The history is the block coded so far in all streams (stream {@code s} holds its segment at
 * {@code [s·cap, s·cap + length[s])}), so a stream can follow a match into another stream's segment,
 * as far as that segment has been coded. Two hash tables map a hash of the last {@code minLength}
 * bytes, and of the last {@code 2·minLength} (at most 32), to the position of the last of them; a
 * stream without a match asks the longer context first (its most recent occurrence is the better
 * witness: 2.182 -> 2.166 bpb on the first 320 kB of enwik6). The tables are updated in stream
 * order after every step: encoder and decoder see the same tables. Integer arithmetic only.
 */
public final class MatchModel {

    /** Longest context compared when a candidate is checked, and the cap of a match length. */
    static final int VERIFY_LIMIT = 32;
    static final int MAX_LENGTH = 65535;
    static final int MIN_HASH_BITS = 10;
    static final int MAX_HASH_BITS = 24;

    private final int streams;
    private final int minLength;
    private final int maxHashBits;

    private byte[] history = new byte[0];
    private int cap;
    private final int[] length;
    private int[] table = new int[0]; // position of a context's last byte + 1; 0 = empty
    private int[] longTable = new int[0]; // the same for contexts of longLength bytes
    private final int longLength;
    private int hashShift;

    private final int[] matchStream;
    private final int[] matchIndex; // index in matchStream's segment of the predicted byte
    private final int[] matchLength; // 0 = no match

    /**
     * @param streams     number of streams of the predictor it serves
     * @param minLength   bytes of context a match needs, 2..{@value #VERIFY_LIMIT}
     * @param maxHashBits log2 of the largest hash table, 10..24 (smaller blocks use smaller tables)
     */
    public MatchModel(int streams, int minLength, int maxHashBits) {
        if (minLength < 2 || minLength > VERIFY_LIMIT) {
            throw new IllegalArgumentException("match length must be 2.." + VERIFY_LIMIT + ": " + minLength);
        }
        if (maxHashBits < MIN_HASH_BITS || maxHashBits > MAX_HASH_BITS) {
            throw new IllegalArgumentException("hash bits must be " + MIN_HASH_BITS + ".." + MAX_HASH_BITS + ": " + maxHashBits);
        }
        this.streams = streams;
        this.minLength = minLength;
        this.maxHashBits = maxHashBits;
        this.longLength = Math.min(VERIFY_LIMIT, 2 * minLength);
        length = new int[streams];
        matchStream = new int[streams];
        matchIndex = new int[streams];
        matchLength = new int[streams];
    }

    /** Bytes of heap the model holds for blocks of at most {@code blockLength} bytes. */
    static long memoryUsage(int streams, int maxHashBits, int blockLength) {
        long cap = ((long) blockLength + streams - 1) / streams;
        return cap * streams + 2 * 4L * (1L << hashBits(maxHashBits, blockLength)) + 4 * 4L * streams;
    }

    private static int hashBits(int maxHashBits, int n) {
        int bits = MIN_HASH_BITS;
        while (bits < maxHashBits && (1L << bits) < n) {
            bits++;
        }
        return bits;
    }

    /** Forgets everything and prepares for a block of {@code n} bytes split into the streams. */
    public void startBlock(int n) {
        cap = (n + streams - 1) / streams;
        long need = (long) cap * streams;
        if (history.length < need) {
            history = new byte[Math.toIntExact(need)];
        }
        int bits = hashBits(maxHashBits, n);
        if (table.length != 1 << bits) {
            table = new int[1 << bits];
            longTable = new int[1 << bits];
        } else {
            Arrays.fill(table, 0);
            Arrays.fill(longTable, 0);
        }
        hashShift = 32 - bits;
        Arrays.fill(length, 0);
        Arrays.fill(matchLength, 0);
    }

    /** The byte the match of stream {@code s} predicts, or −1 if it has none. */
    public int expected(int s) {
        if (matchLength[s] == 0) {
            return -1;
        }
        int m = matchStream[s];
        int i = matchIndex[s];
        return i < length[m] ? history[m * cap + i] & 0xFF : -1;
    }

    /** Length of stream {@code s}'s current match in bytes (0 if none). */
    public int matchLength(int s) {
        return matchLength[s];
    }

    /** Appends the coded symbols, follows or drops each match, and looks for new ones. */
    public void update(int active, int[] symbols) {
        for (int s = 0; s < active; s++) {
            int x = symbols[s];
            int n = length[s];
            if (n >= cap) {
                throw new IllegalStateException("stream " + s + " is longer than the block");
            }
            int base = s * cap;
            history[base + n] = (byte) x;
            length[s] = ++n;
            if (matchLength[s] > 0) {
                int m = matchStream[s];
                int i = matchIndex[s];
                if (i < length[m] && (history[m * cap + i] & 0xFF) == x && i + 1 < cap) {
                    matchIndex[s] = i + 1;
                    matchLength[s] = Math.min(matchLength[s] + 1, MAX_LENGTH);
                } else {
                    matchLength[s] = 0;
                }
            }
            if (n < minLength) {
                continue;
            }
            int last = base + n - 1;
            int h = hash(last, minLength);
            if (n >= longLength) {
                // A longer shared context is the better witness: look for one first.
                int hl = hash(last, longLength);
                if (matchLength[s] == 0) {
                    int candidate = longTable[hl] - 1;
                    if (candidate >= 0) {
                        lookup(s, last, candidate);
                    }
                }
                longTable[hl] = last + 1;
            }
            if (matchLength[s] == 0) {
                int candidate = table[h] - 1;
                if (candidate >= 0) {
                    lookup(s, last, candidate);
                }
            }
            table[h] = last + 1;
        }
    }

    /** Starts a match of stream s if the context ending at {@code candidate} equals the one ending at {@code last}. */
    private void lookup(int s, int last, int candidate) {
        int cs = candidate / cap;
        int ci = candidate - cs * cap;
        if (ci + 1 >= cap) {
            return; // nothing can follow it in its segment
        }
        int own = last - s * cap; // index of the last byte in stream s
        int limit = Math.min(VERIFY_LIMIT, Math.min(ci, own) + 1);
        int k = 0;
        while (k < limit && history[candidate - k] == history[last - k]) {
            k++;
        }
        if (k >= minLength) {
            matchStream[s] = cs;
            matchIndex[s] = ci + 1;
            matchLength[s] = k;
        }
    }

    private int hash(int last, int length) {
        int h = 0;
        for (int k = 0; k < length; k++) {
            h = (h + (history[last - k] & 0xFF) + 1) * 0x2F0B4A13;
        }
        return h >>> hashShift;
    }
}
