package org.nzip.model;

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
        TensorOps ops = PredictorChecks.backendOrAbort(backend);
        for (TransformerConfig cfg : new TransformerConfig[] {
                new TransformerConfig(2, 12, 3, 10, 5, 4, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 1),
                new TransformerConfig(1, 16, 2, 24, 16, 3, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 2)}) {
            PredictorChecks.halvesAheadEqualTheWholeBatch(cfg.describe() + " " + ops.name(),
                    () -> new TransformerPredictor(cfg, ops, 1), 30);
        }
    }
}
