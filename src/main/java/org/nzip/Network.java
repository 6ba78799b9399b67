package org.nzip;

import java.util.Locale;

/**
 * The neural predictor a preset mixes with its context models: {@link #LSTM} or
 * {@link #TRANSFORMER}. Every neural preset ({@code fast}, {@code default}, {@code max}) has a model
 * with each, of about the same work per byte; {@link NzipOptions#network} chooses one, and the header
 * records which, so decoding needs nothing else.
 */
public enum Network {
    /**
     * A stacked LSTM, trained by truncated back-propagation through time: every preset's own, smaller
     * and faster than the transformer on every input measured so far (README, "Networks").
     */
    LSTM("lstm"),
    /**
     * A Transformer-XL-style decoder (attention over the current and the previous segment), trained
     * after every segment: it learns more slowly in one pass than the LSTM, so it is offered, not chosen.
     */
    TRANSFORMER("transformer");

    private final String label;

    Network(String label) {
        this.label = label;
    }

    /** The name used on the command line and in listings. */
    public String label() {
        return label;
    }

    /** The network with this name (case-insensitive), or an exception listing the valid names. */
    public static Network of(String name) {
        for (Network n : values()) {
            if (n.label.equalsIgnoreCase(name.strip())) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "' (valid: lstm, transformer)");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
