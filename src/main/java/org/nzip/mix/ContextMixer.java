package org.nzip.mix;

import org.nzip.model.Predictor;
import org.nzip.tensor.FloatMath;

/**
 * Blends a predictor (the LSTM) with a {@link ContextModel} whose statistics all streams share:
 * {@code q = p + λ·(c − p)}, {@code λ = σ(θ)}. θ is chosen by how much each model knows: the
 * highest order whose context the counts have seen, that context's count total (0, 1, 2–3, 4–7, …,
 * 64+) and the inner model's largest probability (below 0.3, 0.6, 0.9, or above). Each θ starts at 0
 * (λ = ½) and learns online by gradient descent on the coding cost:
 * {@code θ −= lr·∂(−ln q(y))/∂θ = lr·(c(y) − p(y))·λ(1−λ)/q(y)} (sign folded in), clamped to ±16.
 * A fresh LSTM knows nothing and the counts carry the first kilobytes; as the LSTM learns, λ falls.
 *
 * <p>Plain IEEE float arithmetic and {@link FloatMath}: bit-exact everywhere.
 */
public final class ContextMixer implements Predictor {

    static final int BUCKETS = 8;

    private final Predictor inner;
    private final ContextModel counts;
    private final int streams;
    private final float learningRate;
    private final float[] theta = new float[BUCKETS * 4 * (ContextModel.MAX_ORDER + 1)];
    private final float[] countProbs;

    // Per stream, from predict for update: bucket, λ, and both models' distributions (countProbs, mixed).
    private final int[] bucketOf;
    private final float[] lambdaOf;
    private final float[] innerProbs;
    private final float[] mixed;

    /**
     * @param inner        the predictor to blend with the counts; closed with this one
     * @param order        the context model's highest order (0..6)
     * @param limit        the context model's count limit
     * @param learningRate step size of θ
     */
    public ContextMixer(Predictor inner, int order, int limit, float learningRate) {
        this.inner = inner;
        this.streams = inner.streams();
        this.counts = new ContextModel(order, limit, streams);
        this.learningRate = learningRate;
        countProbs = new float[streams * ALPHABET];
        innerProbs = new float[streams * ALPHABET];
        mixed = new float[streams * ALPHABET];
        bucketOf = new int[streams];
        lambdaOf = new float[streams];
    }

    /** Confidence bucket of a context seen n times: 0, 1, 2–3, 4–7, …, 64 and more. */
    static int bucket(int n) {
        return n == 0 ? 0 : Math.min(BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(n));
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public void startBlock(int length) {
        inner.startBlock(length);
    }

    @Override
    public void predict(int active, float[] probs) {
        inner.predict(active, innerProbs);
        counts.predict(active, countProbs);
        for (int s = 0; s < active; s++) {
            int o = s * ALPHABET;
            int conf = counts.contextConfidence(s);
            int k = (conf >>> 16) * BUCKETS + bucket(conf & 0xFFFF);
            // The inner model's confidence: when it is sure, the counts should weigh less.
            float top = 0f;
            for (int x = 0; x < ALPHABET; x++) {
                top = Math.max(top, innerProbs[o + x]);
            }
            k = k * 4 + (top >= 0.9f ? 3 : top >= 0.6f ? 2 : top >= 0.3f ? 1 : 0);
            float lambda = FloatMath.sigmoid(theta[k]);
            bucketOf[s] = k;
            lambdaOf[s] = lambda;
            for (int x = 0; x < ALPHABET; x++) {
                float p = innerProbs[o + x];
                float q = p + lambda * (countProbs[o + x] - p);
                mixed[o + x] = q;
                probs[o + x] = q;
            }
        }
    }

    @Override
    public void update(int active, int[] symbols) {
        for (int s = 0; s < active; s++) {
            int i = s * ALPHABET + symbols[s];
            float q = Math.max(mixed[i], 1e-12f);
            float lambda = lambdaOf[s];
            float g = (countProbs[i] - innerProbs[i]) * (lambda * (1f - lambda)) / q;
            int k = bucketOf[s];
            theta[k] = Math.min(Math.max(theta[k] + learningRate * g, -16f), 16f);
        }
        counts.update(active, symbols);
        inner.update(active, symbols);
    }

    @Override
    public void close() {
        inner.close();
    }
}
