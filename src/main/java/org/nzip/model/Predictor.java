package org.nzip.model;

/**
 * The predictor–coder contract: a model that, given everything coded so far, assigns a probability
 * to each of the 256 byte values of the next symbol of each of its {@link #streams() streams}, and
 * then learns from the symbols actually coded.
 *
 * <p>The encoder and the decoder drive the same implementation through the same calls in the same
 * order, so a predictor must be a pure function of its construction parameters and of the symbols
 * it has been given: no clocks, no thread-count-dependent arithmetic, no library transcendentals.
 *
 * <p>A block of input is split into {@code streams()} contiguous segments coded in interleaved
 * order. At each step the first {@code active} streams have a symbol; the others have run out
 * (segment lengths differ by at most one, and the longer segments come first).
 */
public interface Predictor extends AutoCloseable {

    /** Number of symbols in the alphabet. */
    int ALPHABET = 256;

    /** Number of parallel streams this predictor codes per step (the batch size B). */
    int streams();

    /**
     * Writes the probability distribution of the next symbol of each active stream:
     * {@code probs[s * 256 + x]} for stream {@code s < active}. Values must be finite, non-negative
     * and sum to about 1 per stream; the coder normalises and floors them.
     */
    void predict(int active, float[] probs);

    /**
     * Tells the predictor the symbols just coded, {@code symbols[s]} for {@code s < active}; called
     * once after each {@link #predict}.
     */
    void update(int active, int[] symbols);

    /**
     * Announces a block of {@code length} symbols, before its first {@link #predict}. Models that
     * index the block (such as a match model) reset here; others keep learning across blocks.
     */
    default void startBlock(int length) {}

    /** Releases worker threads or native memory, if any. */
    @Override
    default void close() {}
}
