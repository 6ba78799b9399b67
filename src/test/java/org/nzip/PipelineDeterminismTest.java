package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nzip.codec.LstmCmConfig;
import org.nzip.codec.TransformerCmConfig;
import org.nzip.model.LstmConfig;
import org.nzip.tensor.TensorOps;

/**
 * With two threads the LSTM's forward passes run on a second thread, half of the streams at a time,
 * overlapped with the bitwise mixer (BlockCoder, ForwardPipeline); with one thread they run for all
 * streams at once. Both must write the same bytes, on every backend this JVM can run, and decode
 * each other's files — over inputs that span several blocks and training windows, with blocks whose
 * last step has fewer active streams, blocks shorter than one step, and an odd number of streams.
 * (DeterminismMatrixTest checks the same across JIT modes in child JVMs.)
 */
class PipelineDeterminismTest {

    /** 5 streams (halves of 2 and 3), windows of 6 steps. */
    private static final LstmConfig ODD = DeterminismProbe.TINY;
    /** 16 streams (halves of 8: narrower than a 512-bit vector), windows of 7 steps. */
    private static final LstmConfig EVEN = new LstmConfig(1, 40, 8, 16, 7, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 3);

    /**
     * Scalar and, where it loads, native. Not "vector" in process: training whole LSTMs with it here
     * made C2 give up on a Vector API kernel for the rest of the test JVM (HotKernelTest then ran it
     * interpreted); DeterminismMatrixTest checks the vector backend with 1 and 2 threads in child JVMs.
     */
    private static List<String> backends() {
        List<String> b = new ArrayList<>(List.of("scalar"));
        for (String name : List.of("native")) {
            try {
                TensorOps.named(name);
                b.add(name);
            } catch (IllegalStateException | LinkageError e) {
                // not available in this JVM
            }
        }
        return b;
    }

    private static void check(NzipOptions options, byte[] input) throws Exception {
        byte[] reference = null;
        for (String backend : backends()) {
            for (int threads : new int[] {1, 2}) {
                NzipOptions o = options.copy().backend(backend).threads(threads);
                byte[] packed = Nzip.compress(input, o);
                if (reference == null) {
                    reference = packed;
                }
                String mode = backend + " -T" + threads;
                assertArrayEquals(reference, packed, mode + " wrote different bytes");
                try (var in = new NzipInputStream(new java.io.ByteArrayInputStream(reference), o)) {
                    assertArrayEquals(input, in.readAllBytes(), mode + " decodes the reference to different bytes");
                }
            }
        }
    }

    @Test
    void oddStreamCountOverSeveralBlocks() throws Exception {
        // 1024-byte blocks: 204 full steps of 5 streams and a last step with 4 active (windows of 6 cut
        // by the blocks' ends), then a last block of 3 bytes (one step, 3 active streams)
        byte[] input = TestData.wordSalad(4 * 1024 + 3, 11);
        check(new NzipOptions().customModel(new LstmCmConfig(ODD, DeterminismProbe.TINY_BITS)).blockSize(1024), input);
    }

    @Test
    void evenStreamCountWithPartialLastSteps() throws Exception {
        // blocks of 1025 bytes: 64 full steps of 16 streams and a last step with 1 active
        byte[] input = TestData.wordSalad(3 * 1025 + 17, 12);
        check(new NzipOptions().customModel(new LstmCmConfig(EVEN, DeterminismProbe.TINY_BITS)).blockSize(1025), input);
    }

    @Test
    void transformerOverSeveralBlocks() throws Exception {
        // the tiny transformer's 5 streams in halves of 2 and 3, segments of 6 cut by the blocks' ends
        byte[] input = TestData.wordSalad(3 * 1024 + 3, 14);
        check(new NzipOptions().customModel(new TransformerCmConfig(DeterminismProbe.TINY_TRANSFORMER, DeterminismProbe.TINY_BITS))
                .blockSize(1024), input);
    }

    @Test
    void fastPresetWithItsTransformer() throws Exception {
        byte[] input = TestData.wordSalad(4000, 15);
        check(NzipOptions.of(Preset.FAST).network(Network.TRANSFORMER).modelBySize(false).blockSize(1500), input);
    }

    @Test
    void fastPreset() throws Exception {
        byte[] input = TestData.wordSalad(6000, 13);
        check(NzipOptions.of(Preset.FAST).modelBySize(false).blockSize(2500), input);
    }
}
