package org.nzip.tensor;

/**
 * The scalar twin: plain Java loops that literally follow the canonical orders documented in
 * {@link TensorOps}. It is the reference the other backends are tested against, and runs without
 * {@code --add-modules jdk.incubator.vector}. Not final only so that {@link NativeTensorOps} can inherit
 * the kernels it does not implement in C.
 */
public class ScalarTensorOps extends TensorOps {

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
    void matmulTransposedB1Kernel(float[] w, int wOff, int m, int k, float[] dy, int dyOff,
                                  float[] dx, int dxOff, boolean accumulate) {
        for (int kk = 0; kk < k; kk++) {
            float acc = accumulate ? dx[dxOff + kk] : 0f;
            for (int mm = 0; mm < m; mm++) {
                acc = Math.fma(w[wOff + mm * k + kk], dy[dyOff + mm], acc);
            }
            dx[dxOff + kk] = acc;
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
    float dotKernel(float[] a, int aOff, float[] b, int bOff, int n) {
        // partial l accumulates i ≡ l (mod 16) in increasing i; then the canonical tree (TensorOps.tree16)
        float p0 = partial(a, aOff, b, bOff, n, 0), p1 = partial(a, aOff, b, bOff, n, 1);
        float p2 = partial(a, aOff, b, bOff, n, 2), p3 = partial(a, aOff, b, bOff, n, 3);
        float p4 = partial(a, aOff, b, bOff, n, 4), p5 = partial(a, aOff, b, bOff, n, 5);
        float p6 = partial(a, aOff, b, bOff, n, 6), p7 = partial(a, aOff, b, bOff, n, 7);
        float p8 = partial(a, aOff, b, bOff, n, 8), p9 = partial(a, aOff, b, bOff, n, 9);
        float p10 = partial(a, aOff, b, bOff, n, 10), p11 = partial(a, aOff, b, bOff, n, 11);
        float p12 = partial(a, aOff, b, bOff, n, 12), p13 = partial(a, aOff, b, bOff, n, 13);
        float p14 = partial(a, aOff, b, bOff, n, 14), p15 = partial(a, aOff, b, bOff, n, 15);
        float s80 = p0 + p8, s81 = p1 + p9, s82 = p2 + p10, s83 = p3 + p11;
        float s84 = p4 + p12, s85 = p5 + p13, s86 = p6 + p14, s87 = p7 + p15;
        float s40 = s80 + s84, s41 = s81 + s85, s42 = s82 + s86, s43 = s83 + s87;
        float s20 = s40 + s42, s21 = s41 + s43;
        return s20 + s21;
    }

    private static float partial(float[] a, int aOff, float[] b, int bOff, int n, int lane) {
        float acc = 0f;
        for (int i = lane; i < n; i += 16) {
            acc = Math.fma(a[aOff + i], b[bOff + i], acc);
        }
        return acc;
    }

    @Override
    void matvecKernel(float[] w, int wOff, int m, int k, float[] x, int xOff, float[] y, int yOff,
                      boolean accumulate) {
        for (int mm = 0; mm < m; mm++) {
            float d = dotKernel(w, wOff + mm * k, x, xOff, k);
            y[yOff + mm] = accumulate ? y[yOff + mm] + d : d;
        }
    }

    @Override
    void binaryKernel(int op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        switch (op) {
            case OP_ADD -> {
                for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
            }
            case OP_SUB -> {
                for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i];
            }
            case OP_MUL -> {
                for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i];
            }
            default -> throw new AssertionError(op);
        }
    }

    @Override
    void fmaKernel(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.fma(a[aOff + i], b[bOff + i], c[cOff + i]);
        }
    }

    @Override
    void scaleKernel(float[] a, int aOff, float s, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * s;
        }
    }

    @Override
    void unaryKernel(int op, float[] a, int aOff, float[] out, int outOff, int n) {
        switch (op) {
            case OP_EXP -> {
                for (int i = 0; i < n; i++) out[outOff + i] = FloatMath.exp(a[aOff + i]);
            }
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
    void rmsNormKernel(float[] x, int xOff, int rows, int b, float[] gain, int gainOff, float eps,
                       float[] out, int outOff, float[] invRms, int invRmsOff) {
        float fr = rows;
        for (int c = 0; c < b; c++) {
            float ss = 0f;
            for (int r = 0; r < rows; r++) {
                float v = x[xOff + r * b + c];
                ss = Math.fma(v, v, ss);
            }
            float inv = 1f / sqrtf(ss / fr + eps);
            for (int r = 0; r < rows; r++) {
                out[outOff + r * b + c] = (x[xOff + r * b + c] * inv) * gain[gainOff + r];
            }
            if (invRms != null) {
                invRms[invRmsOff + c] = inv;
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
