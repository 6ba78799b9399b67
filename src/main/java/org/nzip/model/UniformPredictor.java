package org.nzip.model;

import java.util.Arrays;

/**
 * Gives every byte value the same probability and learns nothing: the predictor of model kinds whose
 * bitwise context models do all the work.
 */
public final class UniformPredictor implements Predictor {

    private final int streams;

    /** @param streams number of streams per step, at least 1 */
    public UniformPredictor(int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be at least 1: " + streams);
        }
        this.streams = streams;
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public void predict(int active, float[] probs) {
        Arrays.fill(probs, 0, active * ALPHABET, 1f / ALPHABET);
    }

    @Override
    public void update(int active, int[] symbols) {}
}
