package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the own transcendentals against {@code Math} in double precision (whose error, well
 * below a float ulp, is negligible here), and their edge values.
 */
class FloatMathAccuracyTest {

    /** Max error in units of the float ulp of the reference, over samples in [lo, hi]. */
    private static double maxUlps(FloatUnary f, DoubleUnaryOperator ref, float lo, float hi, int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double worst = 0;
        float worstX = Float.NaN;
        for (int i = 0; i < samples; i++) {
            float x = i < 1000 ? lo + (hi - lo) * i / 999f : (float) (lo + (hi - lo) * rnd.nextDouble());
            double exact = ref.applyAsDouble(x);
            float got = f.apply(x);
            double ulp = Math.ulp((float) exact);
            double err = Math.abs(got - exact) / ulp;
            if (!(err <= worst)) {
                worst = err;
                worstX = x;
            }
        }
        if (Double.isNaN(worst) || worst > 100) {
            throw new AssertionError("error " + worst + " ulp at x=" + worstX);
        }
        return worst;
    }

    @FunctionalInterface
    interface FloatUnary {
        float apply(float x);
    }

    private static double sigmoidRef(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void expAccuracy() {
        double normal = maxUlps(FloatMath::exp, Math::exp, -87.3f, 88.72f, 400_000, 1);
        assertTrue(normal <= 2, "exp error " + normal + " ulp");
        double near0 = maxUlps(FloatMath::exp, Math::exp, -1f, 1f, 200_000, 2);
        assertTrue(near0 <= 2, "exp error near 0: " + near0 + " ulp");
        // gradual underflow: results are subnormal, error measured in subnormal ulps
        double sub = maxUlps(FloatMath::exp, Math::exp, -103.9f, -87.4f, 100_000, 3);
        assertTrue(sub <= 2, "exp subnormal error " + sub + " ulp");
    }

    @Test
    void expEdges() {
        assertEquals(1f, FloatMath.exp(0f));
        assertEquals(1f, FloatMath.exp(-0f));
        assertEquals(1f, FloatMath.exp(Float.MIN_VALUE));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(88.73f));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(1e30f));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(Float.POSITIVE_INFINITY));
        assertEquals((float) Math.exp(88.72f), FloatMath.exp(88.72f), Math.ulp((float) Math.exp(88.72f)) * 2);
        assertTrue(FloatMath.exp(88.7228f) < Float.POSITIVE_INFINITY);
        assertEquals(0f, FloatMath.exp(-104f));
        assertEquals(0f, FloatMath.exp(-1e30f));
        assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(FloatMath.exp(-103f) > 0f);
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
    }

    @Test
    void tanhAccuracy() {
        double wide = maxUlps(FloatMath::tanh, Math::tanh, -10f, 10f, 400_000, 4);
        assertTrue(wide <= 3, "tanh error " + wide + " ulp");
        double small = maxUlps(FloatMath::tanh, Math::tanh, -0.7f, 0.7f, 300_000, 5);
        assertTrue(small <= 3, "tanh error near 0: " + small + " ulp");
        double tiny = maxUlps(FloatMath::tanh, Math::tanh, -1e-3f, 1e-3f, 100_000, 6);
        assertTrue(tiny <= 3, "tanh error for tiny x: " + tiny + " ulp");
    }

    @Test
    void tanhEdges() {
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(FloatMath.tanh(0f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FloatMath.tanh(-0f)));
        assertEquals(Float.MIN_VALUE, FloatMath.tanh(Float.MIN_VALUE));
        assertEquals(-1e-30f, FloatMath.tanh(-1e-30f));
        for (float x : new float[] {9.1f, 10f, 50f, 89f, 1e6f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
            assertEquals(1f, FloatMath.tanh(x), "tanh(" + x + ")");
            assertEquals(-1f, FloatMath.tanh(-x), "tanh(" + -x + ")");
        }
        assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));
        // odd symmetry
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            float x = (float) (rnd.nextDouble() * 12);
            assertEquals(-FloatMath.tanh(x), FloatMath.tanh(-x));
        }
    }

    @Test
    void sigmoidAccuracy() {
        double wide = maxUlps(FloatMath::sigmoid, FloatMathAccuracyTest::sigmoidRef, -30f, 30f, 400_000, 8);
        assertTrue(wide <= 3, "sigmoid error " + wide + " ulp");
        double tail = maxUlps(FloatMath::sigmoid, FloatMathAccuracyTest::sigmoidRef, -103.9f, -30f, 100_000, 9);
        assertTrue(tail <= 3, "sigmoid error in the tail: " + tail + " ulp");
    }

    @Test
    void sigmoidEdges() {
        assertEquals(0.5f, FloatMath.sigmoid(0f));
        assertEquals(0.5f, FloatMath.sigmoid(-0f));
        for (float x : new float[] {17f, 20f, 100f, 1e30f, Float.POSITIVE_INFINITY}) {
            assertEquals(1f, FloatMath.sigmoid(x), "sigmoid(" + x + ")");
        }
        for (float x : new float[] {-104f, -200f, -1e30f, Float.NEGATIVE_INFINITY}) {
            assertEquals(0f, FloatMath.sigmoid(x), "sigmoid(" + x + ")");
        }
        assertTrue(FloatMath.sigmoid(-100f) > 0f);
        assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)));
    }
}
