package org.nzip.codec;

import org.nzip.format.FormatException;
import org.nzip.format.Params;
import org.nzip.mix.BitMixConfig;
import org.nzip.mix.BitMixer;
import org.nzip.model.Predictor;
import java.util.function.Supplier;
import org.nzip.tensor.TensorOps;

/**
 * A model kind with its validated parameters: everything the decoder needs to rebuild the exact model,
 * stored in the stream's header. One record per kind; a new kind is a new record permitted here and
 * one arm of {@link #read}.
 *
 * <p>The records check each parameter's range; {@link #checkWork} checks the work per byte, and
 * {@link #memoryUsage} gives the memory need, so a decoder can refuse a model before anything
 * large is allocated.
 */
public sealed interface ModelConfig permits LstmCmConfig, CmConfig, TransformerCmConfig {

    /**
     * Largest number of multiply-adds a model may spend per coded byte: about four times what the
     * {@code max} preset spends (12.2 M), so no accepted header can cost much more time than the
     * slowest preset.
     */
    long MAX_WORK_PER_BYTE = 50_000_000L;

    /** The kind code in the header. */
    int kind();

    /** Number of streams a block is split into. */
    int streams();

    /** The bitwise mixer's parameters. */
    BitMixConfig mixer();

    /** A readable one-line description. */
    String describe();

    /** Appends the parameters to a header, in the kind's order. */
    void writeParams(Params.Writer out);

    /**
     * Bytes of heap the model holds once a first block of {@code firstBlock} bytes has sized its
     * tables (every later block is at most as long).
     */
    long memoryUsage(int firstBlock);

    /** Multiply-adds per coded byte (an estimate of time, for the work bound). */
    long workPerByte();

    /**
     * The neural predictor whose distribution the mixer takes, or {@code null} for none. The backend
     * is asked for only by a model that computes with it: choosing one loads the native library or the
     * Vector API, a tenth of a second that a context-mixing-only run need not spend.
     */
    Predictor createPredictor(int threads, Supplier<TensorOps> ops);

    /** Whether a neural predictor feeds the mixer ({@link #createPredictor} returns one). */
    boolean hasNetwork();

    /** The bitwise mixer. */
    default BitMixer createMixer() {
        return new BitMixer(mixer(), streams(), hasNetwork());
    }

    /** The parameter bytes of this configuration. */
    default byte[] params() {
        Params.Writer w = new Params.Writer();
        writeParams(w);
        return w.toBytes();
    }

    /**
     * Reads a model from a header's kind code and parameter bytes (at {@code offset} in the file).
     * Kinds and parameters this build does not know, and models over the work or size bounds, are
     * {@linkplain FormatException.Problem#UNSUPPORTED unsupported}.
     */
    static ModelConfig read(int kind, byte[] params, long offset) throws FormatException {
        Params.Reader in = new Params.Reader(params, offset);
        ModelConfig m;
        try {
            m = switch (kind) {
                case LstmCmConfig.KIND -> LstmCmConfig.read(in);
                case CmConfig.KIND -> CmConfig.read(in);
                case TransformerCmConfig.KIND -> TransformerCmConfig.read(in);
                default -> throw FormatException.unsupported("unknown model kind " + kind + " (this nzip knows "
                        + LstmCmConfig.KIND + " = " + LstmCmConfig.NAME + ", " + CmConfig.KIND + " = " + CmConfig.NAME
                        + ", " + TransformerCmConfig.KIND + " = " + TransformerCmConfig.NAME + "; kinds 1-3 were removed before nzip 1.0)", 6);
            };
        } catch (IllegalArgumentException e) {
            throw FormatException.unsupported("model kind " + kind + ": " + e.getMessage(), offset);
        }
        in.end();
        return m;
    }

    /**
     * Checks the work bound: a model over {@link #MAX_WORK_PER_BYTE} is never written, and a header
     * that declares one is refused (after its memory need has been compared with the limit).
     *
     * @throws IllegalArgumentException if the model is over the bound
     */
    default void checkWork() {
        long work = workPerByte();
        if (work > MAX_WORK_PER_BYTE) {
            throw new IllegalArgumentException("model needs " + work + " multiply-adds per byte, more than the "
                    + MAX_WORK_PER_BYTE + " allowed");
        }
    }

    /** Writes a mixer's parameters, differences from {@code ref}'s. */
    static void writeMixer(Params.Writer out, BitMixConfig m, BitMixConfig ref) {
        out.putInt(m.tableBits(), ref.tableBits()).putInt(m.counterLimit(), ref.counterLimit())
                .putInt(m.matchLength(), ref.matchLength()).putInt(m.matchBits(), ref.matchBits())
                .putInt(m.mixRate(), ref.mixRate()).putInt(m.apmLimitBits(), ref.apmLimitBits())
                .putInt(m.modelSet(), ref.modelSet());
    }

    /** Reads what {@link #writeMixer} wrote. */
    static BitMixConfig readMixer(Params.Reader in, BitMixConfig ref) throws FormatException {
        return new BitMixConfig(in.getInt(ref.tableBits()), in.getInt(ref.counterLimit()),
                in.getInt(ref.matchLength()), in.getInt(ref.matchBits()), in.getInt(ref.mixRate()),
                in.getInt(ref.apmLimitBits()), in.getInt(ref.modelSet()));
    }
}
