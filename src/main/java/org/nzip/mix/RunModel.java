package org.nzip.mix;

/**
 * Run models on some of the {@link HashedContexts}: per context, the byte that last followed it and
 * how many times in a row (kept in the context's first-nibble bucket, {@link HashedContexts#run}).
 * While the partial byte agrees with the predicted byte, each run model inputs the adaptive
 * probability of the predicted bit for its run length (up to 63).
 */
final class RunModel {

    /** Run lengths told apart by the counters. */
    private static final int LENGTHS = 64;
    /** Longest run kept. */
    private static final int MAX_RUN = 255;

    private final int[] contexts;
    private final int counterLimit;
    private final int[] counters;
    private final int[] entry;
    private final int[] slot;

    /**
     * @param contexts     indices of the hashed contexts followed, in the order of their mixer inputs
     * @param counterLimit counter limit
     */
    RunModel(int[] contexts, int counterLimit) {
        this.contexts = contexts.clone();
        this.counterLimit = counterLimit;
        int n = contexts.length;
        counters = new int[n * LENGTHS * 2];
        java.util.Arrays.fill(counters, Counter.FRESH);
        entry = new int[n];
        slot = new int[n];
    }

    /** Ints held by {@code count} run models. */
    static long ints(int count) {
        return count * (2L * LENGTHS + 2);
    }

    /** Mixer inputs: one per followed context. */
    int inputs() {
        return contexts.length;
    }

    /** At the start of a byte, after {@link HashedContexts#findBuckets} of its first nibble: each context's run. */
    void setContexts(HashedContexts hashed) {
        for (int r = 0; r < contexts.length; r++) {
            entry[r] = hashed.run(contexts[r]);
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
                int run = Math.min(LENGTHS - 1, e >>> 8);
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

    /** At the end of the byte {@code x}: records it in each context's run. */
    void endSymbol(int x, HashedContexts hashed) {
        for (int r = 0; r < contexts.length; r++) {
            int e = entry[r];
            int run = e != 0 && (e & 0xFF) == x ? Math.min(MAX_RUN, (e >>> 8) + 1) : 1;
            hashed.setRun(contexts[r], run << 8 | x);
        }
    }
}
