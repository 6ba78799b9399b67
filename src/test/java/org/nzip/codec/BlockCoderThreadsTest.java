package org.nzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.coder.RangeDecoder;
import org.nzip.coder.RangeEncoder;
import org.nzip.TestModels;
import org.nzip.mix.BitMixConfig;
import org.nzip.model.LstmConfig;
import org.nzip.model.LstmPredictor;

/**
 * One thread, two threads, and two threads that go over to one and back at every training window
 * (and so at every point where the pipeline may switch) code blocks into the same bytes and decode
 * each other's: the schedule that chooses the threads never changes the output.
 */
class BlockCoderThreadsTest {

    private static final BitMixConfig BITS = TestModels.tinyMixer();

    private static byte[] text(int n, long seed) {
        String[] words = {"the ", "pipe", "line ", "of ", "streams ", "and ", "bits, ", "mixer\n", "LSTM "};
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        while (b.length() < n) {
            b.append(words[r.nextInt(words.length)]);
        }
        return Arrays.copyOf(b.toString().getBytes(StandardCharsets.ISO_8859_1), n);
    }

    private static byte[][] encodeAll(ModelConfig model, BlockCoder coder, byte[][] blocks) {
        byte[][] out = new byte[blocks.length][];
        RangeEncoder enc = new RangeEncoder(1 << 12);
        for (int i = 0; i < blocks.length; i++) {
            boolean coded = coder.encode(blocks[i], blocks[i].length, enc, BlockCoder.Progress.NONE);
            out[i] = coded ? Arrays.copyOf(enc.buffer(), enc.size()) : null; // null: to be stored
            assertTrue(coded || blocks[i].length < 100, "block " + i + " is coded");
        }
        return out;
    }

    private static void check(LstmConfig lstm) throws Exception {
        ModelConfig model = new LstmCmConfig(lstm, BITS);
        // blocks whose last step has fewer active streams, one shorter than a step, windows cut by blocks
        byte[][] blocks = {text(1000, 1), text(lstm.streams() * 37 + 1, 2), text(lstm.streams() - 1, 3), text(777, 4)};
        ForwardPipeline.Schedule[] schedules = {
                (nanos, way) -> way,   // always halves
                (nanos, way) -> way == ForwardPipeline.Way.HALVES ? ForwardPipeline.Way.ONE_THREAD
                        : ForwardPipeline.Way.HALVES, // switch at every window end
                new ForwardPipeline.Measured(),
                new Rotate(),          // every way in turn, shared products included when offered
        };
        byte[][] reference;
        try (BlockCoder one = new BlockCoder(model, 1, "scalar")) {
            reference = encodeAll(model, one, blocks);
        }
        for (ForwardPipeline.Schedule schedule : schedules) {
            try (BlockCoder two = new BlockCoder(model, 2, "scalar", schedule)) {
                byte[][] coded = encodeAll(model, two, blocks);
                for (int i = 0; i < blocks.length; i++) {
                    assertArrayEquals(reference[i], coded[i], lstm.describe() + ": block " + i);
                }
            }
            try (BlockCoder two = new BlockCoder(model, 2, "scalar", schedule)) {
                RangeDecoder dec = new RangeDecoder();
                for (int i = 0; i < blocks.length; i++) {
                    if (reference[i] == null) { // a stored block: the decoder's models learn it
                        two.absorb(blocks[i], blocks[i].length, BlockCoder.Progress.NONE);
                        continue;
                    }
                    dec.init(reference[i], 0, reference[i].length);
                    byte[] back = new byte[blocks[i].length];
                    two.decode(dec, back, back.length, BlockCoder.Progress.NONE);
                    assertArrayEquals(blocks[i], back, lstm.describe() + ": decoded block " + i);
                }
            }
        }
    }

    /** Takes the next of the ways offered at every window end. */
    private static final class Rotate implements ForwardPipeline.Schedule {
        private final java.util.List<ForwardPipeline.Way> ways = new java.util.ArrayList<>();

        @Override
        public void ways(java.util.List<ForwardPipeline.Way> offered) {
            ways.addAll(offered);
        }

        @Override
        public ForwardPipeline.Way next(long nanos, ForwardPipeline.Way way) {
            return ways.get((ways.indexOf(way) + 1) % ways.size());
        }
    }

    @Test
    void oddStreams() throws Exception {
        check(new LstmConfig(2, 12, 5, 5, 4, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 5));
    }

    @Test
    void evenStreams() throws Exception {
        check(new LstmConfig(1, 20, 6, 16, 3, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 6));
    }

    /** An LSTM large enough to share its products with a thread of its own (2·H·K·B ≥ 2^20). */
    @Test
    void sharedProducts() throws Exception {
        LstmConfig lstm = new LstmConfig(1, 180, 16, 16, 3, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 7);
        try (LstmPredictor p = new LstmPredictor(lstm, org.nzip.tensor.TensorOps.named("scalar"), 2)) {
            assertTrue(p.sharesProducts());
        }
        check(lstm);
    }
}
