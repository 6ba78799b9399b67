package org.nzip.codec;

import org.nzip.format.FormatException;
import org.nzip.format.ModelSpec;
import org.nzip.mix.ContextModel;
import org.nzip.mix.MixConfig;
import org.nzip.model.LstmConfig;
import org.nzip.model.LstmPredictor;
import org.nzip.model.Predictor;
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

    private Models() {}

    /** Human-readable name of a model kind. */
    public static String kindName(int kind) {
        return switch (kind) {
            case CONTEXT_MODEL -> "cm";
            case LSTM -> "lstm";
            case LSTM_MIX -> "lstm+mix";
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
            default -> throw FormatException.unsupported("unknown model kind " + spec.kind()
                    + " (this nzip knows: 1 = cm, 2 = lstm, 3 = lstm+mix)", offset);
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
            default -> throw new AssertionError(spec.kind());
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

    /** Header parameters of an LSTM with mixed models (kind {@link #LSTM_MIX}). */
    public static int[] lstmMixParams(LstmConfig lstm, MixConfig match) {
        int[] a = lstm.toParams();
        int[] b = match.toParams();
        int[] p = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, p, a.length, b.length);
        return p;
    }

    private static void expectParams(ModelSpec spec, int n, long offset) throws FormatException {
        if (spec.paramCount() != n) {
            throw FormatException.unsupported(kindName(spec.kind()) + " model with " + spec.paramCount()
                    + " parameters (expected " + n + ")", offset);
        }
    }

    private static void checkRange(String name, int v, int lo, int hi, long offset) throws FormatException {
        if (v < lo || v > hi) {
            throw FormatException.unsupported("model parameter " + name + " = " + v + " outside [" + lo + ", " + hi + "]", offset);
        }
    }
}
