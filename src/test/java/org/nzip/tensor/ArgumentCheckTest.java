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
        float[] w = new float[12], x = new float[8], y = new float[6], bias = new float[3];
        var e = assertThrows(IndexOutOfBoundsException.class, () -> ops.matmulBias(w, 1, 3, 4, bias, 0, x, 0, 2, y, 0));
        assertTrue(e.getMessage().startsWith("w: offset 1 + size 12"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> ops.matmulBias(w, 0, 3, 4, bias, 0, x, 0, 3, y, 0));
        assertTrue(e.getMessage().startsWith("x:"), e.getMessage());
        var a = assertThrows(IllegalArgumentException.class, () -> ops.matmulBias(w, 0, -1, 4, bias, 0, x, 0, 2, y, 0));
        assertTrue(a.getMessage().contains("m=-1"), a.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ops.matmulTransposedRows(w, 0, 4, 3, 0, 3, x, 0, 3, y, 0, false));
        // a piece of a product: the column range within the matrix, X sized by the range
        var c = assertThrows(IllegalArgumentException.class, () -> ops.matmulColumns(w, 0, 3, 4, 2, 5, bias, 0, x, 0, 2, y, 0));
        assertTrue(c.getMessage().contains("[2, 5)"), c.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> ops.matmulColumns(w, 0, 3, 4, 0, 3, null, 0, x, 4, 2, y, 0));
        assertTrue(e.getMessage().startsWith("x:"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ops.matmulColumnsTransposed(w, 0, 3, 4, 1, 4, bias, 1, x, 0, 2, y, 0));
        e = assertThrows(IndexOutOfBoundsException.class, () -> ops.matmul(w, 0, 3, 4, x, 1, 2, y, 0));
        assertTrue(e.getMessage().startsWith("x:"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ops.matmul(w, 0, 3, 4, x, 0, 2, y, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> ops.tanh(x, 0, y, 1, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> ops.sigmoid(x, -1, y, 0, 2));
        assertThrows(NullPointerException.class, () -> ops.tanh(null, 0, y, 0, 1));
        // nothing was written by the failed calls
        assertArrayEquals(new float[6], y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void overlapsAreRejectedButExactInPlaceIsAllowed(String backend) {
        TensorOps ops = TensorOps.named(backend);
        float[] buf = new float[64];
        var e = assertThrows(IllegalArgumentException.class, () -> ops.matmulBias(buf, 0, 2, 2, buf, 20, buf, 4, 2, buf, 6));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ops.tanh(buf, 0, buf, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> ops.adamUpdate(buf, 0, buf, 4, buf, 30, 8, 1f, 0.9f, 1e-8f, 1f));
        assertThrows(IllegalArgumentException.class,
                () -> ops.adamUpdate(buf, 0, buf, 10, buf, 30, 8, 1f, 0.9f, 1e-8f, -1f));
        float[] v = {-1f, 0f, 2f};
        ops.tanh(v, 0, v, 0, 3); // exact in-place is fine
        assertEquals(FloatMath.tanh(2f), v[2]);
        // zero-size calls are no-ops, even at the end of an array
        ops.matmulBias(buf, 64, 0, 5, buf, 64, buf, 0, 0, new float[0], 0);
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
        // matmulBias starts the chain at the bias
        float[] w = {2, 3}, x = {5, 7}, bias = {0.1f}, y = new float[1];
        ops.matmulBias(w, 0, 1, 2, bias, 0, x, 0, 1, y, 0);
        assertEquals(Math.fma(3f, 7f, Math.fma(2f, 5f, 0.1f)), y[0]);
        // matmulTransposedRows: one chain over m per row of dX, rows outside [kFrom, kTo) untouched
        float[] w2 = {0.3f, 2, 3, 4, 5.7f, 6}, dy = {7.1f, 11}, dx = {-1, -1, -1}; // W 2x3, B = 1
        ops.matmulTransposedRows(w2, 0, 2, 3, 1, 3, dy, 0, 1, dx, 0, false);
        assertArrayEquals(new float[] {-1, Math.fma(5.7f, 11f, Math.fma(2f, 7.1f, 0f)), Math.fma(6f, 11f, Math.fma(3f, 7.1f, 0f))}, dx);
        // softmax of a constant column is uniform
        float[] logits = new float[256 * 2];
        float[] prob = new float[256 * 2];
        ops.softmax(logits, 0, 256, 2, prob, 0);
        assertEquals(1f / 256, prob[0]);
        assertEquals(1f / 256, prob[511]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void transformerKernelsCheckTheirSpansAndFollowTheirFormulas(String backend) {
        TensorOps ops = TensorOps.named(backend);
        // q (d=2, B=1) against 3 keys of 2 rows, blocks 4 floats apart
        float[] q = {1f, 2f};
        float[] keys = {1f, 0f, 9f, 9f, 0f, 1f, 9f, 9f, 3f, -1f};
        float[] scores = new float[3];
        ops.attentionScores(q, 0, keys, 0, 4, 3, 2, 1, 0.5f, scores, 0);
        assertArrayEquals(new float[] {0.5f, 1f, 0.5f}, scores);
        float[] mixed = new float[2];
        ops.attentionMix(new float[] {1f, 2f, 1f}, 0, keys, 0, 4, 3, 2, 1, mixed, 0, false);
        assertArrayEquals(new float[] {4f, 1f}, mixed);
        float[] dk = new float[10];
        ops.attentionOuter(new float[] {1f, 0f, 2f}, 0, q, 0, 3, 2, 1, dk, 0, 4);
        assertArrayEquals(new float[] {1f, 2f, 0f, 0f, 0f, 0f, 0f, 0f, 2f, 4f}, dk);
        // a stride shorter than a block, a span past the array's end, an output inside the span
        assertThrows(IllegalArgumentException.class, () -> ops.attentionScores(q, 0, keys, 0, 1, 3, 2, 1, 1f, scores, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ops.attentionScores(q, 0, keys, 2, 4, 3, 2, 1, 1f, scores, 0));
        assertThrows(IllegalArgumentException.class, () -> ops.attentionMix(scores, 0, keys, 0, 4, 3, 2, 1, keys, 2, false));
        // SwiGLU: a · g · sigmoid(g)
        float[] u = {2f, 0f, 1f, 3f};
        float[] h = new float[2];
        ops.swiglu(u, 0, 2, h, 0);
        assertEquals(2f * (1f * FloatMath.sigmoid(1f)), h[0]);
        assertEquals(0f, h[1]);
        assertThrows(IllegalArgumentException.class, () -> ops.swiglu(u, 0, 2, u, 2));
        // RMSNorm of (3, 4): rms = sqrt(12.5)
        float[] x = {3f, 4f};
        float[] out = new float[2];
        float[] inv = new float[1];
        ops.rmsNorm(x, 0, 2, 1, new float[] {1f, 2f}, 0, 0f, out, 0, inv, 0);
        assertEquals(1f / (float) Math.sqrt(12.5f), inv[0]);
        assertEquals(4f * inv[0] * 2f, out[1]);
        assertThrows(IllegalArgumentException.class, () -> ops.rmsNorm(x, 0, 2, 1, x, 0, 0f, x, 0, inv, 0));
    }
}
