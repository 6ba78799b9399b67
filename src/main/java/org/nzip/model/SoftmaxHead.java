package org.nzip.model;

import org.nzip.tensor.TensorOps;

/**
 * The output layer of a byte predictor: logits {@code z = W·x + b} over the 256 byte values from
 * an input of {@code inputs} rows (batch layout, lane per stream), a softmax down each column, and
 * the gradient of the cross-entropy back to W, b and x. W (256 × inputs, row-major) and b live in a
 * {@link ParameterStore}, reserved in that order.
 *
 * <p>The products are split by output rows, so that two threads can each take a range of rows
 * (logits, weight-gradient rows, input-gradient rows) and get the bits of the whole.
 */
final class SoftmaxHead {

    static final int V = Predictor.ALPHABET;

    private final int weights;
    private final int bias;
    private final int inputs;

    SoftmaxHead(ParameterStore params, int inputs) {
        this.inputs = inputs;
        this.weights = params.reserve((long) V * inputs);
        this.bias = params.reserve(V);
    }

    int inputs() {
        return inputs;
    }

    /** Offset of W (256 × inputs, row-major) in the parameters. */
    int weightOffset() {
        return weights;
    }

    /** Draws W uniformly from ±1/sqrt(inputs), row by row; the bias starts at 0. */
    void init(float[] w, SplitMix rng) {
        float a = (float) (1.0 / Math.sqrt(inputs));
        for (int i = 0; i < V * inputs; i++) {
            w[weights + i] = rng.symmetric(a);
        }
    }

    /** Logit rows [from, to) of {@code z = W·x + b} for an inputs×B matrix x, into the 256×B matrix at z[zOff]. */
    void logitRows(TensorOps ops, float[] w, int from, int to, float[] x, int xOff, int streams, float[] z, int zOff) {
        ops.matmulBias(w, weights + from * inputs, to - from, inputs, w, bias + from, x, xOff, streams, z,
                zOff + from * streams);
    }

    /**
     * All logits from a transposed copy of W (inputs×256 at {@code wt[wtOff]}), for a narrow batch:
     * the same bits as {@link #logitRows}.
     */
    void logitsTransposed(TensorOps ops, float[] wt, int wtOff, float[] w, float[] x, int xOff, int streams,
                          float[] z, int zOff) {
        ops.matmulBiasTransposed(wt, wtOff, V, inputs, w, bias, x, xOff, streams, z, zOff);
    }

    /**
     * Copies the distributions of streams [from, to) from the 256×B matrix p (stream b in column
     * {@code b + shift}) to {@code out[b * 256 + x]}.
     */
    static void writeDistributions(float[] p, int streams, int shift, int from, int to, float[] out) {
        for (int b = from; b < to; b++) {
            int o = b * V;
            int c = b + shift;
            for (int x = 0; x < V; x++) {
                out[o + x] = p[x * streams + c];
            }
        }
    }

    /**
     * The gradient of the cross-entropy (nats) with respect to the logits: {@code p − onehot(target)}
     * for the first {@code active} streams, 0 for the others. {@code dLogits} may be {@code probs}.
     */
    static void lossGradient(float[] probs, int[] target, int active, int streams, float[] dLogits) {
        if (dLogits != probs) {
            System.arraycopy(probs, 0, dLogits, 0, V * streams);
        }
        for (int b = 0; b < streams; b++) {
            if (b < active) {
                dLogits[target[b] * streams + b] -= 1f;
            } else {
                for (int x = 0; x < V; x++) {
                    dLogits[x * streams + b] = 0f;
                }
            }
        }
    }

    /**
     * Weight-gradient rows [from, to): {@code dW += dLogits·xᵀ} over {@code columns} columns (streams,
     * or the streams of several steps), x given transposed (columns × inputs); {@code dLogitRows}
     * holds just those rows of dLogits, (to − from) × columns.
     */
    void weightGradientRows(TensorOps ops, float[] dLogitRows, int from, int to, float[] xT, int columns, float[] grad) {
        ops.outerAccumulate(dLogitRows, 0, to - from, xT, 0, inputs, columns, grad, weights + from * inputs);
    }

    /** Input-gradient rows [from, to): {@code dx = Wᵀ·dLogits} into the inputs×B matrix at dx[dxOff]. */
    void inputGradientRows(TensorOps ops, float[] w, float[] dLogits, int from, int to, int streams,
                           float[] dx, int dxOff) {
        ops.matmulTransposedRows(w, weights, V, inputs, from, to, dLogits, 0, streams, dx, dxOff, false);
    }

    /**
     * {@link #inputGradientRows} from the weights given transposed (inputs × 256 row-major at
     * wt[wtOff]): the same chains, each row of the product read contiguously.
     */
    void inputGradientRowsTransposed(TensorOps ops, float[] wt, int wtOff, float[] dLogits, int from, int to,
                                     int streams, float[] dx, int dxOff) {
        ops.matmul(wt, wtOff + from * V, to - from, V, dLogits, 0, streams, dx, dxOff + from * streams);
    }

    /** {@code db += Σ_b dLogits[·][b]}. */
    void biasGradient(TensorOps ops, float[] dLogits, int streams, float[] grad) {
        ops.rowSums(dLogits, 0, V, streams, grad, bias, true);
    }
}
