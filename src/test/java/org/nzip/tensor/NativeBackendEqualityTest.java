package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C kernels must give the scalar twin's bits for every output element of every kernel, on every
 * path this CPU can run (AVX-512, AVX2, plain C), over the same cases as {@link BackendEqualityTest}
 * ({@link KernelCases}: sizes 1–70, 127–129, 255–257, 511–513, 1023–1025, many batch widths, special
 * values for the activations). Skipped only when this build compiled no library (see
 * {@link NativeTestSupport}).
 */
class NativeBackendEqualityTest {

    private static TensorOps scalar;

    @BeforeAll
    static void backends() {
        NativeTestSupport.requireNativeOrSkip();
        scalar = TensorOps.named("scalar");
    }

    static Stream<String> isas() {
        NativeTestSupport.requireNativeOrSkip();
        List<String> isas = NativeTestSupport.supportedIsas();
        assertTrue(isas.contains("generic"), "the plain-C path must always be there: " + isas);
        return isas.stream();
    }

    /** Runs the same cases on the scalar twin and on {@code other}, comparing raw bits case by case. */
    private static void compare(TensorOps other, BiConsumer<TensorOps, BiConsumer<String, float[]>> cases) {
        BackendEqualityTest.compare(scalar, other, cases);
    }

    @ParameterizedTest
    @MethodSource("isas")
    void elementwiseAndAdam(String isa) {
        compare(NativeTensorOps.forIsa(isa), KernelCases::elementwise);
    }

    @ParameterizedTest
    @MethodSource("isas")
    void products(String isa) {
        compare(NativeTensorOps.forIsa(isa), KernelCases::products);
    }

    @ParameterizedTest
    @MethodSource("isas")
    void columnwise(String isa) {
        compare(NativeTensorOps.forIsa(isa), KernelCases::columnwise);
    }

    /** The LSTM presets' own shapes (B = 16; gates 4H × K, output 256 × layers·H), forward and backward. */
    @ParameterizedTest
    @MethodSource("isas")
    void presetShapes(String isa) {
        TensorOps ops = NativeTensorOps.forIsa(isa);
        int[][] shapes = {{512, 144}, {256, 128}, {768, 208}, {256, 192}, {1024, 288}, {1024, 544}, {256, 512}, {1408, 384}, {1408, 736},
                {256, 1408}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], b = 16;
            var r = KernelCases.rnd("preset " + m + "x" + k);
            float[] w = KernelCases.random(r, m * k, 0.1f), x = KernelCases.random(r, k * b, 1);
            float[] bias = KernelCases.random(r, m, 1), dy = KernelCases.random(r, m * b, 1);
            float[] y1 = new float[m * b], y2 = new float[m * b];
            scalar.matmulBias(w, 0, m, k, bias, 0, x, 0, b, y1, 0);
            ops.matmulBias(w, 0, m, k, bias, 0, x, 0, b, y2, 0);
            BackendEqualityTest.assertSameBits("matmulBias " + m + "x" + k, y1, y2);
            float[] dx1 = new float[k * b], dx2 = new float[k * b];
            scalar.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, b, dx1, 0, false);
            ops.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, b, dx2, 0, false);
            BackendEqualityTest.assertSameBits("matmulTransposedRows " + m + "x" + k, dx1, dx2);
            float[] xT = new float[k * b];
            scalar.transpose(x, 0, k, b, xT, 0);
            float[] dw1 = KernelCases.random(r, m * k, 1), dw2 = dw1.clone();
            scalar.outerAccumulate(dy, 0, m, xT, 0, k, b, dw1, 0);
            ops.outerAccumulate(dy, 0, m, xT, 0, k, b, dw2, 0);
            BackendEqualityTest.assertSameBits("outerAccumulate " + m + "x" + k, dw1, dw2);
        }
    }

    /** min/max in the C code follow Math.min/max: NaN wins and −0 &lt; +0 (Adam's clip, softmax's max). */
    @ParameterizedTest
    @MethodSource("isas")
    void javaMinMaxSemantics(String isa) {
        TensorOps ops = NativeTensorOps.forIsa(isa);
        float[] specials = KernelCases.SPECIALS;
        int n = specials.length * 3;
        for (float clip : new float[] {0f, -0f, 1f, Float.POSITIVE_INFINITY}) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = specials[i % specials.length];
            }
            float[][] ws = {new float[n], new float[n]}, vs = {new float[n], new float[n]};
            scalar.adamUpdate(ws[0], 0, g, 0, vs[0], 0, n, 1e-3f, 0.99f, 1e-8f, clip);
            ops.adamUpdate(ws[1], 0, g, 0, vs[1], 0, n, 1e-3f, 0.99f, 1e-8f, clip);
            BackendEqualityTest.assertSameBits("adam w clip=" + clip, ws[0], ws[1]);
            BackendEqualityTest.assertSameBits("adam v clip=" + clip, vs[0], vs[1]);
        }
        for (int b : new int[] {1, 16, 17}) { // columns of signed zeros, NaN, infinities
            float[] x = new float[7 * b];
            for (int i = 0; i < x.length; i++) {
                x[i] = specials[(i * 7) % specials.length];
            }
            float[] o1 = new float[x.length], o2 = new float[x.length];
            scalar.softmax(x, 0, 7, b, o1, 0);
            ops.softmax(x, 0, 7, b, o2, 0);
            BackendEqualityTest.assertSameBits("softmax specials b=" + b, o1, o2);
        }
    }

    @Test
    void selectionAndDescription() {
        TensorOps ops = TensorOps.named("native");
        assertEquals("native", ops.name());
        assertEquals("native (C, " + NativeTestSupport.bestIsa() + ")", ops.description());
        assertTrue(TensorOps.choices().contains("native"));
        assertThrows(IllegalStateException.class, () -> NativeTensorOps.forIsa("sse9"));
        assertFalse(NativeTestSupport.supportedIsas().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("isas")
    void transformer(String isa) {
        compare(NativeTensorOps.forIsa(isa), KernelCases::transformer);
    }
}
