package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.tensor.TensorOps;

/**
 * The transformer's back-propagation against central finite differences of a segment's loss, on a
 * tiny model, in its second segment (so that the memory of the first one, and the position biases
 * of the distances it brings, take part): every weight of every block (RMSNorm gains, Q/K/V,
 * position biases, attention output, SwiGLU layer), the final gain, a sample of the embedding and
 * of the output layer.
 */
class TransformerGradientTest {

    static final TransformerConfig TINY = new TransformerConfig(2, 8, 2, 6, 3, 4, 1e-2f, 1000f, 0.999f, 1e-8f, 1f, 7);
    private static final int ACTIVE_AT_END = 2; // the last step has an inactive stream, as at a block's end

    private static int[][] symbols(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] s = new int[TINY.segment()][TINY.streams()];
        for (int[] row : s) {
            for (int b = 0; b < row.length; b++) {
                row[b] = r.nextInt(6); // few distinct symbols: embeddings get several updates
            }
        }
        return s;
    }

    /** A predictor that has coded (and trained on) a first segment. */
    private static TransformerPredictor afterFirstSegment() {
        TransformerPredictor p = new TransformerPredictor(TINY, TensorOps.named("scalar"), 1);
        float[] probs = new float[TINY.streams() * 256];
        for (int[] step : symbols(3)) {
            p.predict(TINY.streams(), probs);
            p.update(TINY.streams(), step);
        }
        return p;
    }

    /** The second segment's cross-entropy in nats, with weight i shifted by delta after the first segment. */
    private static double loss(int i, float delta) {
        TransformerPredictor p = afterFirstSegment();
        if (i >= 0) {
            p.weightsForTest()[i] += delta;
        }
        return PredictorChecks.windowLoss(p, symbols(5), ACTIVE_AT_END);
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        TransformerPredictor p = afterFirstSegment();
        int[][] sym = symbols(5);
        PredictorChecks.windowLoss(p, sym, ACTIVE_AT_END);
        float[] grad = p.gradientForTest(ACTIVE_AT_END, sym[TINY.segment() - 1]).clone();
        int embedding = 256 * TINY.model();
        int output = grad.length - 256 * (TINY.model() + 1);
        SplittableRandom r = new SplittableRandom(11);
        int[] nonZero = {0};
        int[] nonZeroPerPart = new int[7];
        int[][] parts = {p.blockOffsetsForTest(0), p.blockOffsetsForTest(1)};
        StringBuilder failures = new StringBuilder();
        int checked = PredictorChecks.compareWithFiniteDifferences(grad,
                i -> !((i < embedding && i >= 6 * TINY.model()) || (i >= output && r.nextInt(20) != 0)),
                TransformerGradientTest::loss, failures, i -> {
                    nonZero[0]++;
                    for (int[] block : parts) {
                        for (int k = 0; k + 1 < block.length; k++) {
                            if (i >= block[k] && i < block[k + 1]) {
                                nonZeroPerPart[k]++;
                            }
                        }
                    }
                });
        assertTrue(failures.isEmpty(), "gradient mismatches:\n" + failures);
        assertTrue(checked > 900 && nonZero[0] > checked / 3, "checked " + checked + ", non-zero " + nonZero[0]);
        for (int k = 0; k < nonZeroPerPart.length; k++) { // every part of the blocks has a gradient the check saw
            assertTrue(nonZeroPerPart[k] > 0, "part " + k + " of the blocks has no non-zero gradient");
        }
    }
}
