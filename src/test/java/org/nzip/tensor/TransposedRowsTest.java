package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TensorOps#matmulTransposedRows} pieces, computed separately, must give exactly the bits of
 * the whole product (all rows in one call of the scalar twin), on every backend, and leave the rows
 * outside their range untouched: threads split products this way.
 */
class TransposedRowsTest {

    private static final int[][] SHAPES = {{1, 1}, {3, 2}, {17, 33}, {64, 70}, {1024, 288}, {256, 512}};
    private static final int[] BATCHES = {1, 7, 16, 17, 32};

    private static final TensorOps SCALAR = TensorOps.named("scalar");

    @Test
    void piecesEqualTheWholeOnEveryBackend() {
        for (String name : TensorOps.choices()) {
            if (name.equals(TensorOps.AUTO)) {
                continue;
            }
            TensorOps ops;
            try {
                ops = TensorOps.named(name);
            } catch (RuntimeException unavailable) {
                continue; // e.g. native without its library: covered by its own tests
            }
            for (int[] shape : SHAPES) {
                for (int b : BATCHES) {
                    check(ops, shape[0], shape[1], b);
                }
            }
        }
    }

    private static void check(TensorOps ops, int m, int k, int b) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + k * 7L + b);
        float[] w = KernelCases.random(rnd, m * k, 1f);
        float[] dy = KernelCases.random(rnd, m * b, 1f);
        float[] start = KernelCases.random(rnd, k * b, 1f);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] whole = start.clone();
            SCALAR.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, b, whole, 0, accumulate);
            float[] pieces = start.clone();
            int cut1 = k / 3;
            int cut2 = k / 2 + 1 > k ? k : k / 2 + 1;
            ops.matmulTransposedRows(w, 0, m, k, cut1, cut2, dy, 0, b, pieces, 0, accumulate);
            String what = ops.name() + " " + m + "x" + k + " b=" + b + " acc=" + accumulate;
            for (int i = 0; i < k * b; i++) {
                if (i < cut1 * b || i >= cut2 * b) {
                    assertEquals(Float.floatToRawIntBits(start[i]), Float.floatToRawIntBits(pieces[i]),
                            what + ": element " + i + " outside [" + cut1 + ", " + cut2 + ") was written");
                }
            }
            ops.matmulTransposedRows(w, 0, m, k, 0, cut1, dy, 0, b, pieces, 0, accumulate);
            ops.matmulTransposedRows(w, 0, m, k, cut2, k, dy, 0, b, pieces, 0, accumulate);
            BackendEqualityTest.assertSameBits(what, whole, pieces);
        }
    }

    @Test
    void rejectsARangeOutsideTheRows() {
        TensorOps ops = TensorOps.named("scalar");
        float[] w = new float[6];
        float[] dy = new float[2];
        float[] dx = new float[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.matmulTransposedRows(w, 0, 2, 3, 2, 4, dy, 0, 1, dx, 0, false));
        assertEquals("row range [2, 4) outside [0, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ops.matmulTransposedRows(w, 0, 2, 3, 2, 1, dy, 0, 1, dx, 0, false));
    }
}
