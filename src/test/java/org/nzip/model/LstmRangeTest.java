package org.nzip.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nzip.tensor.TensorOps;

/**
 * The forward pass of a range of streams, a step ahead of the others, gives every stream's
 * distribution the bits the whole batch's forward pass gives it (the pipelined schedule of
 * BlockCoder with two threads), across training windows and steps with fewer active streams.
 */
class LstmRangeTest {

    @ParameterizedTest
    // Not "vector" in process: training a whole LSTM with it here made C2 give up on a Vector API
    // kernel for the rest of the test JVM (HotKernelTest then ran it interpreted); KernelCases checks
    // the vector kernels at these widths, and DeterminismMatrixTest the vector backend end to end.
    @ValueSource(strings = {"scalar", "native"})
    void halvesAheadEqualTheWholeBatch(String backend) {
        TensorOps ops = PredictorChecks.backendOrAbort(backend);
        for (LstmConfig cfg : new LstmConfig[] {
                new LstmConfig(2, 24, 6, 5, 4, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 1),
                new LstmConfig(1, 40, 8, 16, 3, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 2)}) {
            PredictorChecks.halvesAheadEqualTheWholeBatch(cfg.describe() + " " + ops.name(),
                    () -> new LstmPredictor(cfg, ops, 1), 40);
        }
    }
}
