package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.tensor.TensorOps;

/**
 * Back-propagation through time is checked against central finite differences of the window's loss
 * on a tiny model: a wrong index or sign in the backward pass would still round-trip (both sides
 * make the same mistake) but would learn badly, so only this test can catch it.
 */
class LstmGradientTest {

    private static final LstmConfig TINY = new LstmConfig(2, 5, 3, 3, 4, 1e-3f, 1000f, 0.999f, 1e-8f, 1f, 42);
    private static final int ACTIVE_AT_END = 2; // the last step has an inactive stream, as at a block's end

    private static int[][] symbols() {
        SplittableRandom r = new SplittableRandom(5);
        int[][] s = new int[TINY.bptt()][TINY.streams()];
        for (int[] row : s) {
            for (int b = 0; b < row.length; b++) {
                row[b] = r.nextInt(6); // few distinct symbols: embeddings get several updates
            }
        }
        return s;
    }

    /** The window's cross-entropy in nats, with weight i shifted by delta. */
    private static double loss(int i, float delta) {
        LstmPredictor p = new LstmPredictor(TINY, TensorOps.named("scalar"), 1);
        if (i >= 0) {
            p.weightsForTest()[i] += delta;
        }
        return PredictorChecks.windowLoss(p, symbols(), ACTIVE_AT_END);
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        LstmPredictor p = new LstmPredictor(TINY, TensorOps.named("scalar"), 1);
        int[][] sym = symbols();
        PredictorChecks.windowLoss(p, sym, ACTIVE_AT_END);
        float[] grad = p.gradientForTest(ACTIVE_AT_END, sym[TINY.bptt() - 1]).clone();
        int n = grad.length;
        SplittableRandom r = new SplittableRandom(11);
        StringBuilder failures = new StringBuilder();
        int[] nonZero = {0};
        // Every weight of the small layers, a sample of the embedding and output rows.
        int checked = PredictorChecks.compareWithFiniteDifferences(grad, i -> {
            boolean embedding = i < 256 * TINY.embed();
            boolean output = i >= n - 256 * (TINY.layers() * TINY.hidden() + 1);
            return !((embedding && i >= 6 * TINY.embed()) || (output && r.nextInt(20) != 0));
        }, LstmGradientTest::loss, failures, i -> nonZero[0]++);
        assertTrue(failures.isEmpty(), "gradient mismatches:\n" + failures);
        assertTrue(checked > 300 && nonZero[0] > checked / 3, "checked " + checked + ", non-zero " + nonZero[0]);
    }
}
