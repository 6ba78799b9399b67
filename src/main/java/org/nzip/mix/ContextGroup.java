package org.nzip.mix;

/**
 * The hashed context models of a {@link BitMixer} as one group with one life cycle: the counters
 * with their bit histories ({@link HashedContexts}), the contexts with histories only
 * ({@link HistoryContexts}) and the run models that follow some of the counters ({@link RunModel}).
 * They look up their tables at nibble boundaries and need nothing from the mixers, which need only
 * their inputs.
 *
 * <p>Per byte: {@link #begin}, which also writes the inputs of the first bit; then for each bit
 * {@link #bit}, which learns it and (but after the last bit) writes the inputs of the next.
 *
 * <p>Why not on a second thread: it was tried (a hand-off per bit, the mixers training on one input
 * array while the group wrote the next bit's to another) and was 1.5 times slower, because a
 * round trip between two cores (300–600 ns on the project's machines) costs more than the group's
 * work per bit (bench/pipeline/2026-12-02-context-group.md).
 */
final class ContextGroup {

    private final History history;
    private final HashedContexts hashed;
    private final HistoryContexts historyOnly;
    private final RunModel runs;
    private final int inHashed;
    private final int inHistory;
    private final int inRun;

    private int c0;
    private int bitIndex;
    /** How many hashed contexts of both kinds have seen the current node (the last inputs written). */
    private int seen;

    /**
     * @param history   the contexts' source (read only here; the mixer updates it between bytes)
     * @param inHashed  the first input of the hashed contexts; the history-only ones and the run
     *                  models follow at {@code inHistory} and {@code inRun}
     */
    ContextGroup(History history, HashedContexts hashed, HistoryContexts historyOnly, RunModel runs, int inHashed, int inHistory, int inRun) {
        this.history = history;
        this.hashed = hashed;
        this.historyOnly = historyOnly;
        this.runs = runs;
        this.inHashed = inHashed;
        this.inHistory = inHistory;
        this.inRun = inRun;
    }

    /** Sizes the tables by the first block ({@link HashedContexts#allocate} and the others). */
    void allocate(int firstBlock) {
        hashed.allocate(firstBlock);
        historyOnly.allocate(firstBlock);
    }

    /** Starts a byte of stream {@code s} and writes the inputs of its first bit to {@code inputs}. */
    void begin(int s, int[] inputs) {
        c0 = 1;
        bitIndex = 0;
        hashed.setContexts(history, s);
        historyOnly.setContexts(history, s);
        hashed.findBuckets(c0, bitIndex);
        historyOnly.findSlots(c0, bitIndex);
        runs.setContexts(hashed);
        predict(inputs);
    }

    /** Learns {@code bit}; unless it ended the byte, writes the inputs of the next bit to {@code inputs}. */
    void bit(int bit, int[] inputs) {
        hashed.update(bit);
        historyOnly.update(bit);
        runs.update(bit);
        c0 = c0 << 1 | bit;
        bitIndex++;
        if (bitIndex == 8) {
            runs.endSymbol(c0 & 0xFF, hashed);
            historyOnly.endByte(c0 & 0xFF);
            return;
        }
        if (bitIndex == 4) {
            hashed.findBuckets(c0, bitIndex);
            historyOnly.findSlots(c0, bitIndex);
        }
        predict(inputs);
    }

    /** The number of contexts with statistics at the node of the last inputs written. */
    int seen() {
        return seen;
    }

    private void predict(int[] inputs) {
        int known = bitIndex & 3;
        int node = (1 << known) | (c0 & ((1 << known) - 1)); // index in the nibble's 15-node tree
        seen = hashed.predict(inputs, inHashed, node) + historyOnly.predict(inputs, inHistory, node, c0);
        runs.predict(inputs, inRun, c0, bitIndex);
    }
}
