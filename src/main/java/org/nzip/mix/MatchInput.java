package org.nzip.mix;

/**
 * The {@link MatchModel}'s input to the mixers: while the partial byte agrees with the byte the
 * match predicts, the adaptive probability of the predicted bit for the match's length (in 64
 * buckets). Also gives the mixers' match state: none, or a match of under 16, under 32, or more bytes.
 */
final class MatchInput {

    /** Mixer inputs. */
    static final int INPUTS = 1;
    /** Values of {@link #state}. */
    static final int STATES = 4;
    /** Ints held besides the match model. */
    static final int INTS = 64 * 2;

    private final MatchModel model;
    private final int counterLimit;
    private final int[] counters = new int[INTS];
    private int expectedByte;
    private int length;
    private int bucket;
    private int state;
    private int slot;

    MatchInput(MatchModel model, int counterLimit) {
        this.model = model;
        this.counterLimit = counterLimit;
        java.util.Arrays.fill(counters, Counter.FRESH);
    }

    MatchModel model() {
        return model;
    }

    /** At the start of a byte of stream {@code s}. */
    void setContext(int s) {
        expectedByte = model.expected(s);
        length = model.matchLength(s);
        bucket = Math.min(63, length < 16 ? length : 16 + ((length - 16) >> 2));
        state = expectedByte < 0 ? 0 : length < 16 ? 1 : length < 32 ? 2 : 3;
    }

    /** The byte the match predicts, or −1. */
    int expectedByte() {
        return expectedByte;
    }

    /** The match length of the current byte (0: none). */
    int length() {
        return length;
    }

    /** The match state of the current byte, in [0, {@link #STATES}). */
    int state() {
        return state;
    }

    /** The input for the next bit ({@code c0}: 1 and the bits so far), 0 if the match has failed or there is none. */
    int predict(int c0, int bitIndex) {
        slot = -1;
        if (expectedByte >= 0 && (expectedByte | 256) >>> (8 - bitIndex) == c0) {
            int expectedBit = (expectedByte >>> (7 - bitIndex)) & 1;
            slot = bucket * 2 + expectedBit;
            return Logistic.stretch(Counter.p(counters[slot]));
        }
        return 0;
    }

    /**
     * What the match expects of the bit of the last {@link #predict}: 0 nothing (no match, or the
     * partial byte has left it), 1 a 0, 2 a 1.
     */
    int expectation() {
        return slot < 0 ? 0 : 1 + (slot & 1);
    }

    void update(int bit) {
        if (slot >= 0) {
            counters[slot] = Counter.update(counters[slot], bit, counterLimit);
        }
    }
}
