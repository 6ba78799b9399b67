package org.nzip.codec;

import org.nzip.format.FormatException;
import org.nzip.format.ModelSpec;
import org.nzip.mix.BitMixConfig;
import org.nzip.mix.BitMixer;
import org.nzip.mix.ContextModel;
import org.nzip.mix.MixConfig;
import org.nzip.model.LstmConfig;
import org.nzip.model.LstmPredictor;
import org.nzip.model.Predictor;
import org.nzip.model.UniformPredictor;
import org.nzip.tensor.TensorOps;

/**
 * The model kinds this build can code with, and how a {@link ModelSpec} from a header becomes a
 * {@link Predictor}. A spec is validated completely before anything large is allocated.
 */
public final class Models {

    /** Kind code of {@link ContextModel}: params {@code [order, countLimit]}. */
    public static final int CONTEXT_MODEL = 1;
    /** Kind code of {@link LstmPredictor}: params as {@link LstmConfig#toParams()}. */
    public static final int LSTM = 2;
    /**
     * Kind code of an {@link LstmPredictor} mixed with shared counts and a match model
     * ({@link MixConfig#wrap}): params as {@link LstmConfig#toParams()} followed by
     * {@link MixConfig#toParams()}.
     */
    public static final int LSTM_MIX = 3;
    /**
     * Kind code of an {@link LstmPredictor} whose distribution a {@link BitMixer} mixes bit by bit with
     * context models: params as {@link LstmConfig#toParams()} followed by {@link BitMixConfig#toParams()}.
     */
    public static final int LSTM_BITS = 4;
    /**
     * Kind code of a {@link BitMixer} alone (its predictor input is uniform): params {@code [streams]}
     * followed by {@link BitMixConfig#toParams()}.
     */
    public static final int BITS = 5;
    /** Largest stream count of kind {@link #BITS}. */
    static final int MAX_BITS_STREAMS = 256;

    private Models() {}

    /** Human-readable name of a model kind. */
    public static String kindName(int kind) {
        return switch (kind) {
            case CONTEXT_MODEL -> "cm";
            case LSTM -> "lstm";
            case LSTM_MIX -> "lstm+mix";
            case LSTM_BITS -> "lstm+cm";
            case BITS -> "bitwise cm";
            default -> "unknown(" + kind + ")";
        };
    }

    /** A readable one-line description of a spec's parameters. */
    public static String describe(ModelSpec spec) {
        return switch (spec.kind()) {
            case CONTEXT_MODEL -> spec.paramCount() == 2
                    ? "context model, orders 0-" + spec.param(0) + ", count limit " + spec.param(1)
                    : "context model (malformed)";
            case LSTM -> {
                try {
                    yield LstmConfig.fromParams(spec.params()).describe();
                } catch (IllegalArgumentException e) {
                    yield "lstm (malformed)";
                }
            }
            case LSTM_MIX -> {
                try {
                    yield lstmPart(spec).describe() + " + " + mixPart(spec).describe();
                } catch (IllegalArgumentException e) {
                    yield "lstm+mix (malformed)";
                }
            }
            case LSTM_BITS -> {
                try {
                    yield lstmPart(spec).describe() + " + " + bitsPart(spec, LstmConfig.PARAM_COUNT).describe();
                } catch (IllegalArgumentException e) {
                    yield "lstm+cm (malformed)";
                }
            }
            case BITS -> {
                try {
                    yield bitsPart(spec, 1).describe() + ", " + spec.param(0) + " stream(s)";
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    yield "bitwise cm (malformed)";
                }
            }
            default -> kindName(spec.kind());
        };
    }

    /**
     * Checks a spec read from a header; a spec this build cannot honour is reported as unsupported.
     * {@code offset} is where the model fields start in the file, for the message.
     */
    public static void validate(ModelSpec spec, long offset) throws FormatException {
        switch (spec.kind()) {
            case CONTEXT_MODEL -> {
                expectParams(spec, 2, offset);
                checkRange("order", spec.param(0), 0, ContextModel.MAX_ORDER, offset);
                checkRange("count limit", spec.param(1), 2, ContextModel.MAX_LIMIT, offset);
            }
            case LSTM -> {
                try {
                    LstmConfig.fromParams(spec.params());
                } catch (IllegalArgumentException e) {
                    throw FormatException.unsupported("lstm model: " + e.getMessage(), offset);
                }
            }
            case LSTM_MIX -> {
                expectParams(spec, LstmConfig.PARAM_COUNT + MixConfig.PARAM_COUNT, offset);
                try {
                    lstmPart(spec);
                    mixPart(spec);
                } catch (IllegalArgumentException e) {
                    throw FormatException.unsupported("lstm+mix model: " + e.getMessage(), offset);
                }
            }
            case LSTM_BITS -> {
                expectBitsParams(spec, LstmConfig.PARAM_COUNT, offset);
                try {
                    lstmPart(spec);
                    bitsPart(spec, LstmConfig.PARAM_COUNT);
                } catch (IllegalArgumentException e) {
                    throw FormatException.unsupported("lstm+cm model: " + e.getMessage(), offset);
                }
            }
            case BITS -> {
                expectBitsParams(spec, 1, offset);
                checkRange("streams", spec.param(0), 1, MAX_BITS_STREAMS, offset);
                try {
                    bitsPart(spec, 1);
                } catch (IllegalArgumentException e) {
                    throw FormatException.unsupported("bitwise cm model: " + e.getMessage(), offset);
                }
            }
            default -> throw FormatException.unsupported("unknown model kind " + spec.kind()
                    + " (this nzip knows: 1 = cm, 2 = lstm, 3 = lstm+mix, 4 = lstm+cm, 5 = bitwise cm)", offset);
        }
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

    /** Builds the predictor a validated spec describes, computing with the named backend. */
    public static Predictor create(ModelSpec spec, int threads, String backend) throws FormatException {
        validate(spec, -1);
        return switch (spec.kind()) {
            case CONTEXT_MODEL -> new ContextModel(spec.param(0), spec.param(1));
            case LSTM -> new LstmPredictor(LstmConfig.fromParams(spec.params()), ops(backend), threads);
            case LSTM_MIX -> mixPart(spec).wrap(new LstmPredictor(lstmPart(spec), ops(backend), threads));
            case LSTM_BITS -> new LstmPredictor(lstmPart(spec), ops(backend), threads);
            case BITS -> new UniformPredictor(spec.param(0));
            default -> throw new AssertionError(spec.kind());
        };
    }

    /**
     * The bitwise mixer a validated spec codes with, for {@code streams} streams, or {@code null} for
     * the kinds that code whole bytes with their predictor's distribution.
     */
    public static BitMixer createBitMixer(ModelSpec spec, int streams) throws FormatException {
        validate(spec, -1);
        BitMixConfig config = bitMixConfig(spec);
        return config == null ? null : new BitMixer(config, streams);
    }

    /**
     * The bitwise mixer's parameters in a spec of kind {@link #LSTM_BITS} or {@link #BITS}, or
     * {@code null} for the other kinds.
     *
     * @throws IllegalArgumentException if they are malformed
     */
    public static BitMixConfig bitMixConfig(ModelSpec spec) {
        return switch (spec.kind()) {
            case LSTM_BITS -> bitsPart(spec, LstmConfig.PARAM_COUNT);
            case BITS -> bitsPart(spec, 1);
            default -> null;
        };
    }

    private static TensorOps ops(String backend) {
        return TensorOps.AUTO.equals(backend) ? TensorOps.get() : TensorOps.named(backend);
    }

    private static LstmConfig lstmPart(ModelSpec spec) {
        int[] p = spec.params();
        return LstmConfig.fromParams(java.util.Arrays.copyOf(p, Math.min(p.length, LstmConfig.PARAM_COUNT)));
    }

    private static MixConfig mixPart(ModelSpec spec) {
        return MixConfig.fromParams(spec.params(), LstmConfig.PARAM_COUNT);
    }

    private static BitMixConfig bitsPart(ModelSpec spec, int from) {
        return BitMixConfig.fromParams(spec.params(), from);
    }

    /** Header parameters of an LSTM with a bitwise mixer (kind {@link #LSTM_BITS}). */
    public static int[] lstmBitsParams(LstmConfig lstm, BitMixConfig bits) {
        return concat(lstm.toParams(), bits.toParams());
    }

    /** Header parameters of a bitwise mixer alone (kind {@link #BITS}). */
    public static int[] bitsParams(int streams, BitMixConfig bits) {
        return concat(new int[] {streams}, bits.toParams());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] p = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, p, a.length, b.length);
        return p;
    }

    /** Header parameters of an LSTM with mixed models (kind {@link #LSTM_MIX}). */
    public static int[] lstmMixParams(LstmConfig lstm, MixConfig match) {
        return concat(lstm.toParams(), match.toParams());
    }

    private static void expectParams(ModelSpec spec, int n, long offset) throws FormatException {
        if (spec.paramCount() != n) {
            throw FormatException.unsupported(kindName(spec.kind()) + " model with " + spec.paramCount()
                    + " parameters (expected " + n + ")", offset);
        }
    }

    /** A bitwise mixer's parameters follow {@code before} others: six, or seven with the model set. */
    private static void expectBitsParams(ModelSpec spec, int before, long offset) throws FormatException {
        if (!BitMixConfig.validCount(spec.paramCount() - before)) {
            throw FormatException.unsupported(kindName(spec.kind()) + " model with " + spec.paramCount()
                    + " parameters (expected " + (before + BitMixConfig.PARAM_COUNT) + " or "
                    + (before + BitMixConfig.PARAM_COUNT_WITH_SET) + ")", offset);
        }
    }

    private static void checkRange(String name, int v, int lo, int hi, long offset) throws FormatException {
        if (v < lo || v > hi) {
            throw FormatException.unsupported("model parameter " + name + " = " + v + " outside [" + lo + ", " + hi + "]", offset);
        }
    }
}
