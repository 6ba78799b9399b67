package org.nzip.mix;

import java.util.Arrays;

/**
 * Counters of hashed contexts, one table per context. At the start of each byte the contexts' hashes
 * are set ({@link #setContexts}); at the start of each nibble ({@link #findBuckets}) each context's
 * hash with the nibble so far picks a 16-int bucket: a tag and the 15 counters of the nibble's binary
 * tree. A bucket lives in one of two neighbouring places; a new context claims the one whose root
 * counter has learned less. Each bit then reads one counter per context ({@link #predict}) and
 * updates it ({@link #update}).
 *
 * <p>A bucket's first int holds its 16-bit tag in the low half; the high half of a first nibble's
 * bucket holds what a {@link RunModel} keeps of the context: the byte that last followed it and how
 * many times in a row ({@link #run}, {@link #setRun}). It comes with the bucket, so it costs no
 * further cache miss, and goes with it when the bucket is claimed.
 *
 * <p>With bit histories, each counter of a shared context (not per stream) also has a
 * {@link BitHistory} state (a byte in a parallel table, cleared with its bucket), and each such context a state map: an adaptive probability per state,
 * learning what that history means in this context. The map's stretched probability is a second
 * input per context: it follows the context's recent bits where the counter averages them.
 */
final class HashedContexts {

    /** Counter limit of the per-stream contexts: they must follow their stream closely. */
    static final int STREAM_COUNTER_LIMIT = 8;
    /** Ints of a bucket: the tag (and run), then the nibble tree's nodes 1–15. */
    static final int BUCKET = 16;
    /**
     * A table is this many ints short of a power of two, so that with the array's header it fills
     * whole heap regions (a 2^n-int array would take one more region for its 16-byte header); the
     * last pair of buckets, cut short, is folded onto the pair before it.
     */
    static final int ARRAY_HEADER_INTS = 4;

    private final ContextDef[] contexts;
    private final int[] limits;
    private final int maxTableBits;
    private final int[][] tables;
    private int shift;
    private final int[] hashes;
    private final int[] buckets;
    private final int[] firstBuckets; // each context's bucket of the byte's first nibble
    private final int[] slots;
    private final int[] tags;
    private final int[] firstTags;
    private final int[] secondTags;
    private final boolean bitHistories;
    /** The contexts with bit histories (indices), in the order of their inputs. */
    private final int[] withHistory;
    private final byte[][] histories;
    private final int[] stateMaps; // context k's map: [k * 256 + state]
    private final int[] mapSlots;
    /** Sink of the history loads in {@link #findBuckets} (read by nobody). */
    @SuppressWarnings("unused")
    private int touch;

    /** Counter limit of the state maps: they describe a whole context, so they may average long. */
    static final int STATE_MAP_LIMIT = Counter.COUNT_MASK;

    /**
     * @param contexts     the contexts, in the order of their mixer inputs
     * @param counterLimit counter limit of the shared contexts
     * @param maxTableBits log2 of the largest table, in ints
     * @param bitHistories whether each counter of a shared context has a bit history (a second input per such context)
     */
    HashedContexts(ContextDef[] contexts, int counterLimit, int maxTableBits, boolean bitHistories) {
        this.contexts = contexts.clone();
        this.maxTableBits = maxTableBits;
        int n = contexts.length;
        limits = new int[n];
        for (int k = 0; k < n; k++) {
            limits[k] = contexts[k].perStream ? STREAM_COUNTER_LIMIT : counterLimit;
        }
        tables = new int[n][];
        hashes = new int[n];
        buckets = new int[n];
        firstBuckets = new int[n];
        slots = new int[n];
        tags = new int[n];
        firstTags = new int[n];
        secondTags = new int[n];
        this.bitHistories = bitHistories;
        withHistory = java.util.stream.IntStream.range(0, n).filter(k -> bitHistories && !contexts[k].perStream).toArray();
        histories = new byte[n][];
        stateMaps = new int[bitHistories ? n * BitHistory.STATES : 0];
        Arrays.fill(stateMaps, Counter.FRESH);
        mapSlots = new int[n];
    }

    /**
     * Ints of a table when the first block has {@code firstBlock} bytes: 16 per byte (a byte touches
     * two 16-int buckets per context, and most contexts recur), a power of two from 2^16 to 2^maxTableBits.
     */
    static int tableBits(int maxTableBits, int firstBlock) {
        int bits = 16;
        while (bits < maxTableBits && (1L << bits) < 16L * firstBlock) {
            bits++;
        }
        return bits;
    }

    /**
     * Bytes held by {@code count} contexts with tables of 2^tableBits ints (their hashes, buckets and
     * scratch included), {@code withHistory} of them with bit histories.
     */
    static long bytes(int count, int withHistory, int tableBits) {
        long table = 1L << tableBits; // with its array header (see ARRAY_HEADER_INTS)
        long ints = count * table + 7L * count + (withHistory > 0 ? (long) count * BitHistory.STATES : 0);
        return 4 * ints + withHistory * (table + 16); // a history table: an entry per int of the table
    }

    /** Mixer inputs: one per context, then one per shared context's bit history. */
    int inputs() {
        return contexts.length + withHistory.length;
    }

    /** Allocates the tables for a first block of {@code firstBlock} bytes; later calls keep them. */
    void allocate(int firstBlock) {
        if (contexts.length == 0 || tables[0] != null) {
            return;
        }
        int bits = tableBits(maxTableBits, firstBlock);
        for (int k = 0; k < tables.length; k++) {
            tables[k] = new int[(1 << bits) - ARRAY_HEADER_INTS];
            Arrays.fill(tables[k], Counter.FRESH);
        }
        for (int k : withHistory) {
            histories[k] = new byte[tables[k].length];
        }
        shift = 32 - (bits - 4);
    }

    /** Sets the contexts of the next byte of stream {@code s}. */
    void setContexts(History history, int s) {
        for (int k = 0; k < contexts.length; k++) {
            hashes[k] = contexts[k].hash(history, s);
        }
    }

    /** The byte hash of context {@code k}. */
    int hash(int k) {
        return hashes[k];
    }

    /**
     * At the start of each nibble: finds or claims each context's bucket. {@code c0} is 1 followed by
     * the bits of the byte so far, {@code bitIndex} 0 or 4.
     */
    void findBuckets(int c0, int bitIndex) {
        int nibbleSalt = nibbleSalt(c0, bitIndex);
        // Two passes: first every table's two candidate tags are read, with no branch between the
        // loads, so that the cache misses of all contexts overlap; then the tags are compared.
        for (int k = 0; k < tables.length; k++) {
            int h = ContextDef.finish(hashes[k] + nibbleSalt);
            int[] t = tables[k];
            int first = (h >>> shift) << 4;
            if (first >= (t.length & -(2 * BUCKET))) { // the last pair, cut short
                first -= 2 * BUCKET;
            }
            buckets[k] = first;
            tags[k] = ((h * 0x5851F42D) >>> 16) | 1; // 16 bits, never 0: a fresh table's 0 matches none
            firstTags[k] = t[first] & TAG_MASK;
            secondTags[k] = t[first ^ BUCKET] & TAG_MASK;
        }
        if (bitHistories) {
            // The history tables are other memory: load both candidates' lines now, so that their
            // misses overlap with the tags' instead of stalling the first prediction.
            int touched = 0;
            for (int k : withHistory) {
                byte[] h = histories[k];
                touched += h[buckets[k] + 1] + h[(buckets[k] ^ BUCKET) + 1];
            }
            touch = touched;
        }
        for (int k = 0; k < tables.length; k++) {
            int tag = tags[k];
            int first = buckets[k];
            if (firstTags[k] != tag) {
                if (secondTags[k] == tag) {
                    buckets[k] = first ^ BUCKET;
                } else {
                    int victim = claim(tables[k], first, first ^ BUCKET, tag);
                    buckets[k] = victim;
                    if (histories[k] != null) {
                        Arrays.fill(histories[k], victim + 1, victim + BUCKET, (byte) 0);
                    }
                }
            }
        }
        if (bitIndex == 0) {
            System.arraycopy(buckets, 0, firstBuckets, 0, buckets.length);
        }
    }

    /** Bits of a bucket's first int that hold its tag. */
    private static final int TAG_MASK = 0xFFFF;

    /**
     * Context {@code k}'s run since the start of the byte ({@link #findBuckets} at its first nibble):
     * the run length (1–255) times 256 plus the byte, or 0 for none.
     */
    int run(int k) {
        return tables[k][firstBuckets[k]] >>> 16;
    }

    /** Sets context {@code k}'s run ({@link #run}'s form) at the end of the byte. */
    void setRun(int k, int run) {
        int[] t = tables[k];
        int at = firstBuckets[k];
        t[at] = run << 16 | (t[at] & TAG_MASK);
    }

    /**
     * What a context's byte hash is salted with at the start of a nibble ({@code bitIndex} 0 or 4,
     * {@code c0} 1 and the bits so far): nothing for the first, the first nibble for the second.
     * Part of the format, shared by every hashed context table.
     */
    static int nibbleSalt(int c0, int bitIndex) {
        return bitIndex == 0 ? 0 : (c0 & 0xF) * 0x2C1B3C6D + 0x7F4A7C15;
    }

    /** Gives the bucket (of two) whose root has learned less to {@code tag}, with fresh counters. */
    static int claim(int[] t, int first, int second, int tag) { // a claimed bucket has no run
        int victim = Counter.count(t[first + 1]) <= Counter.count(t[second + 1]) ? first : second;
        t[victim] = tag;
        Arrays.fill(t, victim + 1, victim + BUCKET, Counter.FRESH);
        return victim;
    }

    /**
     * Writes each context's input for the bit at nibble-tree node {@code node} (1–15) to
     * {@code inputs[offset..]}, then with bit histories each one's state map input; returns how many
     * of the contexts' counters have been trained.
     */
    int predict(int[] inputs, int offset, int node) {
        int seen = 0;
        for (int k = 0; k < tables.length; k++) {
            int at = buckets[k] + node;
            slots[k] = at;
            int counter = tables[k][at];
            inputs[offset + k] = Counter.input(counter);
            if (Counter.count(counter) != 0) {
                seen++;
            }
        }
        if (bitHistories) {
            int n = tables.length;
            for (int i = 0; i < withHistory.length; i++) {
                int k = withHistory[i];
                int state = histories[k][slots[k]] & 0xFF;
                int map = k * BitHistory.STATES + state;
                mapSlots[k] = map;
                inputs[offset + n + i] = state == 0 ? 0 : Logistic.stretch(Counter.p(stateMaps[map]));
            }
        }
        return seen;
    }

    /** Updates the counters of the last {@link #predict} with the bit. */
    void update(int bit) {
        for (int k = 0; k < tables.length; k++) {
            int[] t = tables[k];
            int at = slots[k];
            t[at] = Counter.update(t[at], bit, limits[k]);
        }
        if (bitHistories) {
            for (int k : withHistory) {
                byte[] h = histories[k];
                int at = slots[k];
                int state = h[at] & 0xFF;
                if (state != 0) {
                    stateMaps[mapSlots[k]] = Counter.update(stateMaps[mapSlots[k]], bit, STATE_MAP_LIMIT);
                }
                h[at] = (byte) BitHistory.next(state, bit);
            }
        }
    }
}
