package org.nzip.mix;

import java.util.Arrays;

/**
 * Counters indexed directly (no hashing) by the partial byte: order 0, and order 1 (the last byte
 * and the partial byte). Shared by all streams; each stream uses its own last byte.
 */
final class DirectContexts {

    /** Mixer inputs: order 0, then order 1. */
    static final int INPUTS = 2;
    /** Ints held. */
    static final int INTS = 256 + (1 << 16);

    private final int counterLimit;
    private final int[] order0 = new int[256];
    private final int[] order1 = new int[1 << 16];
    private int slot0;
    private int slot1;

    DirectContexts(int counterLimit) {
        this.counterLimit = counterLimit;
        Arrays.fill(order0, Counter.FRESH);
        Arrays.fill(order1, Counter.FRESH);
    }

    /** Writes the two inputs for the next bit to {@code inputs[offset..offset + 2)}; {@code c0} is 1 and the bits so far. */
    void predict(int[] inputs, int offset, int c0, int lastByte) {
        slot0 = c0;
        inputs[offset] = Counter.input(order0[c0]);
        slot1 = lastByte << 8 | c0;
        inputs[offset + 1] = Counter.input(order1[slot1]);
    }

    void update(int bit) {
        order0[slot0] = Counter.update(order0[slot0], bit, counterLimit);
        order1[slot1] = Counter.update(order1[slot1], bit, counterLimit);
    }
}
