package org.nzip.mix;

import java.util.Arrays;

/**
 * A gated linear mixer in the logistic domain: one weight set (16.16 fixed point) per selector
 * value; the output is the clamped dot product of the chosen set with the stretched inputs, and a
 * step of gradient descent on the coding cost moves the set by {@code rate·(bit − p)·input / 2^20},
 * with a step that is larger while the set is new ({@link #SET_BOOST}).
 * Life cycle per bit: {@link #mix} (or {@link #mixThree}), then {@link #train} (or {@link #trainThree}).
 */
final class Mixer {

    /** Weights stay within ±64. */
    static final int WEIGHT_LIMIT = 64 << 16;

    private final int n;
    private final int[] weights;
    private final int[] uses;
    private int set;
    /**
     * A weight set's step starts at {@code 1 + SET_BOOST} times the given one and falls to it as the
     * set is used: by half the excess after {@code SET_HALF} uses. Sets chosen by rare contexts thus
     * learn quickly, common ones settle (book1 −0.4 %, obj2 −0.6 %, against a constant step).
     */
    static final int SET_BOOST = 2;
    static final int SET_HALF = 256;
    private int p;

    /**
     * @param sets   number of weight sets (selector values)
     * @param inputs number of inputs
     */
    Mixer(int sets, int inputs) {
        this.n = inputs;
        this.weights = new int[sets * inputs];
        this.uses = new int[sets];
    }

    /** The step for the set at weight offset {@code set}, counting the use. */
    private int rate(int rate, int set) {
        int k = set / n;
        int used = uses[k];
        if (used < 1 << 30) {
            uses[k] = used + 1;
        }
        return rate + (int) ((long) rate * SET_BOOST * SET_HALF / (SET_HALF + used));
    }

    /** Sets weights {@code [from, to)} of every set to {@code value}. */
    void fill(int from, int to, int value) {
        for (int base = 0; base < weights.length; base += n) {
            Arrays.fill(weights, base + from, base + to, value);
        }
    }

    /** The mixed log-odds (clamped to ±2047) of {@code x} with weight set {@code selector}. */
    int mix(int[] x, int selector) {
        set = selector * n;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (long) weights[set + i] * x[i];
        }
        return output(sum);
    }

    /** The log-odds (clamped) of a dot product with the selected set; remembers its probability. */
    private int output(long sum) {
        int d = (int) Math.max(-Logistic.STRETCH_LIMIT, Math.min(Logistic.STRETCH_LIMIT, sum >> 16));
        p = Logistic.squash(d);
        return d;
    }

    /** The probability of the last {@link #mix}. */
    int probability() {
        return p;
    }

    /** Trains the set of the last {@link #mix} on {@code target} (the bit × 65536). */
    void train(int[] x, int target, int rate) {
        long step = (long) (target - p) * rate(rate, set);
        for (int i = 0; i < n; i++) {
            weights[set + i] = clamp(weights[set + i] + (int) ((step * x[i]) >> 20));
        }
    }

    static int clamp(int v) {
        return Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, v));
    }

    /**
     * {@link #mix} of three mixers with the same inputs in one pass over them; writes their outputs to
     * {@code out[0..3)}.
     */
    static void mixThree(Mixer a, int selectorA, Mixer b, int selectorB, Mixer c, int selectorC, int[] x, int[] out) {
        int n = a.n;
        int[] wa = a.weights;
        int[] wb = b.weights;
        int[] wc = c.weights;
        int sa = a.set = selectorA * n;
        int sb = b.set = selectorB * b.n;
        int sc = c.set = selectorC * c.n;
        long sumA = 0;
        long sumB = 0;
        long sumC = 0;
        for (int i = 0; i < n; i++) {
            long v = x[i];
            sumA += wa[sa + i] * v;
            sumB += wb[sb + i] * v;
            sumC += wc[sc + i] * v;
        }
        out[0] = a.output(sumA);
        out[1] = b.output(sumB);
        out[2] = c.output(sumC);
    }

    /** {@link #train} of three mixers of a {@link #mixThree} in one pass. */
    static void trainThree(Mixer a, Mixer b, Mixer c, int[] x, int target, int rate) {
        int n = a.n;
        int[] wa = a.weights;
        int[] wb = b.weights;
        int[] wc = c.weights;
        int sa = a.set;
        int sb = b.set;
        int sc = c.set;
        long stepA = (long) (target - a.p) * a.rate(rate, sa);
        long stepB = (long) (target - b.p) * b.rate(rate, sb);
        long stepC = (long) (target - c.p) * c.rate(rate, sc);
        for (int i = 0; i < n; i++) {
            long v = x[i];
            wa[sa + i] = clamp(wa[sa + i] + (int) ((stepA * v) >> 20));
            wb[sb + i] = clamp(wb[sb + i] + (int) ((stepB * v) >> 20));
            wc[sc + i] = clamp(wc[sc + i] + (int) ((stepC * v) >> 20));
        }
    }
}
