package org.nzip.tensor;

import static org.nzip.tensor.FloatMath.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API backend (jdk.incubator.vector), bit-identical to {@link ScalarTensorOps}.
 *
 * <p>How the contract is kept: batched kernels vectorize lane-per-column (or lane-per-k for the
 * B = 1 transposed product and the weight gradient), so every lane runs its own sequential fma chain
 * in the canonical order and the vector width only decides how many chains run side by side; partial
 * tails use masks and blends so that inactive lanes are never altered. Dot products keep the 16
 * canonical partials in one, two or four vectors and reduce them with the canonical fold-halves tree
 * (vector adds of halves, never {@code reduceLanes(ADD)}). Transcendentals mirror {@link FloatMath}
 * operation by operation.
 *
 * <p>The species is a {@code static final} constant (the JIT needs that): the preferred species, capped
 * at 512 bits. It must have 4, 8 or 16 lanes. Other widths are exercised by running the tests' child
 * JVMs with {@code -XX:MaxVectorSize=16/32}.
 */
public final class VectorTensorOps extends TensorOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() > 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rotations by 8, 4, 2, 1 lanes (null when the span is not smaller than L): the fold-halves tree. */
    private static final VectorShuffle<Float> ROT8 = rotation(8);
    private static final VectorShuffle<Float> ROT4 = rotation(4);
    private static final VectorShuffle<Float> ROT2 = rotation(2);
    private static final VectorShuffle<Float> ROT1 = rotation(1);

    private static VectorShuffle<Float> rotation(int span) {
        return span < L ? VectorShuffle.fromOp(S, i -> (i + span) % L) : null;
    }

    /** Float lanes of the species this backend would use (loads the Vector API). */
    static int preferredLanes() {
        return L;
    }

    static VectorTensorOps preferred() {
        if (L != 4 && L != 8 && L != 16) {
            throw new IllegalStateException("vector backend needs 4, 8 or 16 float lanes, this JVM's preferred species has "
                    + L + " (" + S + ")");
        }
        return new VectorTensorOps();
    }

    private VectorTensorOps() {}

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String description() {
        return "vector (" + S.vectorBitSize() + "-bit, " + L + " lanes)";
    }

    // =============================================================================================
    // Batched product: lane-per-column register tiles
    // =============================================================================================

    @Override
    void matmulKernel(float[] a, int aOff, int rs, int cs, int rows, int inner,
                      float[] bias, int biasOff, float[] x, int xOff, int cols,
                      float[] y, int yOff, int mode) {
        int c0 = 0;
        for (; c0 + 2 * L <= cols; c0 += 2 * L) {
            int i = 0;
            for (; i + 6 <= rows; i += 6) {
                tile6x2(a, aOff + i * rs, rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0, bias, biasOff + i, mode);
            }
            for (; i < rows; i++) {
                tile1x2(a, aOff + i * rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0, bias, biasOff + i, mode);
            }
        }
        for (; c0 + L <= cols; c0 += L) {
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                tile8x1(a, aOff + i * rs, rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0, bias, biasOff + i, mode);
            }
            for (; i < rows; i++) {
                tile1x1(a, aOff + i * rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0, bias, biasOff + i, mode);
            }
        }
        if (c0 < cols) {
            // Partial column block: scalar chains (same per-element order). Masked vector loads in this
            // loop fell off the C2 intrinsics (measured ~0.01 GFLOP/s), scalar 4-row tiles run ~2-5 GFLOP/s.
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                for (int c = c0; c < cols; c++) {
                    scalarTile4(a, aOff + i * rs, rs, cs, inner, x, xOff + c, cols, y, yOff + i * cols + c, bias,
                            biasOff + i, mode);
                }
            }
            for (; i < rows; i++) {
                int a0 = aOff + i * rs;
                for (int c = c0; c < cols; c++) {
                    int yi = yOff + i * cols + c;
                    float acc = scalarInit(mode, y, yi, bias, biasOff + i);
                    for (int j = 0; j < inner; j++) {
                        acc = Math.fma(a[a0 + j * cs], x[xOff + c + j * cols], acc);
                    }
                    y[yi] = acc;
                }
            }
        }
    }

    private static float scalarInit(int mode, float[] y, int yi, float[] bias, int bi) {
        return switch (mode) {
            case INIT_ZERO -> 0f;
            case INIT_OUTPUT -> y[yi];
            default -> bias[bi];
        };
    }

    /** One column, rows i0..i0+3: four independent scalar fma chains. */
    private static void scalarTile4(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                    float[] y, int yi, float[] bias, int bi, int mode) {
        int a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols;
        float c0 = scalarInit(mode, y, yi, bias, bi), c1 = scalarInit(mode, y, y1, bias, bi + 1);
        float c2 = scalarInit(mode, y, y2, bias, bi + 2), c3 = scalarInit(mode, y, y3, bias, bi + 3);
        for (int j = 0; j < inner; j++) {
            float xv = x[xi + j * cols];
            int aj = j * cs;
            c0 = Math.fma(a[a0 + aj], xv, c0);
            c1 = Math.fma(a[a1 + aj], xv, c1);
            c2 = Math.fma(a[a2 + aj], xv, c2);
            c3 = Math.fma(a[a3 + aj], xv, c3);
        }
        y[yi] = c0;
        y[y1] = c1;
        y[y2] = c2;
        y[y3] = c3;
    }

    private static FloatVector initFull(int mode, float[] y, int yi, float[] bias, int bi) {
        return switch (mode) {
            case INIT_ZERO -> FloatVector.zero(S);
            case INIT_OUTPUT -> FloatVector.fromArray(S, y, yi);
            default -> FloatVector.broadcast(S, bias[bi]);
        };
    }

    /** Rows i0..i0+5 × columns c0..c0+2L−1. */
    private static void tile6x2(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi, float[] bias, int bi, int mode) {
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols, y4 = y3 + cols, y5 = y4 + cols;
        FloatVector c00 = initFull(mode, y, yi, bias, bi), c01 = initFull(mode, y, yi + L, bias, bi);
        FloatVector c10 = initFull(mode, y, y1, bias, bi + 1), c11 = initFull(mode, y, y1 + L, bias, bi + 1);
        FloatVector c20 = initFull(mode, y, y2, bias, bi + 2), c21 = initFull(mode, y, y2 + L, bias, bi + 2);
        FloatVector c30 = initFull(mode, y, y3, bias, bi + 3), c31 = initFull(mode, y, y3 + L, bias, bi + 3);
        FloatVector c40 = initFull(mode, y, y4, bias, bi + 4), c41 = initFull(mode, y, y4 + L, bias, bi + 4);
        FloatVector c50 = initFull(mode, y, y5, bias, bi + 5), c51 = initFull(mode, y, y5 + L, bias, bi + 5);
        int a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs;
        for (int j = 0; j < inner; j++) {
            int xj = xi + j * cols;
            int aj = j * cs;
            FloatVector x0 = FloatVector.fromArray(S, x, xj);
            FloatVector x1 = FloatVector.fromArray(S, x, xj + L);
            FloatVector w = FloatVector.broadcast(S, a[a0 + aj]);
            c00 = w.fma(x0, c00);
            c01 = w.fma(x1, c01);
            w = FloatVector.broadcast(S, a[a1 + aj]);
            c10 = w.fma(x0, c10);
            c11 = w.fma(x1, c11);
            w = FloatVector.broadcast(S, a[a2 + aj]);
            c20 = w.fma(x0, c20);
            c21 = w.fma(x1, c21);
            w = FloatVector.broadcast(S, a[a3 + aj]);
            c30 = w.fma(x0, c30);
            c31 = w.fma(x1, c31);
            w = FloatVector.broadcast(S, a[a4 + aj]);
            c40 = w.fma(x0, c40);
            c41 = w.fma(x1, c41);
            w = FloatVector.broadcast(S, a[a5 + aj]);
            c50 = w.fma(x0, c50);
            c51 = w.fma(x1, c51);
        }
        c00.intoArray(y, yi);
        c01.intoArray(y, yi + L);
        c10.intoArray(y, y1);
        c11.intoArray(y, y1 + L);
        c20.intoArray(y, y2);
        c21.intoArray(y, y2 + L);
        c30.intoArray(y, y3);
        c31.intoArray(y, y3 + L);
        c40.intoArray(y, y4);
        c41.intoArray(y, y4 + L);
        c50.intoArray(y, y5);
        c51.intoArray(y, y5 + L);
    }

    private static void tile1x2(float[] a, int a0, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi, float[] bias, int bi, int mode) {
        FloatVector c0 = initFull(mode, y, yi, bias, bi), c1 = initFull(mode, y, yi + L, bias, bi);
        for (int j = 0; j < inner; j++) {
            int xj = xi + j * cols;
            FloatVector w = FloatVector.broadcast(S, a[a0 + j * cs]);
            c0 = w.fma(FloatVector.fromArray(S, x, xj), c0);
            c1 = w.fma(FloatVector.fromArray(S, x, xj + L), c1);
        }
        c0.intoArray(y, yi);
        c1.intoArray(y, yi + L);
    }

    /** Rows i0..i0+7 × one full vector of columns. */
    private static void tile8x1(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi, float[] bias, int bi, int mode) {
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols, y4 = y3 + cols, y5 = y4 + cols, y6 = y5 + cols, y7 = y6 + cols;
        FloatVector c0 = initFull(mode, y, yi, bias, bi);
        FloatVector c1 = initFull(mode, y, y1, bias, bi + 1);
        FloatVector c2 = initFull(mode, y, y2, bias, bi + 2);
        FloatVector c3 = initFull(mode, y, y3, bias, bi + 3);
        FloatVector c4 = initFull(mode, y, y4, bias, bi + 4);
        FloatVector c5 = initFull(mode, y, y5, bias, bi + 5);
        FloatVector c6 = initFull(mode, y, y6, bias, bi + 6);
        FloatVector c7 = initFull(mode, y, y7, bias, bi + 7);
        int a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs, a6 = a5 + rs, a7 = a6 + rs;
        for (int j = 0; j < inner; j++) {
            int aj = j * cs;
            FloatVector xv = FloatVector.fromArray(S, x, xi + j * cols);
            c0 = FloatVector.broadcast(S, a[a0 + aj]).fma(xv, c0);
            c1 = FloatVector.broadcast(S, a[a1 + aj]).fma(xv, c1);
            c2 = FloatVector.broadcast(S, a[a2 + aj]).fma(xv, c2);
            c3 = FloatVector.broadcast(S, a[a3 + aj]).fma(xv, c3);
            c4 = FloatVector.broadcast(S, a[a4 + aj]).fma(xv, c4);
            c5 = FloatVector.broadcast(S, a[a5 + aj]).fma(xv, c5);
            c6 = FloatVector.broadcast(S, a[a6 + aj]).fma(xv, c6);
            c7 = FloatVector.broadcast(S, a[a7 + aj]).fma(xv, c7);
        }
        c0.intoArray(y, yi);
        c1.intoArray(y, y1);
        c2.intoArray(y, y2);
        c3.intoArray(y, y3);
        c4.intoArray(y, y4);
        c5.intoArray(y, y5);
        c6.intoArray(y, y6);
        c7.intoArray(y, y7);
    }

    private static void tile1x1(float[] a, int a0, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi, float[] bias, int bi, int mode) {
        FloatVector c = initFull(mode, y, yi, bias, bi);
        for (int j = 0; j < inner; j++) {
            c = FloatVector.broadcast(S, a[a0 + j * cs]).fma(FloatVector.fromArray(S, x, xi + j * cols), c);
        }
        c.intoArray(y, yi);
    }

    // =============================================================================================
    // Transposed product with B = 1: lane-per-k
    // =============================================================================================

    @Override
    void matmulTransposedB1Kernel(float[] w, int wOff, int m, int k, float[] dy, int dyOff,
                                  float[] dx, int dxOff, boolean accumulate) {
        int k0 = 0;
        for (; k0 + 4 * L <= k; k0 += 4 * L) {
            int d = dxOff + k0;
            FloatVector c0, c1, c2, c3;
            if (accumulate) {
                c0 = FloatVector.fromArray(S, dx, d);
                c1 = FloatVector.fromArray(S, dx, d + L);
                c2 = FloatVector.fromArray(S, dx, d + 2 * L);
                c3 = FloatVector.fromArray(S, dx, d + 3 * L);
            } else {
                c0 = c1 = c2 = c3 = FloatVector.zero(S);
            }
            for (int mm = 0; mm < m; mm++) {
                int wi = wOff + mm * k + k0;
                FloatVector g = FloatVector.broadcast(S, dy[dyOff + mm]);
                c0 = FloatVector.fromArray(S, w, wi).fma(g, c0);
                c1 = FloatVector.fromArray(S, w, wi + L).fma(g, c1);
                c2 = FloatVector.fromArray(S, w, wi + 2 * L).fma(g, c2);
                c3 = FloatVector.fromArray(S, w, wi + 3 * L).fma(g, c3);
            }
            c0.intoArray(dx, d);
            c1.intoArray(dx, d + L);
            c2.intoArray(dx, d + 2 * L);
            c3.intoArray(dx, d + 3 * L);
        }
        for (; k0 < k; k0 += L) {
            VectorMask<Float> mask = S.indexInRange(k0, k);
            int d = dxOff + k0;
            FloatVector c = accumulate ? FloatVector.fromArray(S, dx, d, mask) : FloatVector.zero(S);
            for (int mm = 0; mm < m; mm++) {
                FloatVector g = FloatVector.broadcast(S, dy[dyOff + mm]);
                c = FloatVector.fromArray(S, w, wOff + mm * k + k0, mask).fma(g, c);
            }
            c.intoArray(dx, d, mask);
        }
    }

    // =============================================================================================
    // Weight gradient: lane-per-k over the transposed inputs
    // =============================================================================================

    @Override
    void outerAccumulateKernel(float[] dy, int dyOff, int m, float[] xT, int xtOff, int k, int b,
                               float[] dw, int dwOff) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int g0 = dyOff + i * b, g1 = g0 + b, g2 = g1 + b, g3 = g2 + b;
            int w0 = dwOff + i * k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k;
            int k0 = 0;
            for (; k0 + 2 * L <= k; k0 += 2 * L) {
                FloatVector c00 = FloatVector.fromArray(S, dw, w0 + k0), c01 = FloatVector.fromArray(S, dw, w0 + k0 + L);
                FloatVector c10 = FloatVector.fromArray(S, dw, w1 + k0), c11 = FloatVector.fromArray(S, dw, w1 + k0 + L);
                FloatVector c20 = FloatVector.fromArray(S, dw, w2 + k0), c21 = FloatVector.fromArray(S, dw, w2 + k0 + L);
                FloatVector c30 = FloatVector.fromArray(S, dw, w3 + k0), c31 = FloatVector.fromArray(S, dw, w3 + k0 + L);
                for (int bb = 0; bb < b; bb++) {
                    int xi = xtOff + bb * k + k0;
                    FloatVector x0 = FloatVector.fromArray(S, xT, xi);
                    FloatVector x1 = FloatVector.fromArray(S, xT, xi + L);
                    FloatVector d = FloatVector.broadcast(S, dy[g0 + bb]);
                    c00 = d.fma(x0, c00);
                    c01 = d.fma(x1, c01);
                    d = FloatVector.broadcast(S, dy[g1 + bb]);
                    c10 = d.fma(x0, c10);
                    c11 = d.fma(x1, c11);
                    d = FloatVector.broadcast(S, dy[g2 + bb]);
                    c20 = d.fma(x0, c20);
                    c21 = d.fma(x1, c21);
                    d = FloatVector.broadcast(S, dy[g3 + bb]);
                    c30 = d.fma(x0, c30);
                    c31 = d.fma(x1, c31);
                }
                c00.intoArray(dw, w0 + k0);
                c01.intoArray(dw, w0 + k0 + L);
                c10.intoArray(dw, w1 + k0);
                c11.intoArray(dw, w1 + k0 + L);
                c20.intoArray(dw, w2 + k0);
                c21.intoArray(dw, w2 + k0 + L);
                c30.intoArray(dw, w3 + k0);
                c31.intoArray(dw, w3 + k0 + L);
            }
            for (; k0 < k; k0 += L) {
                VectorMask<Float> mask = S.indexInRange(k0, k);
                FloatVector c0 = FloatVector.fromArray(S, dw, w0 + k0, mask);
                FloatVector c1 = FloatVector.fromArray(S, dw, w1 + k0, mask);
                FloatVector c2 = FloatVector.fromArray(S, dw, w2 + k0, mask);
                FloatVector c3 = FloatVector.fromArray(S, dw, w3 + k0, mask);
                for (int bb = 0; bb < b; bb++) {
                    FloatVector xv = FloatVector.fromArray(S, xT, xtOff + bb * k + k0, mask);
                    c0 = FloatVector.broadcast(S, dy[g0 + bb]).fma(xv, c0);
                    c1 = FloatVector.broadcast(S, dy[g1 + bb]).fma(xv, c1);
                    c2 = FloatVector.broadcast(S, dy[g2 + bb]).fma(xv, c2);
                    c3 = FloatVector.broadcast(S, dy[g3 + bb]).fma(xv, c3);
                }
                c0.intoArray(dw, w0 + k0, mask);
                c1.intoArray(dw, w1 + k0, mask);
                c2.intoArray(dw, w2 + k0, mask);
                c3.intoArray(dw, w3 + k0, mask);
            }
        }
        for (; i < m; i++) {
            int g0 = dyOff + i * b;
            int w0 = dwOff + i * k;
            for (int k0 = 0; k0 < k; k0 += L) {
                VectorMask<Float> mask = S.indexInRange(k0, k);
                FloatVector c = FloatVector.fromArray(S, dw, w0 + k0, mask);
                for (int bb = 0; bb < b; bb++) {
                    c = FloatVector.broadcast(S, dy[g0 + bb]).fma(FloatVector.fromArray(S, xT, xtOff + bb * k + k0, mask), c);
                }
                c.intoArray(dw, w0 + k0, mask);
            }
        }
    }

    // =============================================================================================
    // Dot products: 16 canonical partials in 16/L vectors, fold-halves tree
    // =============================================================================================

    /** Reduces one vector whose lanes 0..L−1 hold consecutive fold-tree inputs (spans L/2, ..., 1). */
    private static float foldLanes(FloatVector v) {
        if (L >= 16) {
            v = v.add(v.rearrange(ROT8));
        }
        if (L >= 8) {
            v = v.add(v.rearrange(ROT4));
        }
        v = v.add(v.rearrange(ROT2));
        v = v.add(v.rearrange(ROT1));
        return v.lane(0);
    }

    @Override
    float dotKernel(float[] a, int aOff, float[] b, int bOff, int n) {
        return switch (L) {
            case 16 -> dot16(a, aOff, b, bOff, n);
            case 8 -> dot8(a, aOff, b, bOff, n);
            default -> dot4(a, aOff, b, bOff, n);
        };
    }

    private static float dot16(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector p = FloatVector.zero(S);
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            p = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), p);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            p = p.blend(FloatVector.fromArray(S, a, aOff + i, m).fma(FloatVector.fromArray(S, b, bOff + i, m), p), m);
        }
        return foldLanes(p);
    }

    private static float dot8(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector p0 = FloatVector.zero(S), p1 = p0;
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            p0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), p0);
            p1 = FloatVector.fromArray(S, a, aOff + i + 8).fma(FloatVector.fromArray(S, b, bOff + i + 8), p1);
        }
        if (i < n) {
            VectorMask<Float> m0 = S.indexInRange(i, n), m1 = S.indexInRange(i + 8, n);
            p0 = p0.blend(FloatVector.fromArray(S, a, aOff + i, m0).fma(FloatVector.fromArray(S, b, bOff + i, m0), p0), m0);
            p1 = p1.blend(FloatVector.fromArray(S, a, aOff + i + 8, m1).fma(FloatVector.fromArray(S, b, bOff + i + 8, m1), p1), m1);
        }
        return foldLanes(p0.add(p1));
    }

    private static float dot4(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            p0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), p0);
            p1 = FloatVector.fromArray(S, a, aOff + i + 4).fma(FloatVector.fromArray(S, b, bOff + i + 4), p1);
            p2 = FloatVector.fromArray(S, a, aOff + i + 8).fma(FloatVector.fromArray(S, b, bOff + i + 8), p2);
            p3 = FloatVector.fromArray(S, a, aOff + i + 12).fma(FloatVector.fromArray(S, b, bOff + i + 12), p3);
        }
        if (i < n) {
            VectorMask<Float> m0 = S.indexInRange(i, n), m1 = S.indexInRange(i + 4, n);
            VectorMask<Float> m2 = S.indexInRange(i + 8, n), m3 = S.indexInRange(i + 12, n);
            p0 = p0.blend(FloatVector.fromArray(S, a, aOff + i, m0).fma(FloatVector.fromArray(S, b, bOff + i, m0), p0), m0);
            p1 = p1.blend(FloatVector.fromArray(S, a, aOff + i + 4, m1).fma(FloatVector.fromArray(S, b, bOff + i + 4, m1), p1), m1);
            p2 = p2.blend(FloatVector.fromArray(S, a, aOff + i + 8, m2).fma(FloatVector.fromArray(S, b, bOff + i + 8, m2), p2), m2);
            p3 = p3.blend(FloatVector.fromArray(S, a, aOff + i + 12, m3).fma(FloatVector.fromArray(S, b, bOff + i + 12, m3), p3), m3);
        }
        // s8 = (p0+p2 | p1+p3), s4 = s8lo + s8hi, then within the vector
        return foldLanes(p0.add(p2).add(p1.add(p3)));
    }

    @Override
    void matvecKernel(float[] w, int wOff, int m, int k, float[] x, int xOff, float[] y, int yOff, boolean accumulate) {
        int i = 0;
        if (L == 16) {
            for (; i + 4 <= m; i += 4) {
                matvec16x4(w, wOff + i * k, k, x, xOff, y, yOff + i, accumulate);
            }
        }
        for (; i < m; i++) {
            float d = dotKernel(w, wOff + i * k, x, xOff, k);
            y[yOff + i] = accumulate ? y[yOff + i] + d : d;
        }
    }

    /** Four rows at once (one 16-lane vector of partials each) so each x load serves four rows. */
    private static void matvec16x4(float[] w, int w0, int k, float[] x, int xOff, float[] y, int yi, boolean accumulate) {
        int w1 = w0 + k, w2 = w1 + k, w3 = w2 + k;
        FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
        int i = 0;
        for (; i + 16 <= k; i += 16) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
            p0 = FloatVector.fromArray(S, w, w0 + i).fma(xv, p0);
            p1 = FloatVector.fromArray(S, w, w1 + i).fma(xv, p1);
            p2 = FloatVector.fromArray(S, w, w2 + i).fma(xv, p2);
            p3 = FloatVector.fromArray(S, w, w3 + i).fma(xv, p3);
        }
        if (i < k) {
            VectorMask<Float> m = S.indexInRange(i, k);
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i, m);
            p0 = p0.blend(FloatVector.fromArray(S, w, w0 + i, m).fma(xv, p0), m);
            p1 = p1.blend(FloatVector.fromArray(S, w, w1 + i, m).fma(xv, p1), m);
            p2 = p2.blend(FloatVector.fromArray(S, w, w2 + i, m).fma(xv, p2), m);
            p3 = p3.blend(FloatVector.fromArray(S, w, w3 + i, m).fma(xv, p3), m);
        }
        float d0 = foldLanes(p0), d1 = foldLanes(p1), d2 = foldLanes(p2), d3 = foldLanes(p3);
        if (accumulate) {
            d0 = y[yi] + d0;
            d1 = y[yi + 1] + d1;
            d2 = y[yi + 2] + d2;
            d3 = y[yi + 3] + d3;
        }
        y[yi] = d0;
        y[yi + 1] = d1;
        y[yi + 2] = d2;
        y[yi + 3] = d3;
    }

    // =============================================================================================
    // Element-wise
    // =============================================================================================

    @Override
    void binaryKernel(int op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(S, a, aOff + i, m);
            FloatVector vb = FloatVector.fromArray(S, b, bOff + i, m);
            FloatVector r = switch (op) {
                case OP_ADD -> va.add(vb);
                case OP_SUB -> va.sub(vb);
                case OP_MUL -> va.mul(vb);
                default -> throw new AssertionError(op);
            };
            r.intoArray(out, outOff + i, m);
        }
    }

    @Override
    void fmaKernel(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, aOff + i, m)
                    .fma(FloatVector.fromArray(S, b, bOff + i, m), FloatVector.fromArray(S, c, cOff + i, m))
                    .intoArray(out, outOff + i, m);
        }
    }

    @Override
    void scaleKernel(float[] a, int aOff, float s, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, a, aOff + i, m).mul(s).intoArray(out, outOff + i, m);
        }
    }

    @Override
    void unaryKernel(int op, float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, a, aOff + i, m);
            FloatVector r = switch (op) {
                case OP_EXP -> exp(v);
                case OP_TANH -> tanh(v);
                case OP_SIGMOID -> sigmoid(v);
                default -> throw new AssertionError(op);
            };
            r.intoArray(out, outOff + i, m);
        }
    }

    /** Lane-wise {@link FloatMath#exp}, operation by operation. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN_ARG).min(EXP_MAX_ARG);
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.fma(FloatVector.broadcast(S, NEG_LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, NEG_LN2_LO), r);
        FloatVector p = r.fma(EXP_C7, EXP_C6); // fma(C7, r, C6)
        p = p.fma(r, FloatVector.broadcast(S, EXP_C5));
        p = p.fma(r, FloatVector.broadcast(S, EXP_C4));
        p = p.fma(r, FloatVector.broadcast(S, EXP_C3));
        p = p.fma(r, FloatVector.broadcast(S, EXP_C2));
        FloatVector one = FloatVector.broadcast(S, 1f);
        p = p.fma(r, one);
        p = p.fma(r, one);
        IntVector ni = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** Lane-wise {@link FloatMath#tanh}. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector u = x.mul(x);
        FloatVector q = u.fma(TANH_Q4, TANH_Q3); // fma(Q4, u, Q3)
        q = q.fma(u, FloatVector.broadcast(S, TANH_Q2));
        q = q.fma(u, FloatVector.broadcast(S, TANH_Q1));
        q = q.fma(u, FloatVector.broadcast(S, TANH_Q0));
        FloatVector small = x.mul(u).fma(q, x);
        FloatVector e = exp(a.mul(-2f));
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector large = one.sub(e).div(one.add(e));
        FloatVector r = large.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
        return r.reinterpretAsInts().or(x.reinterpretAsInts().and(SIGN_BIT)).reinterpretAsFloats();
    }

    /** Lane-wise {@link FloatMath#sigmoid}. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector num = e.blend(one, x.compare(VectorOperators.GE, 0f));
        return num.div(one.add(e));
    }

    // =============================================================================================
    // Column-wise
    // =============================================================================================

    @Override
    void softmaxKernel(float[] x, int xOff, int rows, int b, float[] out, int outOff) {
        if (b == 1) {
            softmaxContiguous(x, xOff, rows, out, outOff);
            return;
        }
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int c0 = 0; c0 < b; c0 += L) {
            VectorMask<Float> m = S.indexInRange(c0, b);
            FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int r = 0; r < rows; r++) {
                mx = mx.max(FloatVector.fromArray(S, x, xOff + r * b + c0, m));
            }
            FloatVector sum = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                FloatVector e = exp(FloatVector.fromArray(S, x, xOff + r * b + c0, m).sub(mx));
                e.intoArray(out, outOff + r * b + c0, m);
                sum = sum.add(e);
            }
            FloatVector inv = one.div(sum);
            for (int r = 0; r < rows; r++) {
                int o = outOff + r * b + c0;
                FloatVector.fromArray(S, out, o, m).mul(inv).intoArray(out, o, m);
            }
        }
    }

    /** B = 1: the column is contiguous; max and exp are vectorized over rows, the sum stays sequential. */
    private static void softmaxContiguous(float[] x, int xOff, int rows, float[] out, int outOff) {
        FloatVector mxv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r += L) {
            VectorMask<Float> m = S.indexInRange(r, rows);
            mxv = mxv.blend(mxv.max(FloatVector.fromArray(S, x, xOff + r, m)), m);
        }
        float mx = Float.NEGATIVE_INFINITY;
        for (int l = 0; l < L; l++) {
            mx = Math.max(mx, mxv.lane(l)); // Math.max is order-free, so this equals the sequential max
        }
        for (int r = 0; r < rows; r += L) {
            VectorMask<Float> m = S.indexInRange(r, rows);
            exp(FloatVector.fromArray(S, x, xOff + r, m).sub(mx)).intoArray(out, outOff + r, m);
        }
        float sum = 0f;
        for (int r = 0; r < rows; r++) {
            sum = sum + out[outOff + r];
        }
        float inv = 1f / sum;
        for (int r = 0; r < rows; r += L) {
            VectorMask<Float> m = S.indexInRange(r, rows);
            FloatVector.fromArray(S, out, outOff + r, m).mul(inv).intoArray(out, outOff + r, m);
        }
    }

    @Override
    void rmsNormKernel(float[] x, int xOff, int rows, int b, float[] gain, int gainOff, float eps,
                       float[] out, int outOff, float[] invRms, int invRmsOff) {
        float fr = rows;
        if (b == 1) {
            float ss = 0f;
            for (int r = 0; r < rows; r++) {
                float v = x[xOff + r];
                ss = Math.fma(v, v, ss);
            }
            float inv = 1f / ScalarTensorOps.sqrtf(ss / fr + eps);
            for (int r = 0; r < rows; r += L) {
                VectorMask<Float> m = S.indexInRange(r, rows);
                FloatVector.fromArray(S, x, xOff + r, m).mul(inv).mul(FloatVector.fromArray(S, gain, gainOff + r, m))
                        .intoArray(out, outOff + r, m);
            }
            if (invRms != null) {
                invRms[invRmsOff] = inv;
            }
            return;
        }
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int c0 = 0; c0 < b; c0 += L) {
            VectorMask<Float> m = S.indexInRange(c0, b);
            FloatVector ss = FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + r * b + c0, m);
                ss = v.fma(v, ss);
            }
            FloatVector inv = one.div(ss.div(fr).add(eps).sqrt());
            for (int r = 0; r < rows; r++) {
                FloatVector.fromArray(S, x, xOff + r * b + c0, m).mul(inv).mul(gain[gainOff + r])
                        .intoArray(out, outOff + r * b + c0, m);
            }
            if (invRms != null) {
                inv.intoArray(invRms, invRmsOff + c0, m);
            }
        }
    }

    // =============================================================================================
    // Optimizer
    // =============================================================================================

    @Override
    void adamKernel(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                    float lr, float beta2, float oneMinusBeta2, float eps, float clip) {
        FloatVector vb2 = FloatVector.broadcast(S, beta2);
        float negClip = -clip;
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector gc = FloatVector.fromArray(S, g, gOff + i, m).max(negClip).min(clip);
            FloatVector vv = vb2.fma(FloatVector.fromArray(S, v, vOff + i, m), gc.mul(gc).mul(oneMinusBeta2));
            vv.intoArray(v, vOff + i, m);
            FloatVector wv = FloatVector.fromArray(S, w, wOff + i, m);
            wv.sub(gc.mul(lr).div(vv.sqrt().add(eps))).intoArray(w, wOff + i, m);
        }
    }
}
