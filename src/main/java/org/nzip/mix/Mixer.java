package org.nzip.mix;

import java.util.Arrays;

/**
 * A gated linear mixer in the logistic domain: one weight set (16.16 fixed point, within
 * ±{@value #WEIGHT_LIMIT_ONES}) per selector value; the output is the clamped dot product of the
 * chosen set with the stretched inputs, and a step of gradient descent on the coding cost moves the
 * set by about {@code rate·(bit − p)·input / 2^20}, with a step that is larger while the set is new
 * ({@link #SET_BOOST}) and none for a bit it predicted well ({@link #SKIP_ERROR}). Life cycle per
 * bit: {@link #mix}, then {@link #train}.
 *
 * <p>The kernels are int loops the JIT turns into vector code: the dot product takes each weight's
 * top bits ({@code w >> }{@value #DOT_SHIFT}) so that no partial sum can overflow for up to
 * {@value #MAX_INPUTS} inputs of at most ±2047, and the step is clamped so that no update can.
 *
 * <p>A step driven by the error (scaled by the ratio of a set's short- to long-term squared error,
 * either way) or by the inputs' running scale (RMSprop-like) did not pay: the small texts lose up to
 * 1 %, enwik6 gains at most 0.05 %; a bit's error is mostly noise, not a sign that the data
 * changed. Look for gains in the inputs and the stages after the mixers instead
 * (bench/mix/2026-12-03-engine.md).
 */
final class Mixer {

    /** Weights stay within ±this many ones. */
    static final int WEIGHT_LIMIT_ONES = 16;
    static final int WEIGHT_LIMIT = WEIGHT_LIMIT_ONES << 16;
    /** Bits of a weight dropped in the dot product: |w >> 7| ≤ 2^13, |x| < 2^11, so each product is below 2^24. */
    static final int DOT_SHIFT = 7;
    /** Inputs a mixer may have: 127 products below 2^24 each sum below 2^31. */
    static final int MAX_INPUTS = 127;
    /** Bound of the scaled step {@code (bit − p)·rate >> 6}: times an input below 2^11 it stays below 2^30. */
    private static final int STEP_LIMIT = 1 << 19;
    /**
     * A weight set's step starts at {@code 1 + SET_BOOST} times the given one and falls to it as the
     * set is used: by half the excess after {@code SET_HALF} uses. Sets chosen by rare contexts thus
     * learn quickly, common ones settle (book1 −0.4 %, obj2 −0.6 %, against a constant step). Sets
     * that start from a parent's weights need less of it: 1 rather than 2 (alice29, paper2 −0.2 %).
     */
    static final int SET_BOOST = 1;
    static final int SET_HALF = 256;
    /**
     * A mixer does not train on a bit it predicted to within this much (of 65536): a fifth less work,
     * and no worse (enwik6 −0.08 %, obj2 −0.2 %, alice29 +0.1 %, book1 ±0).
     */
    static final int SKIP_ERROR = 128;

    private final int n;
    private final Mixer parent;
    private final int[] weights;
    private final int[] uses;
    private int set;
    private int p;

    /**
     * @param sets   number of weight sets (selector values)
     * @param inputs number of inputs, at most {@value #MAX_INPUTS}
     */
    Mixer(int sets, int inputs) {
        this(sets, inputs, null);
    }

    /**
     * A mixer whose weight sets start, when first chosen, as a copy of {@code parent}'s set 0 (a mixer
     * with the same inputs, mixed and trained before this one on every bit): a set chosen by a rare
     * context then starts from what all bits have taught rather than from the fill value (paper2
     * −0.9 %, kennedy.xls −2 %, enwik6 −0.3 %, with a parent that has one set).
     */
    Mixer(int sets, int inputs, Mixer parent) {
        if (inputs > MAX_INPUTS) {
            throw new IllegalArgumentException("a mixer takes at most " + MAX_INPUTS + " inputs: " + inputs);
        }
        if (parent != null && parent.n != inputs) {
            throw new IllegalArgumentException("a parent mixer has the same inputs");
        }
        this.parent = parent;
        this.n = inputs;
        this.weights = new int[sets * inputs];
        this.uses = new int[sets];
    }

    /** Sets weights {@code [from, to)} of every set to {@code value}. */
    void fill(int from, int to, int value) {
        for (int base = 0; base < weights.length; base += n) {
            Arrays.fill(weights, base + from, base + to, value);
        }
    }

    /** The mixed log-odds (clamped to ±2047) of {@code x} with weight set {@code selector}; remembers its probability. */
    int mix(int[] x, int selector) {
        set = selector * n;
        if (parent != null && uses[selector] == 0) {
            System.arraycopy(parent.weights, 0, weights, set, n);
        }
        int d = Math.max(-Logistic.STRETCH_LIMIT, Math.min(Logistic.STRETCH_LIMIT, dot(weights, set, x, n) >> (16 - DOT_SHIFT)));
        p = Logistic.squash(d);
        return d;
    }

    /** The probability of the last {@link #mix}. */
    int probability() {
        return p;
    }

    /** Trains the set of the last {@link #mix} on {@code target} (the bit × 65536). */
    void train(int[] x, int target, int rate) {
        if (Math.abs(target - p) < SKIP_ERROR) {
            return;
        }
        long scaled = ((long) (target - p) * rate(rate)) >> 6;
        int step = (int) Math.max(-STEP_LIMIT, Math.min(STEP_LIMIT, scaled));
        if (step != 0) {
            update(weights, set, x, n, step);
        }
    }

    /** The step for the selected set, counting the use. */
    private int rate(int rate) {
        int k = set / n;
        int used = uses[k];
        if (used < 1 << 30) {
            uses[k] = used + 1;
        }
        return rate + (int) ((long) rate * SET_BOOST * SET_HALF / (SET_HALF + used));
    }

    /** Σ (w[off + i] >> DOT_SHIFT) · x[i] over i < n: exact (no partial sum overflows, see {@link #MAX_INPUTS}). */
    static int dot(int[] w, int off, int[] x, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (w[off + i] >> DOT_SHIFT) * x[i];
        }
        return sum;
    }

    /** w[off + i] += (step · x[i]) >> 14, clamped to ±{@link #WEIGHT_LIMIT}. */
    static void update(int[] w, int off, int[] x, int n, int step) {
        for (int i = 0; i < n; i++) {
            w[off + i] = Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, w[off + i] + ((step * x[i]) >> 14)));
        }
    }
}
