package org.nzip.tensor;

import static org.nzip.tensor.FloatMath.*;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API backend (jdk.incubator.vector), bit-identical to {@link ScalarTensorOps}.
 *
 * <p>How the contract is kept: batched kernels vectorize lane-per-column (or lane-per-k for the
 * weight gradient), so every lane runs its own sequential fma chain in the canonical order and the
 * vector width only decides how many chains run side by side; partial tails use masks and blends so
 * that inactive lanes are never altered. Transcendentals mirror {@link FloatMath} operation by
 * operation.
 *
 * <p>Allocation-free once compiled (checked by HotKernelTest): no hot method takes or returns a
 * {@code FloatVector}, because C2 boxes a vector (an object plus a float[]) at any call it does not
 * inline; the exp polynomial is therefore written out where it is used, matmul chains start from
 * {@code y} (pre-filled with 0 or the bias) instead of a per-mode helper, and loop-carried vectors
 * never start from a {@code static final} vector constant.
 *
 * <p>The species is a {@code static final} constant (the JIT needs that): the preferred species, capped
 * at 512 bits. It must have 4, 8 or 16 lanes. Other widths are exercised by running the tests' child
 * JVMs with {@code -XX:MaxVectorSize=16/32}.
 */
public final class VectorTensorOps extends TensorOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() > 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Half the width of {@link #S}, for a block of L/2 columns left over (a batch of 8 streams with 16 lanes). */
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class,
            jdk.incubator.vector.VectorShape.forBitSize(Math.max(64, S.vectorBitSize() / 2)));
    private static final int HL = H.length();

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
        // Every chain starts from y: for INIT_ZERO / INIT_BIAS the starting values (0 or bias[i]) are
        // written into y first (y never overlaps the inputs). The tiles then need no per-mode vector
        // helper, whose FloatVector result would be boxed whenever C2 does not inline it.
        if (mode == INIT_ZERO) {
            Arrays.fill(y, yOff, yOff + rows * cols, 0f);
        } else if (mode != INIT_OUTPUT) {
            for (int i = 0; i < rows; i++) {
                int r = yOff + i * cols;
                Arrays.fill(y, r, r + cols, bias[biasOff + i]);
            }
        }
        int c0 = 0;
        for (; c0 + 2 * L <= cols; c0 += 2 * L) {
            int i = 0;
            for (; i + 6 <= rows; i += 6) {
                tile6x2(a, aOff + i * rs, rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0);
            }
            for (; i < rows; i++) {
                tile1x2(a, aOff + i * rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0);
            }
        }
        for (; c0 + L <= cols; c0 += L) {
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                tile8x1(a, aOff + i * rs, rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0);
            }
            for (; i < rows; i++) {
                tile1x1(a, aOff + i * rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0);
            }
        }
        if (L >= 8 && c0 + HL <= cols) {
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                halfTile8(a, aOff + i * rs, rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0);
            }
            for (; i < rows; i++) {
                halfTile1(a, aOff + i * rs, cs, inner, x, xOff + c0, cols, y, yOff + i * cols + c0);
            }
            c0 += HL;
        }
        if (c0 < cols) {
            // Partial column block: scalar chains (same per-element order). Masked vector loads in this
            // loop fell off the C2 intrinsics (measured ~0.01 GFLOP/s), scalar 4-row tiles run ~2-5 GFLOP/s.
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                for (int c = c0; c < cols; c++) {
                    scalarTile4(a, aOff + i * rs, rs, cs, inner, x, xOff + c, cols, y, yOff + i * cols + c);
                }
            }
            for (; i < rows; i++) {
                int a0 = aOff + i * rs;
                for (int c = c0; c < cols; c++) {
                    int yi = yOff + i * cols + c;
                    float acc = y[yi];
                    for (int j = 0; j < inner; j++) {
                        acc = Math.fma(a[a0 + j * cs], x[xOff + c + j * cols], acc);
                    }
                    y[yi] = acc;
                }
            }
        }
    }

    /** One column, rows i0..i0+3: four independent scalar fma chains starting from y. */
    private static void scalarTile4(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                    float[] y, int yi) {
        int a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols;
        float c0 = y[yi], c1 = y[y1], c2 = y[y2], c3 = y[y3];
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

    /** Rows i0..i0+5 × columns c0..c0+2L−1, chains starting from y. */
    private static void tile6x2(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi) {
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols, y4 = y3 + cols, y5 = y4 + cols;
        FloatVector c00 = FloatVector.fromArray(S, y, yi), c01 = FloatVector.fromArray(S, y, yi + L);
        FloatVector c10 = FloatVector.fromArray(S, y, y1), c11 = FloatVector.fromArray(S, y, y1 + L);
        FloatVector c20 = FloatVector.fromArray(S, y, y2), c21 = FloatVector.fromArray(S, y, y2 + L);
        FloatVector c30 = FloatVector.fromArray(S, y, y3), c31 = FloatVector.fromArray(S, y, y3 + L);
        FloatVector c40 = FloatVector.fromArray(S, y, y4), c41 = FloatVector.fromArray(S, y, y4 + L);
        FloatVector c50 = FloatVector.fromArray(S, y, y5), c51 = FloatVector.fromArray(S, y, y5 + L);
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
                                float[] y, int yi) {
        FloatVector c0 = FloatVector.fromArray(S, y, yi), c1 = FloatVector.fromArray(S, y, yi + L);
        for (int j = 0; j < inner; j++) {
            int xj = xi + j * cols;
            FloatVector w = FloatVector.broadcast(S, a[a0 + j * cs]);
            c0 = w.fma(FloatVector.fromArray(S, x, xj), c0);
            c1 = w.fma(FloatVector.fromArray(S, x, xj + L), c1);
        }
        c0.intoArray(y, yi);
        c1.intoArray(y, yi + L);
    }

    /** Rows i0..i0+7 × one full vector of columns, chains starting from y. */
    private static void tile8x1(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi) {
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols, y4 = y3 + cols, y5 = y4 + cols, y6 = y5 + cols, y7 = y6 + cols;
        FloatVector c0 = FloatVector.fromArray(S, y, yi);
        FloatVector c1 = FloatVector.fromArray(S, y, y1);
        FloatVector c2 = FloatVector.fromArray(S, y, y2);
        FloatVector c3 = FloatVector.fromArray(S, y, y3);
        FloatVector c4 = FloatVector.fromArray(S, y, y4);
        FloatVector c5 = FloatVector.fromArray(S, y, y5);
        FloatVector c6 = FloatVector.fromArray(S, y, y6);
        FloatVector c7 = FloatVector.fromArray(S, y, y7);
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

    /** Rows i0..i0+7 × one half-width vector of columns (species H), chains starting from y. */
    private static void halfTile8(float[] a, int a0, int rs, int cs, int inner, float[] x, int xi, int cols,
                                  float[] y, int yi) {
        int y1 = yi + cols, y2 = y1 + cols, y3 = y2 + cols, y4 = y3 + cols, y5 = y4 + cols, y6 = y5 + cols, y7 = y6 + cols;
        FloatVector c0 = FloatVector.fromArray(H, y, yi);
        FloatVector c1 = FloatVector.fromArray(H, y, y1);
        FloatVector c2 = FloatVector.fromArray(H, y, y2);
        FloatVector c3 = FloatVector.fromArray(H, y, y3);
        FloatVector c4 = FloatVector.fromArray(H, y, y4);
        FloatVector c5 = FloatVector.fromArray(H, y, y5);
        FloatVector c6 = FloatVector.fromArray(H, y, y6);
        FloatVector c7 = FloatVector.fromArray(H, y, y7);
        int a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs, a4 = a3 + rs, a5 = a4 + rs, a6 = a5 + rs, a7 = a6 + rs;
        for (int j = 0; j < inner; j++) {
            int aj = j * cs;
            FloatVector xv = FloatVector.fromArray(H, x, xi + j * cols);
            c0 = FloatVector.broadcast(H, a[a0 + aj]).fma(xv, c0);
            c1 = FloatVector.broadcast(H, a[a1 + aj]).fma(xv, c1);
            c2 = FloatVector.broadcast(H, a[a2 + aj]).fma(xv, c2);
            c3 = FloatVector.broadcast(H, a[a3 + aj]).fma(xv, c3);
            c4 = FloatVector.broadcast(H, a[a4 + aj]).fma(xv, c4);
            c5 = FloatVector.broadcast(H, a[a5 + aj]).fma(xv, c5);
            c6 = FloatVector.broadcast(H, a[a6 + aj]).fma(xv, c6);
            c7 = FloatVector.broadcast(H, a[a7 + aj]).fma(xv, c7);
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

    private static void halfTile1(float[] a, int a0, int cs, int inner, float[] x, int xi, int cols,
                                  float[] y, int yi) {
        FloatVector c = FloatVector.fromArray(H, y, yi);
        for (int j = 0; j < inner; j++) {
            c = FloatVector.broadcast(H, a[a0 + j * cs]).fma(FloatVector.fromArray(H, x, xi + j * cols), c);
        }
        c.intoArray(y, yi);
    }

    private static void tile1x1(float[] a, int a0, int cs, int inner, float[] x, int xi, int cols,
                                float[] y, int yi) {
        FloatVector c = FloatVector.fromArray(S, y, yi);
        for (int j = 0; j < inner; j++) {
            c = FloatVector.broadcast(S, a[a0 + j * cs]).fma(FloatVector.fromArray(S, x, xi + j * cols), c);
        }
        c.intoArray(y, yi);
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
    // Element-wise transcendentals (tanh, sigmoid; softmax below uses the same exp block)
    // =============================================================================================

    // Why the exp polynomial is written out in every loop below instead of living in one
    // FloatVector -> FloatVector helper: C2 keeps a FloatVector in registers only while all of its
    // uses are in one compilation unit. A helper of this size (~250 bytecodes) is often not inlined
    // ("callee is too large" at non-hot call sites, "NodeCountInliningCutoff" in a big caller), and
    // then every argument and result is boxed: a Float512Vector plus its float[] per call, which was
    // ~150 MB/s of garbage while compressing. So no hot method here passes or returns a vector; the
    // constants are static final vectors (no broadcast per call, and nothing to allocate when the
    // code runs interpreted or in C1 during warm-up). The V_* constants are only ever operands: a
    // loop-carried vector (accumulator, running max) must start from FloatVector.zero/broadcast,
    // since a phi that merges a constant's box with computed vectors is boxed on every iteration.
    //
    // The exp block, mirroring FloatMath.exp operation by operation, for an input vector v:
    //     xc = v.max(V_EXP_MIN).min(V_EXP_MAX)
    //     t  = xc.fma(V_LOG2E, V_MAGIC);   nf = t.sub(V_MAGIC)
    //     r  = nf.fma(V_NEG_LN2_HI, xc);   r = nf.fma(V_NEG_LN2_LO, r)
    //     p  = r.fma(V_C7, V_C6);  p = p.fma(r, V_Ck) for k = 5..2;  p = p.fma(r, V_ONE) twice
    //     ni = bits(t) − ROUND_MAGIC_BITS;  n1 = ni >> 1;  n2 = ni − n1
    //     e  = p · 2^n1 · 2^n2
    // Any change must be made in all copies (and in FloatMath); BackendEqualityTest compares them.

    private static final FloatVector V_ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector V_ZERO = FloatVector.zero(S);
    private static final FloatVector V_NEG_TWO = FloatVector.broadcast(S, -2f);
    private static final FloatVector V_EXP_MIN = FloatVector.broadcast(S, EXP_MIN_ARG);
    private static final FloatVector V_EXP_MAX = FloatVector.broadcast(S, EXP_MAX_ARG);
    private static final FloatVector V_LOG2E = FloatVector.broadcast(S, LOG2E);
    private static final FloatVector V_MAGIC = FloatVector.broadcast(S, ROUND_MAGIC);
    private static final FloatVector V_NEG_LN2_HI = FloatVector.broadcast(S, NEG_LN2_HI);
    private static final FloatVector V_NEG_LN2_LO = FloatVector.broadcast(S, NEG_LN2_LO);
    private static final FloatVector V_C2 = FloatVector.broadcast(S, EXP_C2);
    private static final FloatVector V_C3 = FloatVector.broadcast(S, EXP_C3);
    private static final FloatVector V_C4 = FloatVector.broadcast(S, EXP_C4);
    private static final FloatVector V_C5 = FloatVector.broadcast(S, EXP_C5);
    private static final FloatVector V_C6 = FloatVector.broadcast(S, EXP_C6);
    private static final FloatVector V_C7 = FloatVector.broadcast(S, EXP_C7);
    private static final FloatVector V_TANH_SMALL = FloatVector.broadcast(S, TANH_SMALL);
    private static final FloatVector V_Q0 = FloatVector.broadcast(S, TANH_Q0);
    private static final FloatVector V_Q1 = FloatVector.broadcast(S, TANH_Q1);
    private static final FloatVector V_Q2 = FloatVector.broadcast(S, TANH_Q2);
    private static final FloatVector V_Q3 = FloatVector.broadcast(S, TANH_Q3);
    private static final FloatVector V_Q4 = FloatVector.broadcast(S, TANH_Q4);
    private static final IntVector V_MAGIC_BITS = IntVector.broadcast(S.withLanes(int.class), ROUND_MAGIC_BITS);
    private static final IntVector V_127 = IntVector.broadcast(S.withLanes(int.class), 127);
    private static final IntVector V_SIGN_BIT = IntVector.broadcast(S.withLanes(int.class), SIGN_BIT);

    @Override
    void unaryKernel(int op, float[] a, int aOff, float[] out, int outOff, int n) {
        switch (op) {
            case OP_TANH -> tanhLoop(a, aOff, out, outOff, n);
            case OP_SIGMOID -> sigmoidLoop(a, aOff, out, outOff, n);
            default -> throw new AssertionError(op);
        }
    }

    /** Lane-wise {@link FloatMath#tanh}. */
    private static void tanhLoop(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, aOff + i, m);
            FloatVector ax = x.abs();
            FloatVector u = x.mul(x);
            FloatVector q = u.fma(V_Q4, V_Q3); // fma(Q4, u, Q3)
            q = q.fma(u, V_Q2);
            q = q.fma(u, V_Q1);
            q = q.fma(u, V_Q0);
            FloatVector small = x.mul(u).fma(q, x);
            FloatVector v = ax.mul(V_NEG_TWO);
            // ---- exp block (see above), e = exp(−2·|x|)
            FloatVector xc = v.max(V_EXP_MIN).min(V_EXP_MAX);
            FloatVector t = xc.fma(V_LOG2E, V_MAGIC);
            FloatVector nf = t.sub(V_MAGIC);
            FloatVector r = nf.fma(V_NEG_LN2_HI, xc);
            r = nf.fma(V_NEG_LN2_LO, r);
            FloatVector p = r.fma(V_C7, V_C6);
            p = p.fma(r, V_C5);
            p = p.fma(r, V_C4);
            p = p.fma(r, V_C3);
            p = p.fma(r, V_C2);
            p = p.fma(r, V_ONE);
            p = p.fma(r, V_ONE);
            IntVector ni = t.reinterpretAsInts().sub(V_MAGIC_BITS);
            IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            IntVector n2 = ni.sub(n1);
            FloatVector s1 = n1.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = n2.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(s1).mul(s2);
            // ---- end exp block
            FloatVector large = V_ONE.sub(e).div(V_ONE.add(e));
            FloatVector res = large.blend(small, ax.compare(VectorOperators.LT, V_TANH_SMALL));
            res.reinterpretAsInts().or(x.reinterpretAsInts().and(V_SIGN_BIT)).reinterpretAsFloats()
                    .intoArray(out, outOff + i, m);
        }
    }

    /** Lane-wise {@link FloatMath#sigmoid}. */
    private static void sigmoidLoop(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, aOff + i, m);
            FloatVector v = x.abs().neg();
            // ---- exp block (see above), e = exp(−|x|)
            FloatVector xc = v.max(V_EXP_MIN).min(V_EXP_MAX);
            FloatVector t = xc.fma(V_LOG2E, V_MAGIC);
            FloatVector nf = t.sub(V_MAGIC);
            FloatVector r = nf.fma(V_NEG_LN2_HI, xc);
            r = nf.fma(V_NEG_LN2_LO, r);
            FloatVector p = r.fma(V_C7, V_C6);
            p = p.fma(r, V_C5);
            p = p.fma(r, V_C4);
            p = p.fma(r, V_C3);
            p = p.fma(r, V_C2);
            p = p.fma(r, V_ONE);
            p = p.fma(r, V_ONE);
            IntVector ni = t.reinterpretAsInts().sub(V_MAGIC_BITS);
            IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            IntVector n2 = ni.sub(n1);
            FloatVector s1 = n1.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = n2.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(s1).mul(s2);
            // ---- end exp block
            FloatVector num = e.blend(V_ONE, x.compare(VectorOperators.GE, V_ZERO));
            num.div(V_ONE.add(e)).intoArray(out, outOff + i, m);
        }
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
        for (int c0 = 0; c0 < b; c0 += L) {
            VectorMask<Float> m = S.indexInRange(c0, b);
            // Loop-carried vectors start from a fresh broadcast, never from a static final constant:
            // a phi that merges the constant's box with computed vectors makes C2 box every iteration.
            FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int row = 0; row < rows; row++) {
                mx = mx.max(FloatVector.fromArray(S, x, xOff + row * b + c0, m));
            }
            FloatVector sum = FloatVector.zero(S);
            for (int row = 0; row < rows; row++) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + row * b + c0, m).sub(mx);
                // ---- exp block (see above), e = exp(x − max)
                FloatVector xc = v.max(V_EXP_MIN).min(V_EXP_MAX);
                FloatVector t = xc.fma(V_LOG2E, V_MAGIC);
                FloatVector nf = t.sub(V_MAGIC);
                FloatVector r = nf.fma(V_NEG_LN2_HI, xc);
                r = nf.fma(V_NEG_LN2_LO, r);
                FloatVector p = r.fma(V_C7, V_C6);
                p = p.fma(r, V_C5);
                p = p.fma(r, V_C4);
                p = p.fma(r, V_C3);
                p = p.fma(r, V_C2);
                p = p.fma(r, V_ONE);
                p = p.fma(r, V_ONE);
                IntVector ni = t.reinterpretAsInts().sub(V_MAGIC_BITS);
                IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
                IntVector n2 = ni.sub(n1);
                FloatVector s1 = n1.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                FloatVector s2 = n2.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                FloatVector e = p.mul(s1).mul(s2);
                // ---- end exp block
                e.intoArray(out, outOff + row * b + c0, m);
                sum = sum.add(e);
            }
            FloatVector inv = V_ONE.div(sum);
            for (int row = 0; row < rows; row++) {
                int o = outOff + row * b + c0;
                FloatVector.fromArray(S, out, o, m).mul(inv).intoArray(out, o, m);
            }
        }
    }

    /** B = 1: the column is contiguous; max and exp are vectorized over rows, the sum stays sequential. */
    private static void softmaxContiguous(float[] x, int xOff, int rows, float[] out, int outOff) {
        FloatVector mxv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY); // not V_*: loop-carried (see softmaxKernel)
        for (int row = 0; row < rows; row += L) {
            VectorMask<Float> m = S.indexInRange(row, rows);
            mxv = mxv.blend(mxv.max(FloatVector.fromArray(S, x, xOff + row, m)), m);
        }
        float mx = Float.NEGATIVE_INFINITY;
        for (int l = 0; l < L; l++) {
            mx = Math.max(mx, mxv.lane(l)); // Math.max is order-free, so this equals the sequential max
        }
        FloatVector vmx = FloatVector.broadcast(S, mx);
        for (int row = 0; row < rows; row += L) {
            VectorMask<Float> m = S.indexInRange(row, rows);
            FloatVector v = FloatVector.fromArray(S, x, xOff + row, m).sub(vmx);
            // ---- exp block (see above), e = exp(x − max)
            FloatVector xc = v.max(V_EXP_MIN).min(V_EXP_MAX);
            FloatVector t = xc.fma(V_LOG2E, V_MAGIC);
            FloatVector nf = t.sub(V_MAGIC);
            FloatVector r = nf.fma(V_NEG_LN2_HI, xc);
            r = nf.fma(V_NEG_LN2_LO, r);
            FloatVector p = r.fma(V_C7, V_C6);
            p = p.fma(r, V_C5);
            p = p.fma(r, V_C4);
            p = p.fma(r, V_C3);
            p = p.fma(r, V_C2);
            p = p.fma(r, V_ONE);
            p = p.fma(r, V_ONE);
            IntVector ni = t.reinterpretAsInts().sub(V_MAGIC_BITS);
            IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            IntVector n2 = ni.sub(n1);
            FloatVector s1 = n1.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = n2.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(s1).mul(s2);
            // ---- end exp block
            e.intoArray(out, outOff + row, m);
        }
        float sum = 0f;
        for (int row = 0; row < rows; row++) {
            sum = sum + out[outOff + row];
        }
        FloatVector inv = FloatVector.broadcast(S, 1f / sum);
        for (int row = 0; row < rows; row += L) {
            VectorMask<Float> m = S.indexInRange(row, rows);
            FloatVector.fromArray(S, out, outOff + row, m).mul(inv).intoArray(out, outOff + row, m);
        }
    }

    // =============================================================================================
    // Transformer layers: lane per stream, scalar chains for the columns past the last full vector
    // =============================================================================================

    @Override
    void attentionScoresKernel(float[] q, int qOff, float[] keys, int kOff, int keyStride, int n, int d, int b,
                               float scale, float[] out, int outOff) {
        for (int j = 0; j < n; j++) {
            int k0 = kOff + j * keyStride;
            int c0 = 0;
            for (; c0 + L <= b; c0 += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int i = 0; i < d; i++) {
                    acc = FloatVector.fromArray(S, q, qOff + i * b + c0)
                            .fma(FloatVector.fromArray(S, keys, k0 + i * b + c0), acc);
                }
                acc.mul(scale).intoArray(out, outOff + j * b + c0);
            }
            if (c0 < b) {
                ScalarTensorOps.attentionScoresTwin(q, qOff, keys, k0, 0, 1, d, b, c0, b, scale, out, outOff + j * b);
            }
        }
    }

    @Override
    void attentionMixKernel(float[] p, int pOff, float[] values, int vOff, int valueStride, int n, int d, int b,
                            float[] out, int outOff, boolean accumulate) {
        for (int i = 0; i < d; i++) {
            int o = outOff + i * b;
            int c0 = 0;
            for (; c0 + L <= b; c0 += L) {
                FloatVector acc = accumulate ? FloatVector.fromArray(S, out, o + c0) : FloatVector.zero(S);
                for (int j = 0; j < n; j++) {
                    acc = FloatVector.fromArray(S, p, pOff + j * b + c0)
                            .fma(FloatVector.fromArray(S, values, vOff + j * valueStride + i * b + c0), acc);
                }
                acc.intoArray(out, o + c0);
            }
            ScalarTensorOps.attentionMixTwin(p, pOff, values, vOff, valueStride, n, b, i, c0, b, out, outOff, accumulate);
        }
    }

    @Override
    void attentionOuterKernel(float[] p, int pOff, float[] x, int xOff, int n, int d, int b, float[] dst, int dOff,
                              int dstStride) {
        for (int j = 0; j < n; j++) {
            int d0 = dOff + j * dstStride;
            int pj = pOff + j * b;
            for (int i = 0; i < d; i++) {
                int o = d0 + i * b;
                int xi = xOff + i * b;
                int c0 = 0;
                for (; c0 + L <= b; c0 += L) {
                    FloatVector.fromArray(S, p, pj + c0).fma(FloatVector.fromArray(S, x, xi + c0),
                            FloatVector.fromArray(S, dst, o + c0)).intoArray(dst, o + c0);
                }
                ScalarTensorOps.attentionOuterTwin(pj, p, xi, x, c0, b, dst, o);
            }
        }
    }

    @Override
    void swigluKernel(float[] u, int uOff, int n, float[] out, int outOff) {
        swigluLoop(false, u, uOff, n, null, 0, out, outOff);
    }

    @Override
    void swigluBackwardKernel(float[] u, int uOff, int n, float[] dh, int dhOff, float[] du, int duOff) {
        swigluLoop(true, u, uOff, n, dh, dhOff, du, duOff);
    }

    /**
     * Lane-wise {@link ScalarTensorOps}' SwiGLU: forward (out = a · g · s) or backward (the gradients
     * of a and g from dh), s = sigmoid(g). One loop for both, so the exp block is written out once.
     */
    private static void swigluLoop(boolean backward, float[] u, int uOff, int n, float[] dh, int dhOff, float[] out,
                                   int outOff) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector a = FloatVector.fromArray(S, u, uOff + i, m);
            FloatVector g = FloatVector.fromArray(S, u, uOff + n + i, m);
            FloatVector v = g.abs().neg();
            // ---- exp block (see above), e = exp(−|g|)
            FloatVector xc = v.max(V_EXP_MIN).min(V_EXP_MAX);
            FloatVector t = xc.fma(V_LOG2E, V_MAGIC);
            FloatVector nf = t.sub(V_MAGIC);
            FloatVector r = nf.fma(V_NEG_LN2_HI, xc);
            r = nf.fma(V_NEG_LN2_LO, r);
            FloatVector p = r.fma(V_C7, V_C6);
            p = p.fma(r, V_C5);
            p = p.fma(r, V_C4);
            p = p.fma(r, V_C3);
            p = p.fma(r, V_C2);
            p = p.fma(r, V_ONE);
            p = p.fma(r, V_ONE);
            IntVector ni = t.reinterpretAsInts().sub(V_MAGIC_BITS);
            IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
            IntVector n2 = ni.sub(n1);
            FloatVector s1 = n1.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = n2.add(V_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(s1).mul(s2);
            // ---- end exp block
            FloatVector s = e.blend(V_ONE, g.compare(VectorOperators.GE, V_ZERO)).div(V_ONE.add(e));
            FloatVector silu = g.mul(s);
            if (backward) {
                FloatVector h = FloatVector.fromArray(S, dh, dhOff + i, m);
                h.mul(silu).intoArray(out, outOff + i, m);
                h.mul(a).mul(silu.fma(V_ONE.sub(s), s)).intoArray(out, outOff + n + i, m);
            } else {
                a.mul(silu).intoArray(out, outOff + i, m);
            }
        }
    }

    // =============================================================================================
    // Optimizer
    // =============================================================================================

    @Override
    void adamKernel(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                    float lr, float beta2, float oneMinusBeta2, float eps, float clip) {
        // Scalar reference: gc = min(max(g, −clip), clip); vv = fma(beta2, v, (1−beta2)·(gc·gc));
        // w = w − (lr·gc) / (sqrt(vv) + eps). Products commute exactly, so gc·lr == lr·gc.
        FloatVector vb2 = FloatVector.broadcast(S, beta2);
        FloatVector vomb2 = FloatVector.broadcast(S, oneMinusBeta2);
        FloatVector vlr = FloatVector.broadcast(S, lr);
        FloatVector veps = FloatVector.broadcast(S, eps);
        FloatVector vclip = FloatVector.broadcast(S, clip);
        FloatVector vnegClip = FloatVector.broadcast(S, -clip);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector gc = FloatVector.fromArray(S, g, gOff + i).max(vnegClip).min(vclip);
            FloatVector vv = vb2.fma(FloatVector.fromArray(S, v, vOff + i), gc.mul(gc).mul(vomb2));
            vv.intoArray(v, vOff + i);
            FloatVector.fromArray(S, w, wOff + i).sub(gc.mul(vlr).div(vv.sqrt().add(veps))).intoArray(w, wOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector gc = FloatVector.fromArray(S, g, gOff + i, m).max(vnegClip).min(vclip);
            FloatVector vv = vb2.fma(FloatVector.fromArray(S, v, vOff + i, m), gc.mul(gc).mul(vomb2));
            vv.intoArray(v, vOff + i, m);
            FloatVector.fromArray(S, w, wOff + i, m).sub(gc.mul(vlr).div(vv.sqrt().add(veps))).intoArray(w, wOff + i, m);
        }
    }
}
