package org.nzip.codec;

import org.nzip.coder.CodingException;
import org.nzip.coder.Frequencies;
import org.nzip.coder.RangeDecoder;
import org.nzip.coder.RangeEncoder;
import org.nzip.format.FormatException;
import org.nzip.format.ModelSpec;
import org.nzip.mix.BitMixer;
import org.nzip.model.Predictor;
import org.nzip.model.UniformPredictor;

/**
 * Drives a {@link Predictor} and the range coder over one block at a time. The encoder and the decoder
 * share this class, so both make the same predictor calls in the same order.
 *
 * <p>A block of {@code n} bytes is split into {@code B = predictor.streams()} contiguous segments;
 * segment {@code s} has {@code n / B + (s < n % B ? 1 : 0)} bytes. Step {@code t} codes byte
 * {@code t} of every segment that long, in segment order. The predictor keeps its state from one
 * block to the next.
 *
 * <p>Model kinds with a {@link BitMixer} code each byte as eight binary decisions whose probabilities
 * the mixer derives from the predictor's distribution and its own context models; the others code
 * each byte with the predictor's distribution directly.
 */
public final class BlockCoder implements AutoCloseable {

    /** Progress is reported about every this many coded symbols (at the first step boundary past it). */
    static final int PROGRESS_INTERVAL = 1 << 14;

    /** Receives progress within a block. */
    @FunctionalInterface
    public interface Progress {
        /** {@code symbols} of the current block are coded, into about {@code codedBytes} bytes. */
        void advanced(int symbols, long codedBytes);

        Progress NONE = (s, c) -> {};
    }

    private final Predictor predictor;
    private final BitMixer bits; // null: bytes are coded with the predictor's distribution
    private final boolean uniform; // the predictor says nothing: the bitwise mixer works alone
    private final int streams;
    private final float[] probs;
    private final int[] freq = new int[Predictor.ALPHABET];
    private final int[] symbols;
    private final int[] starts;

    public BlockCoder(ModelSpec spec, int threads, String backend) throws FormatException {
        this.predictor = Models.create(spec, threads, backend);
        this.bits = Models.createBitMixer(spec, predictor.streams());
        this.uniform = bits != null && predictor instanceof UniformPredictor;
        this.streams = predictor.streams();
        this.probs = new float[streams * Predictor.ALPHABET];
        this.symbols = new int[streams];
        this.starts = new int[streams];
    }

    /** Codes {@code data[0 .. n)} into {@code enc} (which is reset first) and finishes the stream. */
    public void encode(byte[] data, int n, RangeEncoder enc, Progress progress) {
        enc.reset();
        int steps = layout(n);
        startBlock(n);
        int done = 0;
        int nextReport = PROGRESS_INTERVAL;
        for (int t = 0; t < steps; t++) {
            int active = activeStreams(n, t);
            predictDistributions(active);
            for (int s = 0; s < active; s++) {
                int x = data[starts[s] + t] & 0xFF;
                int[] f = quantize(s);
                if (bits == null) {
                    throw new IllegalStateException("byte-wise coding was removed from the range coder");
                } else {
                    bits.beginSymbol(s, f);
                    for (int k = 7; k >= 0; k--) {
                        int y = (x >>> k) & 1;
                        enc.encodeBit(bits.p1(), y);
                        bits.update(y);
                    }
                }
                symbols[s] = x;
            }
            endStep(active);
            done += active;
            if (done >= nextReport) {
                progress.advanced(done, enc.approximateSize());
                nextReport = done + PROGRESS_INTERVAL;
            }
        }
        enc.finish();
        progress.advanced(n, enc.size());
    }

    /** Decodes {@code n} bytes into {@code out[0 .. n)} from the coded stream {@code dec} was initialised with. */
    public void decode(RangeDecoder dec, byte[] out, int n, Progress progress) throws CodingException {
        int steps = layout(n);
        startBlock(n);
        int done = 0;
        int nextReport = PROGRESS_INTERVAL;
        for (int t = 0; t < steps; t++) {
            int active = activeStreams(n, t);
            predictDistributions(active);
            for (int s = 0; s < active; s++) {
                int[] f = quantize(s);
                int x;
                if (bits == null) {
                    throw new IllegalStateException("byte-wise coding was removed from the range coder");
                } else {
                    bits.beginSymbol(s, f);
                    x = 0;
                    for (int k = 0; k < 8; k++) {
                        int y = dec.decodeBit(bits.p1());
                        bits.update(y);
                        x = x << 1 | y;
                    }
                }
                out[starts[s] + t] = (byte) x;
                symbols[s] = x;
            }
            endStep(active);
            done += active;
            if (done >= nextReport) {
                progress.advanced(done, 0);
                nextReport = done + PROGRESS_INTERVAL;
            }
        }
        progress.advanced(n, 0);
    }

    private void predictDistributions(int active) {
        if (!uniform) {
            predictor.predict(active, probs);
        }
    }

    /** Stream s's quantised distribution, or null when the bitwise mixer works without one. */
    private int[] quantize(int s) {
        if (uniform) {
            return null;
        }
        Frequencies.quantize(probs, s * Predictor.ALPHABET, Predictor.ALPHABET, freq);
        return freq;
    }

    private void startBlock(int n) {
        predictor.startBlock(n);
        if (bits != null) {
            bits.startBlock(n);
        }
    }

    private void endStep(int active) {
        predictor.update(active, symbols);
        if (bits != null) {
            bits.endStep(active, symbols);
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

    @Override
    public void close() {
        predictor.close();
    }
}
