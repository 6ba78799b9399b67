package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void rangesAndDimensionsAreCheckedUpFront(String backend) {
        TensorOps ops = TensorOps.named(backend);
        float[] w = new float[12], x = new float[8], y = new float[6];
        var e = assertThrows(IndexOutOfBoundsException.class, () -> ops.matmul(w, 1, 3, 4, x, 0, 2, y, 0, false));
        assertTrue(e.getMessage().startsWith("w: offset 1 + size 12"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> ops.matmul(w, 0, 3, 4, x, 0, 3, y, 0, false));
        assertTrue(e.getMessage().startsWith("x:"), e.getMessage());
        var a = assertThrows(IllegalArgumentException.class, () -> ops.matmul(w, 0, -1, 4, x, 0, 2, y, 0, false));
        assertTrue(a.getMessage().contains("m=-1"), a.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ops.add(x, 0, x, 0, y, 1, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> ops.dot(x, -1, x, 0, 2));
        assertThrows(NullPointerException.class, () -> ops.exp(null, 0, y, 0, 1));
        // nothing was written by the failed calls
        assertArrayEquals(new float[6], y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void overlapsAreRejectedButExactInPlaceIsAllowed(String backend) {
        TensorOps ops = TensorOps.named(backend);
        float[] buf = new float[64];
        var e = assertThrows(IllegalArgumentException.class, () -> ops.matmul(buf, 0, 2, 2, buf, 4, 2, buf, 6, false));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ops.tanh(buf, 0, buf, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> ops.adamUpdate(buf, 0, buf, 4, buf, 30, 8, 1f, 0.9f, 1e-8f, 1f));
        assertThrows(IllegalArgumentException.class,
                () -> ops.adamUpdate(buf, 0, buf, 10, buf, 30, 8, 1f, 0.9f, 1e-8f, -1f));
        float[] v = {-1f, 0f, 2f};
        ops.tanh(v, 0, v, 0, 3); // exact in-place is fine
        assertEquals(FloatMath.tanh(2f), v[2]);
        // zero-size calls are no-ops, even at the end of an array
        ops.matmul(buf, 64, 0, 5, buf, 0, 0, new float[0], 0, false);
        ops.softmax(buf, 64, 0, 3, buf, 64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void helpersAndSmallCasesAgreeWithTheDocumentedFormulas(String backend) {
        TensorOps ops = TensorOps.named(backend);
        // transpose
        float[] src = {1, 2, 3, 4, 5, 6}; // 2x3
        float[] dst = new float[6];
        ops.transpose(src, 0, 2, 3, dst, 0);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, dst);
        // rowSums
        float[] sums = {10, 20};
        ops.rowSums(src, 0, 2, 3, sums, 0, true);
        assertArrayEquals(new float[] {16, 35}, sums);
        // dot: 16 partials and the fold tree, checked against an explicit evaluation
        float[] a = new float[37], b = new float[37];
        var rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < 37; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        float[] p = new float[16];
        for (int i = 0; i < 37; i++) {
            p[i % 16] = Math.fma(a[i], b[i], p[i % 16]);
        }
        float expected = (((p[0] + p[8]) + (p[4] + p[12])) + ((p[2] + p[10]) + (p[6] + p[14])))
                + (((p[1] + p[9]) + (p[5] + p[13])) + ((p[3] + p[11]) + (p[7] + p[15])));
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(ops.dot(a, 0, b, 0, 37)));
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(TensorOps.tree16(p)));
        // matmulBias starts the chain at the bias
        float[] w = {2, 3}, x = {5, 7}, bias = {0.1f}, y = new float[1];
        ops.matmulBias(w, 0, 1, 2, bias, 0, x, 0, 1, y, 0);
        assertEquals(Math.fma(3f, 7f, Math.fma(2f, 5f, 0.1f)), y[0]);
        // softmax of a constant column is uniform
        float[] logits = new float[256 * 2];
        float[] prob = new float[256 * 2];
        ops.softmax(logits, 0, 256, 2, prob, 0);
        assertEquals(1f / 256, prob[0]);
        assertEquals(1f / 256, prob[511]);
    }
}
