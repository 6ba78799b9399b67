package org.nzip.model;

/**
 * Hyper-parameters of {@link LstmPredictor}; all of them are stored in the container header. The
 * bounds are named constants, quoted by docs/FORMAT.md; a model inside them may still be refused for
 * its size ({@code org.nzip.codec.ModelConfig} bounds the work per byte and the memory).
 *
 * @param layers        number of stacked LSTM layers (1..{@value #MAX_LAYERS})
 * @param hidden        cells per layer (1..{@value #MAX_HIDDEN})
 * @param embed         width of the learned byte embedding fed to every layer (1..{@value #MAX_EMBED})
 * @param streams       batch size B: parallel streams a block is split into (1..{@value #MAX_STREAMS})
 * @param bptt          truncated back-propagation window in steps; the model trains after every window (1..{@value #MAX_BPTT})
 * @param learningRate  Adam step size at the start, in (0, 1]
 * @param lrDecaySteps  the step size is {@code learningRate / sqrt(1 + trainings / lrDecaySteps)}, in (0, 1e12]
 * @param beta2         Adam's second-moment decay (β1 is 0), in (0, 1)
 * @param epsilon       Adam's ε, in (0, 1]
 * @param gradientClip  every gradient element is clipped to [−clip, clip], clip in (0, 1e6]
 * @param seed          seed of the weight initialisation, any int
 */
public record LstmConfig(int layers, int hidden, int embed, int streams, int bptt,
                         float learningRate, float lrDecaySteps, float beta2, float epsilon, float gradientClip,
                         int seed) {

    public static final int MAX_LAYERS = 8;
    public static final int MAX_HIDDEN = 2048;
    public static final int MAX_EMBED = 256;
    public static final int MAX_STREAMS = 256;
    public static final int MAX_BPTT = 256;
    /** Largest number of trainable weights. */
    public static final long MAX_WEIGHTS = 64L << 20;
    public static final float MAX_DECAY_STEPS = 1e12f;
    public static final float MAX_CLIP = 1e6f;

    public LstmConfig {
        ConfigChecks.inRange("layers", layers, 1, MAX_LAYERS);
        ConfigChecks.inRange("hidden", hidden, 1, MAX_HIDDEN);
        ConfigChecks.inRange("embed", embed, 1, MAX_EMBED);
        ConfigChecks.inRange("streams", streams, 1, MAX_STREAMS);
        ConfigChecks.inRange("bptt", bptt, 1, MAX_BPTT);
        ConfigChecks.positive("learning rate", learningRate, 1f);
        ConfigChecks.positive("lr decay steps", lrDecaySteps, MAX_DECAY_STEPS);
        ConfigChecks.beta2(beta2);
        ConfigChecks.positive("epsilon", epsilon, 1f);
        ConfigChecks.positive("gradient clip", gradientClip, MAX_CLIP);
        long weights = parameterCount(layers, hidden, embed);
        if (weights > MAX_WEIGHTS) {
            throw new IllegalArgumentException("model too large: " + weights + " weights (at most " + MAX_WEIGHTS + ")");
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

    /** Number of trainable weights of this model. */
    public long parameterCount() {
        return parameterCount(layers, hidden, embed);
    }

    /**
     * Multiply-adds per coded byte: the forward pass (every weight once per byte, the embedding
     * aside), the backward pass (twice that) and Adam (about ten operations per weight, once per
     * window of {@code bptt × streams} bytes).
     */
    public long workPerByte() {
        long w = parameterCount();
        long matrix = w - 256L * embed;
        return 3 * matrix + (10 * w + (long) bptt * streams - 1) / ((long) bptt * streams);
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "lstm %d×%d, embed %d, %d streams, bptt %d, lr %s, β2 %s",
                layers, hidden, embed, streams, bptt, learningRate, beta2);
    }
}
