package org.nzip.tensor;

/**
 * The scalar twin: plain Java loops that literally follow the canonical orders documented in
 * {@link TensorOps}. It is the reference the other backends are tested against, and runs without
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class ScalarTensorOps extends TensorOps {

    ScalarTensorOps() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String description() {
        return "scalar (Java, Math.fma)";
    }

    @Override
    void matmulKernel(float[] a, int aOff, int rowStride, int innerStride, int rows, int inner,
                      float[] bias, int biasOff, float[] x, int xOff, int cols,
                      float[] y, int yOff, int initMode) {
        for (int i = 0; i < rows; i++) {
            int aRow = aOff + i * rowStride;
            for (int b = 0; b < cols; b++) {
                int yi = yOff + i * cols + b;
                float acc = switch (initMode) {
                    case INIT_ZERO -> 0f;
                    case INIT_OUTPUT -> y[yi];
                    default -> bias[biasOff + i];
                };
                for (int j = 0; j < inner; j++) {
                    acc = Math.fma(a[aRow + j * innerStride], x[xOff + j * cols + b], acc);
                }
                y[yi] = acc;
            }
        }
    }

    @Override
    void outerAccumulateKernel(float[] dy, int dyOff, int m, float[] xT, int xtOff, int k, int b,
                               float[] dw, int dwOff) {
        for (int mm = 0; mm < m; mm++) {
            for (int kk = 0; kk < k; kk++) {
                int wi = dwOff + mm * k + kk;
                float acc = dw[wi];
                for (int bb = 0; bb < b; bb++) {
                    acc = Math.fma(dy[dyOff + mm * b + bb], xT[xtOff + bb * k + kk], acc);
                }
                dw[wi] = acc;
            }
        }
    }

    @Override
    void unaryKernel(int op, float[] a, int aOff, float[] out, int outOff, int n) {
        switch (op) {
            case OP_TANH -> {
                for (int i = 0; i < n; i++) out[outOff + i] = FloatMath.tanh(a[aOff + i]);
            }
            case OP_SIGMOID -> {
                for (int i = 0; i < n; i++) out[outOff + i] = FloatMath.sigmoid(a[aOff + i]);
            }
            default -> throw new AssertionError(op);
        }
    }

    @Override
    void softmaxKernel(float[] x, int xOff, int rows, int b, float[] out, int outOff) {
        for (int c = 0; c < b; c++) {
            float mx = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                mx = Math.max(mx, x[xOff + r * b + c]);
            }
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                float e = FloatMath.exp(x[xOff + r * b + c] - mx);
                out[outOff + r * b + c] = e;
                sum = sum + e;
            }
            float inv = 1f / sum;
            for (int r = 0; r < rows; r++) {
                out[outOff + r * b + c] = out[outOff + r * b + c] * inv;
            }
        }
    }

    @Override
    void adamKernel(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                    float lr, float beta2, float oneMinusBeta2, float eps, float clip) {
        float negClip = -clip;
        for (int i = 0; i < n; i++) {
            float gc = Math.min(Math.max(g[gOff + i], negClip), clip);
            float vv = Math.fma(beta2, v[vOff + i], oneMinusBeta2 * (gc * gc));
            v[vOff + i] = vv;
            w[wOff + i] = w[wOff + i] - (lr * gc) / (sqrtf(vv) + eps);
        }
    }

    @Override
    void attentionScoresKernel(float[] q, int qOff, float[] keys, int kOff, int keyStride, int n, int d, int b,
                               float scale, float[] out, int outOff) {
        attentionScoresTwin(q, qOff, keys, kOff, keyStride, n, d, b, 0, b, scale, out, outOff);
    }

    /** The scalar twin of {@link TensorOps#attentionScores} for columns [c0, c1) (the vector backend's tail too). */
    static void attentionScoresTwin(float[] q, int qOff, float[] keys, int kOff, int keyStride, int n, int d, int b,
                                    int c0, int c1, float scale, float[] out, int outOff) {
        for (int j = 0; j < n; j++) {
            int k0 = kOff + j * keyStride;
            for (int c = c0; c < c1; c++) {
                float acc = 0f;
                for (int i = 0; i < d; i++) {
                    acc = Math.fma(q[qOff + i * b + c], keys[k0 + i * b + c], acc);
                }
                out[outOff + j * b + c] = acc * scale;
            }
        }
    }

    @Override
    void attentionMixKernel(float[] p, int pOff, float[] values, int vOff, int valueStride, int n, int d, int b,
                            float[] out, int outOff, boolean accumulate) {
        for (int i = 0; i < d; i++) {
            attentionMixTwin(p, pOff, values, vOff, valueStride, n, b, i, 0, b, out, outOff, accumulate);
        }
    }

    /** The scalar twin of {@link TensorOps#attentionMix}: output row i, columns [c0, c1). */
    static void attentionMixTwin(float[] p, int pOff, float[] values, int vOff, int valueStride, int n, int b, int i,
                                 int c0, int c1, float[] out, int outOff, boolean accumulate) {
        for (int c = c0; c < c1; c++) {
            int o = outOff + i * b + c;
            float acc = accumulate ? out[o] : 0f;
            for (int j = 0; j < n; j++) {
                acc = Math.fma(p[pOff + j * b + c], values[vOff + j * valueStride + i * b + c], acc);
            }
            out[o] = acc;
        }
    }

    @Override
    void attentionOuterKernel(float[] p, int pOff, float[] x, int xOff, int n, int d, int b, float[] dst, int dOff,
                              int dstStride) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < d; i++) {
                attentionOuterTwin(pOff + j * b, p, xOff + i * b, x, 0, b, dst, dOff + j * dstStride + i * b);
            }
        }
    }

    /** The scalar twin of {@link TensorOps#attentionOuter} for one (j, i): columns [c0, c1) of one row. */
    static void attentionOuterTwin(int pj, float[] p, int xi, float[] x, int c0, int c1, float[] dst, int o) {
        for (int c = c0; c < c1; c++) {
            dst[o + c] = Math.fma(p[pj + c], x[xi + c], dst[o + c]);
        }
    }

    @Override
    void swigluKernel(float[] u, int uOff, int n, float[] out, int outOff) {
        swigluTwin(u, uOff, n, out, outOff);
    }

    static void swigluTwin(float[] u, int uOff, int n, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float a = u[uOff + i];
            float g = u[uOff + n + i];
            float s = FloatMath.sigmoid(g);
            out[outOff + i] = a * (g * s);
        }
    }

    @Override
    void swigluBackwardKernel(float[] u, int uOff, int n, float[] dh, int dhOff, float[] du, int duOff) {
        swigluBackwardTwin(u, uOff, n, dh, dhOff, du, duOff);
    }

    static void swigluBackwardTwin(float[] u, int uOff, int n, float[] dh, int dhOff, float[] du, int duOff) {
        for (int i = 0; i < n; i++) {
            float a = u[uOff + i];
            float g = u[uOff + n + i];
            float s = FloatMath.sigmoid(g);
            float silu = g * s;
            float h = dh[dhOff + i];
            du[duOff + i] = h * silu;
            du[duOff + n + i] = (h * a) * Math.fma(silu, 1f - s, s);
        }
    }

    /** Correctly rounded float square root (the double result rounds correctly to float). */
    static float sqrtf(float x) {
        return (float) Math.sqrt(x);
    }
}
