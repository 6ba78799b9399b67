package org.nzip.model;

/**
 * The trainable parameters of a network in one array, with their gradients in a second array of the
 * same layout, so that one {@link AdamOptimizer} step updates all of them. The parts of the network
 * reserve their ranges in order before {@link #allocate()}; the order of the reservations is the
 * layout, and with it part of the format (the initialisation draws in that order too).
 */
final class ParameterStore {

    private long size;
    private float[] w;
    private float[] grad;

    /** Reserves {@code n} parameters; returns their offset. Only before {@link #allocate()}. */
    int reserve(long n) {
        if (w != null) {
            throw new IllegalStateException("parameters already allocated");
        }
        if (n < 0 || size + n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("parameter count out of range: " + size + " + " + n);
        }
        int off = (int) size;
        size += n;
        return off;
    }

    /**
     * Allocates the weights (zero) and their gradients once every part has reserved its range.
     *
     * @param expected the parameter count the network's configuration computes: the layout must agree
     */
    void allocate(long expected) {
        if (size != expected) {
            throw new AssertionError("parameter layout " + size + " != " + expected);
        }
        w = new float[(int) size];
        grad = new float[(int) size];
    }

    /** Parameters reserved so far (all of them after {@link #allocate()}). */
    int size() {
        return (int) size;
    }

    float[] weights() {
        return w;
    }

    float[] gradients() {
        return grad;
    }
}
