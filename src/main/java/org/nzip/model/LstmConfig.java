package org.nzip.model;

/**
 * Hyper-parameters of {@link LstmPredictor}; all of them are stored in the container header (floats
 * as raw IEEE-754 bits), in the order of {@link #toParams()}.
 *
 * @param layers        number of stacked LSTM layers (1..8)
 * @param hidden        cells per layer (1..2048)
 * @param embed         width of the learned byte embedding fed to every layer (1..256)
 * @param streams       batch size B: parallel streams a block is split into (1..256)
 * @param bptt          truncated back-propagation window in steps; the model trains after every window (1..256)
 * @param learningRate  Adam step size at the start
 * @param lrDecaySteps  the step size is {@code learningRate / sqrt(1 + trainings / lrDecaySteps)}
 * @param beta2         Adam's second-moment decay (β1 is 0)
 * @param epsilon       Adam's ε
 * @param gradientClip  every gradient element is clipped to [−clip, clip]
 * @param seed          seed of the weight initialisation
 */
public record LstmConfig(int layers, int hidden, int embed, int streams, int bptt,
                         float learningRate, float lrDecaySteps, float beta2, float epsilon, float gradientClip,
                         int seed) {

    /** Number of header parameters. */
    public static final int PARAM_COUNT = 11;

    public LstmConfig {
        check("layers", layers, 1, 8);
        check("hidden", hidden, 1, 2048);
        check("embed", embed, 1, 256);
        check("streams", streams, 1, 256);
        check("bptt", bptt, 1, 256);
        checkPositive("learning rate", learningRate, 1f);
        checkPositive("lr decay steps", lrDecaySteps, 1e12f);
        if (!(beta2 > 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("beta2 must be in (0, 1): " + beta2);
        }
        checkPositive("epsilon", epsilon, 1f);
        checkPositive("gradient clip", gradientClip, 1e6f);
        long weights = parameterCount(layers, hidden, embed);
        if (weights > 64L << 20) {
            throw new IllegalArgumentException("model too large: " + weights + " weights");
        }
    }

    private static void check(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + v);
        }
    }

    private static void checkPositive(String name, float v, float max) {
        if (!(v > 0f && v <= max)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be in (0, " + max + "]: " + v);
        }
    }

    /** Number of trainable weights of such a model. */
    public static long parameterCount(int layers, int hidden, int embed) {
        long n = 256L * embed;
        for (int l = 0; l < layers; l++) {
            long k = embed + (l > 0 ? hidden : 0) + hidden;
            n += 4L * hidden * k + 4L * hidden;
        }
        return n + 256L * layers * hidden + 256;
    }

    /** The header parameters. */
    public int[] toParams() {
        return new int[] {layers, hidden, embed, streams, bptt,
                Float.floatToRawIntBits(learningRate), Float.floatToRawIntBits(lrDecaySteps),
                Float.floatToRawIntBits(beta2), Float.floatToRawIntBits(epsilon),
                Float.floatToRawIntBits(gradientClip), seed};
    }

    /** Rebuilds a config from header parameters; throws {@link IllegalArgumentException} if invalid. */
    public static LstmConfig fromParams(int[] p) {
        if (p.length != PARAM_COUNT) {
            throw new IllegalArgumentException("lstm model needs " + PARAM_COUNT + " parameters, got " + p.length);
        }
        return new LstmConfig(p[0], p[1], p[2], p[3], p[4],
                Float.intBitsToFloat(p[5]), Float.intBitsToFloat(p[6]), Float.intBitsToFloat(p[7]),
                Float.intBitsToFloat(p[8]), Float.intBitsToFloat(p[9]), p[10]);
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "lstm %d×%d, embed %d, %d streams, bptt %d, lr %s, β2 %s",
                layers, hidden, embed, streams, bptt, learningRate, beta2);
    }
}
