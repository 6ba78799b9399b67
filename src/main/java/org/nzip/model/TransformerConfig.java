package org.nzip.model;

/**
 * Hyper-parameters of {@link TransformerPredictor}, stored in the header of model kind 6
 * ({@code TransformerCmConfig}).
 *
 * @param layers        number of blocks (1..{@value #MAX_LAYERS})
 * @param model         width of the residual stream and of the byte embedding (1..{@value #MAX_MODEL})
 * @param heads         attention heads; must divide {@code model} (1..{@value #MAX_HEADS})
 * @param ffn           width of the gated feed-forward layer (1..{@value #MAX_FFN})
 * @param streams       batch size B: parallel streams a block is split into (1..{@value #MAX_STREAMS})
 * @param segment       steps per segment T: the model trains after every segment, and each step
 *                      attends to the previous segment and to the current one up to itself (1..{@value #MAX_SEGMENT})
 * @param learningRate  Adam step size at the start, in (0, 1]
 * @param lrDecaySteps  the step size is {@code learningRate / sqrt(1 + trainings / lrDecaySteps)}, in (0, 1e12]
 * @param beta2         Adam's second-moment decay (β1 is 0), in (0, 1)
 * @param epsilon       Adam's ε, in (0, 1]
 * @param gradientClip  every gradient element is clipped to [−clip, clip], clip in (0, 1e6]
 * @param seed          seed of the weight initialisation, any int
 */
public record TransformerConfig(int layers, int model, int heads, int ffn, int streams, int segment,
                                float learningRate, float lrDecaySteps, float beta2, float epsilon,
                                float gradientClip, int seed) {

    public static final int MAX_LAYERS = 16;
    public static final int MAX_MODEL = 1024;
    public static final int MAX_HEADS = 64;
    public static final int MAX_FFN = 4096;
    public static final int MAX_STREAMS = 256;
    public static final int MAX_SEGMENT = 512;
    /** Largest number of trainable weights. */
    public static final long MAX_WEIGHTS = 64L << 20;

    public TransformerConfig {
        ConfigChecks.inRange("layers", layers, 1, MAX_LAYERS);
        ConfigChecks.inRange("model", model, 1, MAX_MODEL);
        ConfigChecks.inRange("heads", heads, 1, MAX_HEADS);
        if (model % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide the model width (" + model + ")");
        }
        ConfigChecks.inRange("ffn", ffn, 1, MAX_FFN);
        ConfigChecks.inRange("streams", streams, 1, MAX_STREAMS);
        ConfigChecks.inRange("segment", segment, 1, MAX_SEGMENT);
        ConfigChecks.positive("learning rate", learningRate, 1f);
        ConfigChecks.positive("lr decay steps", lrDecaySteps, 1e12f);
        ConfigChecks.beta2(beta2);
        ConfigChecks.positive("epsilon", epsilon, 1f);
        ConfigChecks.positive("gradient clip", gradientClip, 1e6f);
        long weights = parameterCount(layers, model, heads, ffn, segment);
        if (weights > MAX_WEIGHTS) {
            throw new IllegalArgumentException("model too large: " + weights + " weights (at most " + MAX_WEIGHTS + ")");
        }
    }

    /** Trainable weights of one block: two norm gains, Q/K/V and output projections, position biases, the feed-forward layer. */
    static long blockParameters(long model, long heads, long ffn, long segment) {
        return model + 3 * model * model + 3 * model + heads * 2 * segment + model * model + model
                + model + 2 * ffn * model + 2 * ffn + model * ffn + model;
    }

    /** Number of trainable weights of such a model. */
    public static long parameterCount(int layers, int model, int heads, int ffn, int segment) {
        return 256L * model + layers * blockParameters(model, heads, ffn, segment) + model + 256L * model + 256;
    }

    /** Number of trainable weights of this model. */
    public long parameterCount() {
        return parameterCount(layers, model, heads, ffn, segment);
    }

    /**
     * Multiply-adds per coded byte, at most: the forward pass (every matrix weight once per byte,
     * attention over the longest span, 2T positions, for its scores and its mix), the backward pass
     * (twice that) and Adam (about ten operations per weight, once per segment of
     * {@code segment × streams} bytes).
     */
    public long workPerByte() {
        long matrices = layers * (4L * model * model + 3L * model * ffn) + 256L * model;
        long attention = layers * 2L * (2L * segment) * model;
        long w = parameterCount();
        long perSegment = (long) segment * streams;
        return 3 * (matrices + attention) + (10 * w + perSegment - 1) / perSegment;
    }

    /** Width of one head. */
    public int headWidth() {
        return model / heads;
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "transformer %d×%d, %d heads, ffn %d, %d streams, segment %d, lr %s, β2 %s",
                layers, model, heads, ffn, streams, segment, learningRate, beta2);
    }
}
