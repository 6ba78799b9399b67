package org.nzip.mix;

import org.nzip.model.Predictor;
import org.nzip.tensor.FloatMath;

/**
 * Blends a predictor (the LSTM) with a {@link ContextModel} whose statistics all streams share:
 * {@code q = p + λ·(c − p)}, {@code λ = σ(θ)}. One θ per confidence bucket of the context model (the
 * count total of its order-2 context), starting at 0 (λ = ½) and learning online by gradient descent
 * on the coding cost: {@code θ −= lr·∂(−ln q(y))/∂θ = lr·(c(y) − p(y))·λ(1−λ)/q(y)} (sign folded in).
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
    private final float[] theta = new float[BUCKETS];
    private final float[] countProbs;

    // Per stream, from predict for update: bucket, λ, and both models' distributions (countProbs, mixed).
    private final int[] bucketOf;
    private final float[] lambdaOf;
    private final float[] innerProbs;
    private final float[] mixed;

    /**
     * @param inner        the predictor to blend with the counts; closed with this one
     * @param order        the context model's highest order (0..2)
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
            int k = bucket(counts.contextCount(s));
            float lambda = FloatMath.sigmoid(theta[k]);
            bucketOf[s] = k;
            lambdaOf[s] = lambda;
            int o = s * ALPHABET;
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
