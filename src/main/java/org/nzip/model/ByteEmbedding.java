package org.nzip.model;

/**
 * A learned embedding of the previous byte: 256 rows of {@code width} parameters in a
 * {@link ParameterStore}. Writes the rows of a batch into a matrix of the batch layout
 * ({@code [width × B]}, lane per stream) and sends a gradient back to the rows it read.
 */
final class ByteEmbedding {

    private final int offset;
    private final int width;

    ByteEmbedding(ParameterStore params, int width) {
        this.width = width;
        this.offset = params.reserve((long) Predictor.ALPHABET * width);
    }

    int width() {
        return width;
    }

    /** Fills the embedding with uniform draws from [−1, 1), row by row. */
    void init(float[] w, SplitMix rng) {
        for (int i = 0; i < Predictor.ALPHABET * width; i++) {
            w[offset + i] = rng.symmetric(1f);
        }
    }

    /**
     * Writes the embedding of {@code symbols[b]} for streams {@code [from, to)} into
     * {@code dst[dstOff + e * rowStride + b]}, e &lt; width.
     */
    void gather(float[] w, int[] symbols, int from, int to, float[] dst, int dstOff, int rowStride) {
        for (int e = 0; e < width; e++) {
            int row = dstOff + e * rowStride;
            for (int b = from; b < to; b++) {
                dst[row + b] = w[offset + symbols[b] * width + e];
            }
        }
    }

    /**
     * Adds the gradient {@code d[dOff + e * streams + b]} of every stream's embedding to the row of
     * its symbol (stream by stream, then element by element: two streams with the same symbol add up
     * in stream order).
     */
    void accumulateGradient(float[] grad, int[] symbols, int streams, float[] d, int dOff) {
        for (int b = 0; b < streams; b++) {
            int row = offset + symbols[b] * width;
            for (int e = 0; e < width; e++) {
                grad[row + e] += d[dOff + e * streams + b];
            }
        }
    }
}
