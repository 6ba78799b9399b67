package org.nzip.mix;

import org.nzip.model.Predictor;
import org.nzip.tensor.FloatMath;

/**
 * Wraps a predictor (the LSTM) with a {@link MatchModel}: where a stream has a match, the probability
 * of the byte the match predicts is re-estimated by a small logistic model and the other bytes are
 * scaled to make room, keeping their ratios.
 *
 * <p>With {@code p} the inner probability of the predicted byte, the new one is
 * {@code q = σ(w₀·ln(p/(1−p)) + w₁)}, where the weight pair is chosen by the match length (one pair per
 * {@link #bucket length bucket}), starts at (1, 0) (q = p), and learns online by gradient descent on
 * the coding cost: {@code w += lr·(y − q)·input}, y = 1 if the byte came true. The inner predictor
 * learns from the symbols as before, not from the mixed output.
 *
 * <p>Plain IEEE float arithmetic and {@link FloatMath}: bit-exact everywhere.
 */
public final class MatchMixer implements Predictor {

    static final int BUCKETS = 32;
    /** Probabilities are kept this far from 0 and 1 so the stretch stays finite. */
    private static final float P_MIN = 1f / (1 << 20);
    private static final float STRETCH_LIMIT = 12f;
    private static final double LN2 = 0.6931471805599453;

    private final Predictor inner;
    private final MatchModel match;
    private final int streams;
    private final float learningRate;
    private final float[] weights = new float[2 * BUCKETS];

    // What predict decided per stream, for update: the predicted byte (−1: none), its bucket, input, q.
    private final int[] expected;
    private final int[] bucketOf;
    private final float[] stretchOf;
    private final float[] mixedOf;

    /**
     * @param inner  the predictor whose distribution is refined; closed with this one
     * @param config the match model's and the weights' parameters
     */
    public MatchMixer(Predictor inner, MixConfig config) {
        this.inner = inner;
        this.streams = inner.streams();
        this.match = new MatchModel(streams, config.matchLength(), config.hashBits());
        this.learningRate = config.matchRate();
        for (int k = 0; k < BUCKETS; k++) {
            weights[2 * k] = 1f;
        }
        expected = new int[streams];
        bucketOf = new int[streams];
        stretchOf = new float[streams];
        mixedOf = new float[streams];
    }

    /** Weight-set index of a match length ≥ 1: lengths below 16 one each, then one per 4 lengths, the last for 76 and more. */
    static int bucket(int length) {
        return length < 16 ? length : Math.min(BUCKETS - 1, 16 + ((length - 16) >> 2));
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public void startBlock(int length) {
        inner.startBlock(length);
        match.startBlock(length);
    }

    @Override
    public void predict(int active, float[] probs) {
        inner.predict(active, probs);
        for (int s = 0; s < active; s++) {
            int e = match.expected(s);
            expected[s] = e;
            if (e < 0) {
                continue;
            }
            int o = s * ALPHABET;
            float p = Math.min(Math.max(probs[o + e], P_MIN), 1f - P_MIN);
            float st = (float) ((FloatMath.log2(p) - FloatMath.log2(1f - p)) * LN2);
            st = Math.min(Math.max(st, -STRETCH_LIMIT), STRETCH_LIMIT);
            int k = bucket(match.matchLength(s));
            float q = FloatMath.sigmoid(weights[2 * k] * st + weights[2 * k + 1]);
            q = Math.min(Math.max(q, P_MIN), 1f - P_MIN);
            float scale = (1f - q) / (1f - p);
            for (int x = 0; x < ALPHABET; x++) {
                probs[o + x] *= scale;
            }
            probs[o + e] = q;
            bucketOf[s] = k;
            stretchOf[s] = st;
            mixedOf[s] = q;
        }
    }

    @Override
    public void update(int active, int[] symbols) {
        for (int s = 0; s < active; s++) {
            if (expected[s] < 0) {
                continue;
            }
            float err = (symbols[s] == expected[s] ? 1f : 0f) - mixedOf[s];
            float step = learningRate * err;
            int k = bucketOf[s];
            weights[2 * k] += step * stretchOf[s];
            weights[2 * k + 1] += step;
        }
        match.update(active, symbols);
        inner.update(active, symbols);
    }

    @Override
    public void close() {
        inner.close();
    }
}
