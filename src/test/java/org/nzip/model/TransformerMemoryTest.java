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
}
