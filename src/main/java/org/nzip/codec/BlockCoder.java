package org.nzip.codec;

import org.nzip.coder.CodingException;
import org.nzip.coder.Frequencies;
import org.nzip.coder.RangeDecoder;
import org.nzip.coder.RangeEncoder;
import org.nzip.mix.BitMixer;
import org.nzip.model.Predictor;
import org.nzip.tensor.TensorOps;

/**
 * Drives a model over one block at a time: the encoder and the decoder share this class, so both make
 * the same model calls in the same order. Each byte is coded as eight binary decisions whose
 * probabilities the {@link BitMixer} derives from the neural predictor's distribution (if the model
 * has one) and its own context models.
 *
 * <p>A block of {@code n} bytes is split into {@code B = streams} contiguous segments; segment
 * {@code s} has {@code n / B + (s < n % B ? 1 : 0)} bytes. Step {@code t} codes byte {@code t} of
 * every segment that long, in segment order. The models keep their state from one block to the
 * next, stored blocks included ({@link #absorb}).
 *
 * <p><b>Two threads.</b> With a predictor and two threads or more, the streams are coded in two
 * halves and the predictor's forward passes run on a second thread ({@link ForwardPipeline}): while
 * the mixer codes the second half of step {@code t}, the forward pass of the first half at step
 * {@code t + 1} runs — it needs only that half's symbols — and while the mixer codes the first half
 * of step {@code t + 1}, the second half's. The predictor's training at the end of its window needs
 * every stream: there the pipeline waits (the training shares its products between the threads by
 * output rows, inside the predictor). At these window ends the pipeline may go over to one thread
 * and back, whichever measures faster (another process may keep the other core busy). The encoder
 * and the decoder run the same steps, and every stream's distribution is the same whichever range
 * and thread computed it, so the output is the same with one thread or two.
 */
public final class BlockCoder implements AutoCloseable {

    /** Progress is reported about every this many coded symbols (at the first step boundary past it). */
    static final int PROGRESS_INTERVAL = 1 << 12; // 4 KiB: about a second of max

    /** Receives progress within a block. */
    @FunctionalInterface
    public interface Progress {
        /** {@code symbols} of the current block are coded, into about {@code codedBytes} bytes. */
        void advanced(int symbols, long codedBytes);

        Progress NONE = (s, c) -> {};
    }

    private final Predictor predictor; // null: the mixer works alone
    private final BitMixer bits;
    private final int streams;
    private final float[] probs;
    private final int[] freq = new int[Predictor.ALPHABET];
    private final int[] symbols;
    private final int[] starts;
    private final ForwardPipeline forward; // null when there is no predictor

    /** Builds the model, computing with the named backend ({@link #checkBackend}). */
    public BlockCoder(ModelConfig model, int threads, String backend) {
        this(model, threads, backend, new ForwardPipeline.Measured());
    }

    /** As the public constructor, with the schedule that chooses between one thread and two (tests). */
    BlockCoder(ModelConfig model, int threads, String backend, ForwardPipeline.Schedule schedule) {
        this.predictor = model.createPredictor(threads, () -> ops(backend));
        this.bits = model.createMixer();
        this.streams = model.streams();
        this.probs = predictor == null ? null : new float[streams * Predictor.ALPHABET];
        this.symbols = new int[streams];
        this.starts = new int[streams];
        this.forward = predictor == null ? null
                : new ForwardPipeline(predictor, probs, threads > 1, schedule);
    }

    /**
     * Bytes of heap a coder of this model needs, with the buffers of one block, when the first block
     * has {@code firstBlock} bytes (no later block is longer): the model, the raw block and its coded
     * form (a block whose coding is not shorter than itself is stored).
     */
    public static long memoryUsage(ModelConfig model, int firstBlock) {
        long probs = 4L * model.streams() * Predictor.ALPHABET; // (for a model with a predictor)
        return model.memoryUsage(firstBlock) + probs + 8L * model.streams() + 2L * firstBlock;
    }

    /**
     * Checks a compute backend name, one of {@link TensorOps#choices()}; returns it. {@code auto}
     * means the process-wide choice ({@link TensorOps#get()}, which honours {@code -Dnzip.ops}).
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static String checkBackend(String name) {
        if (TensorOps.choices().contains(name)) {
            return name;
        }
        throw new IllegalArgumentException("unknown backend '" + name + "' (valid: " + String.join(", ", TensorOps.choices()) + ")");
    }

    private static TensorOps ops(String backend) {
        return TensorOps.AUTO.equals(backend) ? TensorOps.get() : TensorOps.named(backend);
    }

    /**
     * Codes {@code data[0 .. n)} into {@code enc} (which is reset first). Returns whether the coded form
     * is shorter than the block; if not, the block is to be stored, and the coder stopped writing to
     * {@code enc} as soon as it knew (the models still learned the whole block).
     */
    public boolean encode(byte[] data, int n, RangeEncoder enc, Progress progress) {
        enc.reset();
        boolean coded = run(data, n, enc, progress);
        if (coded) {
            enc.finish();
            coded = enc.size() < n;
        }
        progress.advanced(n, coded ? enc.size() : n);
        return coded;
    }

    /** Lets the models learn {@code data[0 .. n)} without coding it: the decoder's side of a stored block. */
    public void absorb(byte[] data, int n, Progress progress) {
        run(data, n, null, progress);
        progress.advanced(n, n);
    }

    /** The encoder's pass; {@code enc == null} learns only. Returns false if it gave up coding. */
    private boolean run(byte[] data, int n, RangeEncoder enc, Progress progress) {
        Encoding pass = new Encoding(data, n, enc);
        schedule(n, pass, progress);
        return pass.coding;
    }

    /**
     * Decodes {@code n} bytes into {@code out[0 .. n)} from the coded stream {@code dec} was
     * initialised with, and checks that the stream ends exactly as the encoder ends it.
     */
    public void decode(RangeDecoder dec, byte[] out, int n, Progress progress) throws CodingException {
        schedule(n, new Decoding(dec, out), progress);
        dec.finish();
        progress.advanced(n, 0);
    }

    /** What a pass over a block does with each symbol the schedule gives it: encode, learn or decode it. */
    private interface Pass<E extends Exception> {
        /** Codes the byte at {@code index} of the block as stream {@code s}'s next symbol, bit by bit through the mixer; returns it. */
        int symbol(int s, int index) throws E;

        /** After each step. */
        default void afterStep() {}

        /** The coded bytes so far, for a progress report after {@code symbolsDone} symbols. */
        long codedBytes(int symbolsDone);
    }

    private final class Encoding implements Pass<RuntimeException> {
        private final byte[] data;
        private final int n;
        private final RangeEncoder enc;
        boolean coding;

        Encoding(byte[] data, int n, RangeEncoder enc) {
            this.data = data;
            this.n = n;
            this.enc = enc;
            this.coding = enc != null;
        }

        @Override
        public int symbol(int s, int index) {
            int x = data[index] & 0xFF;
            bits.beginSymbol(s, quantize(s));
            for (int k = 7; k >= 0; k--) {
                int y = (x >>> k) & 1;
                int p1 = bits.p1(); // also when only learning: update() trains what p1() computed
                if (coding) {
                    enc.encodeBit(p1, y);
                }
                bits.update(y);
            }
            return x;
        }

        @Override
        public void afterStep() {
            if (coding && enc.size() >= n) {
                coding = false; // it will be stored: no point coding the rest
            }
        }

        @Override
        public long codedBytes(int symbolsDone) {
            return coding ? enc.approximateSize() : symbolsDone;
        }
    }

    private final class Decoding implements Pass<CodingException> {
        private final RangeDecoder dec;
        private final byte[] out;

        Decoding(RangeDecoder dec, byte[] out) {
            this.dec = dec;
            this.out = out;
        }

        @Override
        public int symbol(int s, int index) throws CodingException {
            bits.beginSymbol(s, quantize(s));
            int x = 0;
            for (int k = 0; k < 8; k++) {
                int y = dec.decodeBit(bits.p1());
                bits.update(y);
                x = x << 1 | y;
            }
            out[index] = (byte) x;
            return x;
        }

        @Override
        public long codedBytes(int symbolsDone) {
            return 0;
        }
    }

    /** Runs the schedule below over a block of {@code n} bytes, giving each symbol to {@code pass}. */
    private <E extends Exception> void schedule(int n, Pass<E> pass, Progress progress) throws E {
        int steps = layout(n);
        startBlock(n, steps);
        int done = 0;
        int nextReport = PROGRESS_INTERVAL;
        for (int t = 0; t < steps; t++) {
            int active = activeStreams(n, t);
            boolean ahead = t + 1 < steps && predictsAhead();
            int parts = parts();
            for (int part = 0; part < parts; part++) {
                int from = bound(part);
                int to = Math.min(bound(part + 1), active);
                awaitDistributions();
                for (int s = from; s < to; s++) {
                    symbols[s] = pass.symbol(s, starts[s] + t);
                }
                endPart(part, active, ahead);
            }
            endStep(active, t + 1 < steps && !ahead);
            done += active;
            pass.afterStep();
            if (done >= nextReport) {
                progress.advanced(done, pass.codedBytes(done));
                nextReport = done + PROGRESS_INTERVAL;
            }
        }
    }

    // The schedule, the same for the encoder and the decoder. Per step, per part of the streams: wait
    // for the part's distributions, code its symbols, give them to the predictor and — unless the
    // predictor trains at the end of this step — release the part's forward pass of the next step.
    // After a step at which the predictor trained, release the next step's forward passes of all parts.

    private int parts() {
        return forward == null ? 1 : forward.parts();
    }

    private int bound(int part) {
        return forward == null ? (part == 0 ? 0 : streams) : forward.bound(part);
    }

    /** Whether the next step's distributions can be computed before this step ends: the predictor does not train at its end. */
    private boolean predictsAhead() {
        return predictor != null && predictor.position() + 1 < predictor.window();
    }

    private void awaitDistributions() {
        if (forward != null) {
            forward.await();
        }
    }

    /** The part's symbols are coded: tells the predictor, and releases the part's next forward pass if {@code ahead}. */
    private void endPart(int part, int active, boolean ahead) {
        if (predictor != null) {
            predictor.observe(bound(part), bound(part + 1), active, symbols);
            if (ahead) {
                forward.release(predictor.position() + 1, part);
            }
        }
    }

    /** Stream s's quantised distribution, or null when the mixer works without a predictor. */
    private int[] quantize(int s) {
        if (predictor == null) {
            return null;
        }
        Frequencies.quantize(probs, s * Predictor.ALPHABET, Predictor.ALPHABET, freq);
        return freq;
    }

    private void startBlock(int n, int steps) {
        if (predictor != null) {
            predictor.startBlock(n);
            if (steps > 0) {
                forward.windowEnded(true);
                releaseAll();
            }
        }
        bits.startBlock(n);
    }

    /** Ends the step; {@code releaseNext}: then releases the next step's forward passes of all parts. */
    private void endStep(int active, boolean releaseNext) {
        bits.endStep(active, symbols);
        if (predictor != null) {
            predictor.endStep(active);
            if (releaseNext) {
                forward.windowEnded(false);
                releaseAll();
            }
        }
    }

    private void releaseAll() {
        for (int part = 0; part < forward.parts(); part++) {
            forward.release(predictor.position(), part);
        }
    }

    /** Fills {@link #starts} for a block of {@code n} bytes and returns the number of steps. */
    private int layout(int n) {
        int base = n / streams;
        int extra = n % streams;
        int pos = 0;
        for (int s = 0; s < streams; s++) {
            starts[s] = pos;
            pos += base + (s < extra ? 1 : 0);
        }
        return base + (extra > 0 ? 1 : 0);
    }

    private int activeStreams(int n, int t) {
        return t < n / streams ? streams : n % streams;
    }

    /** Releases the worker threads, if any; the coder must not be used afterwards. */
    @Override
    public void close() {
        if (forward != null) {
            forward.close();
        }
        if (predictor != null) {
            predictor.close();
        }
    }
}
