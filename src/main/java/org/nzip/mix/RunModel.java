package org.nzip.mix;

/**
 * Run models on some of the {@link HashedContexts}: per context, a table of the byte that last
 * followed it and how many times in a row (tag 12 bits | run length 12 | byte 8, one int per entry,
 * indexed by the context's byte hash). While the partial byte agrees with the predicted byte, each
 * run model inputs the adaptive probability of the predicted bit for its run length (up to 63).
 */
final class RunModel {

    /** Run lengths told apart by the counters. */
    private static final int LENGTHS = 64;

    private final int[] contexts;
    private final int counterLimit;
    private final int[][] tables;
    private int shift;
    private final int[] counters;
    private final int[] entry;
    private final int[] index;
    private final int[] slot;

    /**
     * @param contexts     indices of the hashed contexts followed, in the order of their mixer inputs
     * @param counterLimit counter limit
     */
    RunModel(int[] contexts, int counterLimit) {
        this.contexts = contexts.clone();
        this.counterLimit = counterLimit;
        int n = contexts.length;
        tables = new int[n][];
        counters = new int[n * LENGTHS * 2];
        java.util.Arrays.fill(counters, Counter.FRESH);
        entry = new int[n];
        index = new int[n];
        slot = new int[n];
    }

    /** Table size: one int per byte of the first block, a power of two from 2^16 to 2^20. */
    static int tableBits(int firstBlock) {
        int bits = 16;
        while (bits < 20 && (1L << bits) < firstBlock) {
            bits++;
        }
        return bits;
    }

    /** Ints held by {@code count} run models after a first block of {@code firstBlock} bytes. */
    static long ints(int count, int firstBlock) {
        return count * ((1L << tableBits(firstBlock)) + 2 * LENGTHS + 3);
    }

    /** Mixer inputs: one per followed context. */
    int inputs() {
        return contexts.length;
    }

    /** Allocates the tables for a first block of {@code firstBlock} bytes; later calls keep them. */
    void allocate(int firstBlock) {
        if (contexts.length == 0 || tables[0] != null) {
            return;
        }
        int bits = tableBits(firstBlock);
        for (int r = 0; r < tables.length; r++) {
            tables[r] = new int[(1 << bits) - HashedContexts.ARRAY_HEADER_INTS]; // whole heap regions
        }
        shift = 32 - bits; // the 12-bit tags are the hash's low bits
    }

    /** At the start of a byte, after {@link HashedContexts#setContexts}: looks up each context's entry. */
    void setContexts(HashedContexts hashed) {
        for (int r = 0; r < contexts.length; r++) {
            int h = hashed.hash(contexts[r]);
            int at = h >>> shift;
            if (at >= tables[r].length) {
                at -= HashedContexts.ARRAY_HEADER_INTS; // the cut-off end folds back
            }
            index[r] = at;
            int e = tables[r][at];
            entry[r] = e != 0 && (e >>> 20) == (h & 0xFFF) ? e : 0;
        }
    }

    /** Writes the inputs for the next bit ({@code c0}: 1 and the bits so far) to {@code inputs[offset..]}. */
    void predict(int[] inputs, int offset, int c0, int bitIndex) {
        int shift = 7 - bitIndex;
        for (int r = 0; r < contexts.length; r++) {
            int e = entry[r];
            int runByte = e & 0xFF;
            slot[r] = -1;
            inputs[offset + r] = 0;
            if (e != 0 && (runByte | 256) >>> (8 - bitIndex) == c0) {
                int run = Math.min(LENGTHS - 1, (e >>> 8) & 0xFFF);
                slot[r] = (r * LENGTHS + run) * 2 + ((runByte >>> shift) & 1);
                inputs[offset + r] = Logistic.stretch(Counter.p(counters[slot[r]]));
            }
        }
    }

    /** Updates the counters of the last {@link #predict}. */
    void update(int bit) {
        for (int r = 0; r < contexts.length; r++) {
            if (slot[r] >= 0) {
                counters[slot[r]] = Counter.update(counters[slot[r]], bit, counterLimit);
            }
        }
    }

    /** At the end of the byte {@code x}: records it in each context's entry. */
    void endSymbol(int x, HashedContexts hashed) {
        for (int r = 0; r < contexts.length; r++) {
            int e = entry[r];
            int run = e != 0 && (e & 0xFF) == x ? Math.min(4095, ((e >>> 8) & 0xFFF) + 1) : 1;
            tables[r][index[r]] = (hashed.hash(contexts[r]) & 0xFFF) << 20 | run << 8 | x;
        }
    }
}
