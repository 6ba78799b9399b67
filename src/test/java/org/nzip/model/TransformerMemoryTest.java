package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nzip.tensor.TensorOps;

/**
 * {@link TransformerPredictor#memoryUsage} is what the constructor allocates (within 5 %, array
 * headers and small objects aside): the memory limit of the format will be computed from it.
 */
class TransformerMemoryTest {

    @Test
    void memoryUsageIsWhatTheConstructorAllocates() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled(), "thread allocation not measurable");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TensorOps ops = TensorOps.named("scalar");
        for (TransformerConfig cfg : new TransformerConfig[] {
                new TransformerConfig(2, 64, 4, 128, 16, 32, 1e-3f, 1000f, 0.9999f, 1e-5f, 1f, 1),
                new TransformerConfig(1, 96, 3, 256, 32, 16, 1e-3f, 1000f, 0.9999f, 1e-5f, 1f, 1),
                new TransformerConfig(4, 128, 8, 256, 8, 64, 1e-3f, 1000f, 0.9999f, 1e-5f, 1f, 1)}) {
            new TransformerPredictor(cfg, ops, 1).close(); // loads the classes
            long a0 = threads.getCurrentThreadAllocatedBytes();
            TransformerPredictor p = new TransformerPredictor(cfg, ops, 1);
            long allocated = threads.getCurrentThreadAllocatedBytes() - a0;
            p.close();
            long computed = TransformerPredictor.memoryUsage(cfg);
            double ratio = allocated / (double) computed;
            assertTrue(ratio >= 1.0 && ratio < 1.05, cfg.describe() + ": allocated " + allocated + ", computed "
                    + computed + " (" + ratio + ")");
        }
    }

    @Test
    void codingAndTrainingAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled(), "thread allocation not measurable");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TransformerConfig cfg = new TransformerConfig(2, 16, 2, 24, 6, 4, 1e-3f, 1000f, 0.9999f, 1e-5f, 1f, 1);
        int b = cfg.streams();
        float[] probs = new float[b * Predictor.ALPHABET];
        int[] sym = new int[b];
        try (TransformerPredictor p = new TransformerPredictor(cfg, TensorOps.named("scalar"), 1)) {
            long bytes = -1;
            for (int segment = 0; segment < 20 && bytes != 0; segment++) { // until a segment runs allocation-free
                long a0 = threads.getCurrentThreadAllocatedBytes();
                for (int t = 0; t < cfg.segment(); t++) {
                    p.predict(p.position(), b / 2, b / 2, probs); // an empty range
                    p.predict(p.position(), 0, b / 2, probs);
                    p.predict(p.position(), b / 2, b, probs);
                    p.predict(b, probs);
                    for (int s = 0; s < b; s++) {
                        sym[s] = 'a' + (t * 7 + s * 3 + segment) % 26;
                    }
                    p.update(b, sym);
                }
                bytes = threads.getCurrentThreadAllocatedBytes() - a0;
            }
            assertTrue(bytes == 0, "a segment still allocated " + bytes + " bytes");
        }
    }
}
