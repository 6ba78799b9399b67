package org.nzip.tensor;

/**
 * Deterministic scalar transcendental functions: {@code exp}, {@code tanh}, {@code sigmoid} on
 * {@code float}.
 *
 * <p>Every function is built only from {@code + - * /}, {@link Math#fma}, {@link Math#min},
 * {@link Math#max}, {@link Math#abs} and bit manipulation of the IEEE-754 representation, so
 * its result is bit-identical on every JVM, CPU and JIT mode. {@link VectorTensorOps} evaluates
 * exactly the same operation sequence lane-wise, which is what makes its results identical to
 * {@link ScalarTensorOps}; <b>any change here must be mirrored there</b> (the tests will catch a
 * mismatch).
 *
 * <p>Never use {@code Math.exp/tanh/log/pow}, {@code StrictMath} or the Vector API's
 * transcendental operators in predictor code: see "The determinism contract" in DESIGN.md.
 *
 * <h2>Accuracy (asserted by the tests)</h2>
 * <ul>
 *   <li>{@link #exp}: ≤ 2 ulp (measured 0.93) for results in the normal range; gradual underflow to
 *       subnormals and 0 (x &lt; −103.97 gives 0, −∞ gives 0); x &gt; 88.7228 gives +∞;
 *       NaN gives NaN.</li>
 *   <li>{@link #tanh}: ≤ 3 ulp (measured 1.5); odd; tanh(±0) = ±0; saturates to exactly ±1 for |x| ≥ 9.1;
 *       tanh(±∞) = ±1; NaN gives NaN.</li>
 *   <li>{@link #sigmoid}: ≤ 3 ulp (measured 2.4; including the tail x → −∞, which underflows gradually);
 *       sigmoid(0) = 0.5; saturates to exactly 1 for x ≥ 17; sigmoid(+∞) = 1,
 *       sigmoid(−∞) = 0; NaN gives NaN.</li>
 * </ul>
 * The payload of a NaN result is unspecified (only its NaN-ness is).
 */
public final class FloatMath {

    private FloatMath() {}

    // ---- exp: x = n·ln2 + r, |r| <= ln2/2, e^x = 2^n · P(r) ----

    /** Inputs are clamped to [EXP_MIN_ARG, EXP_MAX_ARG]; the clamp keeps n within [-150, 128]. */
    static final float EXP_MIN_ARG = -104f;
    static final float EXP_MAX_ARG = 89f;
    static final float LOG2E = 1.44269502f;
    /** 1.5·2^23: adding it rounds to an integer (round-to-nearest-even) held in the low mantissa bits. */
    static final float ROUND_MAGIC = 12582912f;
    static final int ROUND_MAGIC_BITS = 0x4B400000;
    /** −ln2 split in two: the high part has 12 significant bits so n·LN2_HI is exact for |n| ≤ 2^11. */
    static final float NEG_LN2_HI = -0.693145751953125f;
    static final float NEG_LN2_LO = -1.42860677e-6f;
    /** Taylor coefficients 1/k!, k = 2..7 (degree 7: truncation error &lt; 6e-9 relative on |r| ≤ 0.35). */
    static final float EXP_C2 = 0.5f;
    static final float EXP_C3 = 0.16666667f;
    static final float EXP_C4 = 0.041666668f;
    static final float EXP_C5 = 0.008333334f;
    static final float EXP_C6 = 0.0013888889f;
    static final float EXP_C7 = 1.9841270e-4f;

    /**
     * e<sup>x</sup>. Canonical evaluation (mirrored lane-wise by the vector backend):
     * <pre>
     * xc = min(max(x, −104), 89)
     * t  = fma(xc, LOG2E, 1.5·2^23);  n = t − 1.5·2^23          (n = round-half-even(xc·log2 e))
     * r  = fma(n, −LN2_HI, xc);  r = fma(n, −LN2_LO, r)
     * p  = C7; p = fma(p, r, Ck) for k = 6..2; p = fma(p, r, 1); p = fma(p, r, 1)
     * ni = bits(t) − bits(1.5·2^23);  n1 = ni &gt;&gt; 1;  n2 = ni − n1
     * result = (p · 2^n1) · 2^n2                                   (2^k built as bits (k+127)&lt;&lt;23)
     * </pre>
     */
    public static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_MIN_ARG), EXP_MAX_ARG);
        float t = Math.fma(xc, LOG2E, ROUND_MAGIC);
        float n = t - ROUND_MAGIC;
        float r = Math.fma(n, NEG_LN2_HI, xc);
        r = Math.fma(n, NEG_LN2_LO, r);
        float p = EXP_C7;
        p = Math.fma(p, r, EXP_C6);
        p = Math.fma(p, r, EXP_C5);
        p = Math.fma(p, r, EXP_C4);
        p = Math.fma(p, r, EXP_C3);
        p = Math.fma(p, r, EXP_C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int ni = Float.floatToRawIntBits(t) - ROUND_MAGIC_BITS;
        int n1 = ni >> 1;
        int n2 = ni - n1;
        float s1 = Float.intBitsToFloat((n1 + 127) << 23);
        float s2 = Float.intBitsToFloat((n2 + 127) << 23);
        return p * s1 * s2;
    }

    // ---- tanh ----

    /** Below this |x| the odd polynomial is used, at and above it the exp formula. */
    static final float TANH_SMALL = 0.625f;
    /** tanh(x) = x + x³·Q(x²) on |x| &lt; 0.625: Q fitted (relative-error minimax) for this project. */
    static final float TANH_Q0 = -0.33333280682563780f;
    static final float TANH_Q1 = 0.13331441581249237f;
    static final float TANH_Q2 = -0.05373971536755562f;
    static final float TANH_Q3 = 0.02063908986747265f;
    static final float TANH_Q4 = -0.0057049887254834175f;
    static final int SIGN_BIT = 0x80000000;

    /**
     * tanh(x). Canonical evaluation (mirrored lane-wise by the vector backend):
     * <pre>
     * a = |x|
     * small:  u = x·x;  q = Q4; q = fma(q, u, Qk) for k = 3..0;  small = fma(x·u, q, x)
     * large:  e = exp(−2·a);  large = (1 − e) / (1 + e)
     * result = (a &lt; 0.625 ? small : large) with the sign bit of x OR-ed in (makes tanh(−0) = −0;
     *          a no-op otherwise, since both branches already have the sign of x or are ≥ 0)
     * </pre>
     */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float u = x * x;
        float q = TANH_Q4;
        q = Math.fma(q, u, TANH_Q3);
        q = Math.fma(q, u, TANH_Q2);
        q = Math.fma(q, u, TANH_Q1);
        q = Math.fma(q, u, TANH_Q0);
        float small = Math.fma(x * u, q, x);
        float e = exp(-2f * a);
        float large = (1f - e) / (1f + e);
        float r = a < TANH_SMALL ? small : large;
        return Float.intBitsToFloat(Float.floatToRawIntBits(r) | (Float.floatToRawIntBits(x) & SIGN_BIT));
    }

    /**
     * The logistic function 1 / (1 + e<sup>−x</sup>). Canonical evaluation (mirrored lane-wise
     * by the vector backend):
     * <pre>
     * e = exp(−|x|);  result = (x &gt;= 0 ? 1 : e) / (1 + e)
     * </pre>
     */
    public static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float num = x >= 0f ? 1f : e;
        return num / (1f + e);
    }
}
