package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.nzip.tensor.TensorOps;

/** The checks the networks share: ranges of streams against the whole batch, gradients against finite differences. */
final class PredictorChecks {

    private PredictorChecks() {}

    /** The named backend, or the calling test is aborted (skipped) when this JVM cannot run it. */
    static TensorOps backendOrAbort(String backend) {
        try {
            return TensorOps.named(backend);
        } catch (IllegalStateException | LinkageError e) {
            org.junit.jupiter.api.Assumptions.abort(backend + " is not available: " + e.getMessage());
            throw new AssertionError(e); // not reached
        }
    }

    /**
     * Two predictors made alike code the same random symbols for {@code steps} steps, one predicting
     * the whole batch, the other the two halves, a step ahead when it may (the coder's pipelined
     * order with two threads); every active stream's distribution must have the same bits.
     */
    static void halvesAheadEqualTheWholeBatch(String what, Supplier<Predictor> make, int steps) {
        try (Predictor full = make.get(); Predictor ranged = make.get()) {
            int b = full.streams();
            int h = b / 2;
            float[] whole = new float[b * Predictor.ALPHABET];
            float[] parts = new float[b * Predictor.ALPHABET];
            int[] sym = new int[b];
            SplittableRandom r = new SplittableRandom(7);
            ranged.predict(ranged.position(), 0, h, parts);
            ranged.predict(ranged.position(), h, b, parts);
            for (int t = 0; t < steps; t++) {
                int active = t % 9 == 8 ? b - 2 : b; // now and then a step with fewer active streams
                full.predict(active, whole);
                for (int s = 0; s < active; s++) {
                    for (int x = 0; x < Predictor.ALPHABET; x++) {
                        int i = s * Predictor.ALPHABET + x;
                        assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(parts[i]),
                                what + ": step " + t + ", stream " + s + ", symbol " + x);
                    }
                }
                for (int s = 0; s < b; s++) {
                    sym[s] = 'a' + r.nextInt(20);
                }
                full.update(active, sym);
                // the pipelined order: half A's symbols, A's next forward (unless the window ends), then B's
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
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Codes a window (sym[s] at step s; the last step with {@code activeAtEnd} streams) up to its
     * last step, which is predicted but not given; returns the window's cross-entropy in nats.
     */
    static double windowLoss(Predictor p, int[][] sym, int activeAtEnd) {
        float[] probs = new float[p.streams() * Predictor.ALPHABET];
        double loss = 0;
        int steps = sym.length;
        for (int s = 0; s < steps; s++) {
            int active = s == steps - 1 ? activeAtEnd : p.streams();
            p.predict(active, probs);
            for (int b = 0; b < active; b++) {
                loss -= Math.log(probs[b * Predictor.ALPHABET + sym[s][b]]);
            }
            if (s < steps - 1) {
                p.update(active, sym[s]);
            }
        }
        return loss;
    }

    /** The loss with weight i shifted by delta (i &lt; 0: unshifted). */
    interface ShiftedLoss {
        double loss(int i, float delta);
    }

    /**
     * Compares {@code grad[i]} with central differences of the loss (shift 1e-2) for every i
     * {@code include} accepts; mismatches are appended to {@code failures}, every index with a
     * gradient above 1e-3 goes to {@code nonZero}. Returns the number of weights checked.
     */
    static int compareWithFiniteDifferences(float[] grad, IntPredicate include, ShiftedLoss loss,
                                            StringBuilder failures, IntConsumer nonZero) {
        int checked = 0;
        for (int i = 0; i < grad.length; i++) {
            if (!include.test(i)) {
                continue;
            }
            float eps = 1e-2f;
            double numeric = (loss.loss(i, eps) - loss.loss(i, -eps)) / (2 * eps);
            double analytic = grad[i];
            double tol = 0.03 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 3e-3;
            if (Math.abs(numeric - analytic) > tol) {
                failures.append(String.format("w[%d]: analytic %.6f numeric %.6f%n", i, analytic, numeric));
            }
            checked++;
            if (Math.abs(analytic) > 1e-3) {
                nonZero.accept(i);
            }
        }
        return checked;
    }
}
