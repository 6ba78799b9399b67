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

    /** Correctly rounded float square root (the double result rounds correctly to float). */
    static float sqrtf(float x) {
        return (float) Math.sqrt(x);
    }
}
