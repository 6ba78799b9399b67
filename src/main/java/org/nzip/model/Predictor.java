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
     * Steps per training window: the predictor learns (changes its weights) in the {@link #endStep}
     * of the window's last step, and only there. A predictor that learns at every step returns 1.
     */
    int window();

    /** The current step's position in its training window, {@code 0 <= position < window()}. */
    int position();

    /**
     * Writes the probability distribution of the next symbol of streams {@code [from, to)} at window
     * position {@code position}: {@code probs[s * 256 + x]} for {@code from <= s < to}. Values must
     * be finite, non-negative and sum to about 1 per stream; the coder normalises and floors them.
     *
     * <p>{@code position} is the current step's, or — to let a caller predict a step ahead for
     * some streams while it still codes the others — the next step's, when the current step is not
     * the window's last and the current step's symbols of streams {@code [from, to)} have been given
     * to {@link #observe}. Each stream's result depends only on that stream's history, never on the
     * range it was computed in. Calls for disjoint stream ranges may run on another thread than
     * {@link #observe} and {@link #endStep} for other streams, one call at a time, with a
     * happens-before edge to and from them (the caller's hand-off).
     */
    void predict(int position, int from, int to, float[] probs);

    /**
     * Gives the symbols just coded at the current step for streams {@code [from, to)}:
     * {@code symbols[s]} for {@code s < active}; the streams from {@code active} on have none.
     */
    void observe(int from, int to, int active, int[] symbols);

    /**
     * Ends the current step, once every stream's symbol has been {@link #observe observed}; at the
     * window's last step the predictor learns here. {@code active} is the number of streams that had
     * a symbol.
     */
    void endStep(int active);

    /** The distribution of every stream at the current step: {@link #predict(int, int, int, float[])} for all streams. */
    default void predict(int active, float[] probs) {
        predict(position(), 0, streams(), probs);
    }

    /** Gives the current step's symbols of every stream, {@code symbols[s]} for {@code s < active}, and ends the step. */
    default void update(int active, int[] symbols) {
        observe(0, streams(), active, symbols);
        endStep(active);
    }

    /**
     * Whether the predictor may hand part of its work to a second thread of its own, if it has one
     * (it may when built for more than one thread, until told otherwise). The caller switches it off
     * while it keeps the other core busy itself, or when a second thread does not pay. Called between
     * steps; never changes a result.
     */
    default void useSecondThread(boolean use) {}

    /**
     * Whether this predictor has a second thread of its own to share its products with (so that
     * {@link #useSecondThread} changes how it computes).
     */
    default boolean sharesProducts() {
        return false;
    }

    /**
     * Announces a block of {@code length} symbols, before its first {@link #predict}. Models that
     * index the block (such as a match model) reset here; others keep learning across blocks.
     */
    default void startBlock(int length) {}

    /** Releases worker threads or native memory, if any. */
    @Override
    default void close() {}
}
