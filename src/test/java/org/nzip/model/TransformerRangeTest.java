package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nzip.tensor.TensorOps;

/**
 * The transformer's forward pass of a range of streams, a step ahead of the others, gives every
 * stream's distribution the bits the whole batch's forward pass gives it (the pipelined schedule of
 * the coder with two threads), across segments (with memory) and steps with fewer active streams.
 */
class TransformerRangeTest {

    @ParameterizedTest
    // Not "vector" in process (see LstmRangeTest); TransformerDeterminismTest runs it in child JVMs.
    @ValueSource(strings = {"scalar", "native"})
    void halvesAheadEqualTheWholeBatch(String backend) {
        TensorOps ops;
        try {
            ops = TensorOps.named(backend);
        } catch (IllegalStateException | LinkageError e) {
            org.junit.jupiter.api.Assumptions.abort(backend + " is not available: " + e.getMessage());
            return;
        }
        check(ops, new TransformerConfig(2, 12, 3, 10, 5, 4, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 1));
        check(ops, new TransformerConfig(1, 16, 2, 24, 16, 3, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 2));
    }

    private static void check(TensorOps ops, TransformerConfig cfg) {
        int b = cfg.streams();
        int h = b / 2;
        float[] whole = new float[b * Predictor.ALPHABET];
        float[] parts = new float[b * Predictor.ALPHABET];
        int[] sym = new int[b];
        SplittableRandom r = new SplittableRandom(7);
        try (TransformerPredictor full = new TransformerPredictor(cfg, ops, 1);
             TransformerPredictor ranged = new TransformerPredictor(cfg, ops, 1)) {
            ranged.predict(ranged.position(), 0, h, parts);
            ranged.predict(ranged.position(), h, b, parts);
            for (int t = 0; t < 30; t++) {
                int active = t % 9 == 8 ? b - 2 : b; // now and then a step with fewer active streams
                full.predict(active, whole);
                for (int s = 0; s < active; s++) {
                    for (int x = 0; x < Predictor.ALPHABET; x++) {
                        int i = s * Predictor.ALPHABET + x;
                        assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(parts[i]),
                                cfg.describe() + " " + ops.name() + ": step " + t + ", stream " + s + ", symbol " + x);
                    }
                }
                for (int s = 0; s < b; s++) {
                    sym[s] = 'a' + r.nextInt(20);
                }
                full.update(active, sym);
                // the pipelined order: half A's symbols, A's next forward (unless the segment ends), then B's
                boolean ahead = ranged.position() + 1 < ranged.window();
                int next = ranged.position() + 1;
                ranged.observe(0, h, active, sym);
                if (ahead) {
                    ranged.predict(next, 0, h, parts);
                }
                ranged.observe(h, b, active, sym);
                if (ahead) {
                    ranged.predict(next, h, b, parts);
                }
                ranged.endStep(active);
                if (!ahead) {
                    ranged.predict(ranged.position(), 0, h, parts);
                    ranged.predict(ranged.position(), h, b, parts);
                }
            }
        }
    }
}
