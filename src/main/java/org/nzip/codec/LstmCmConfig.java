package org.nzip.codec;

import java.util.function.Supplier;
import org.nzip.format.FormatException;
import org.nzip.format.Params;
import org.nzip.mix.BitMixConfig;
import org.nzip.mix.BitMixer;
import org.nzip.model.LstmConfig;
import org.nzip.model.LstmPredictor;
import org.nzip.model.Predictor;
import org.nzip.tensor.TensorOps;

/**
 * Model kind 4, {@value #NAME}: an LSTM's byte distribution mixed bit by bit with context models by a
 * {@link BitMixer}. Its streams are the LSTM's.
 */
public record LstmCmConfig(LstmConfig lstm, BitMixConfig mixer) implements ModelConfig {

    public static final int KIND = 4;
    public static final String NAME = "lstm+cm";
    /**
     * The reference values of the header: each parameter is stored as its difference from these
     * (the {@code default} preset's values when the format was fixed). Never change them.
     */
    public static final LstmConfig REFERENCE_LSTM = new LstmConfig(2, 160, 32, 16, 20, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1);
    public static final BitMixConfig REFERENCE_MIXER = new BitMixConfig(21, 255, 6, 22, 10, 10, BitMixConfig.TEXT_SET);

    @Override
    public int kind() {
        return KIND;
    }

    @Override
    public int streams() {
        return lstm.streams();
    }

    @Override
    public String describe() {
        return lstm.describe() + " + " + mixer.describe();
    }

    @Override
    public void writeParams(Params.Writer out) {
        LstmConfig r = REFERENCE_LSTM;
        out.putInt(lstm.layers(), r.layers()).putInt(lstm.hidden(), r.hidden()).putInt(lstm.embed(), r.embed())
                .putInt(lstm.streams(), r.streams()).putInt(lstm.bptt(), r.bptt())
                .putFloat(lstm.learningRate(), r.learningRate()).putFloat(lstm.lrDecaySteps(), r.lrDecaySteps())
                .putFloat(lstm.beta2(), r.beta2()).putFloat(lstm.epsilon(), r.epsilon())
                .putFloat(lstm.gradientClip(), r.gradientClip()).putInt(lstm.seed(), r.seed());
        ModelConfig.writeMixer(out, mixer, REFERENCE_MIXER);
    }

    static LstmCmConfig read(Params.Reader in) throws FormatException {
        LstmConfig r = REFERENCE_LSTM;
        LstmConfig lstm = new LstmConfig(in.getInt(r.layers()), in.getInt(r.hidden()), in.getInt(r.embed()),
                in.getInt(r.streams()), in.getInt(r.bptt()), in.getFloat(r.learningRate()),
                in.getFloat(r.lrDecaySteps()), in.getFloat(r.beta2()), in.getFloat(r.epsilon()),
                in.getFloat(r.gradientClip()), in.getInt(r.seed()));
        return new LstmCmConfig(lstm, ModelConfig.readMixer(in, REFERENCE_MIXER));
    }

    @Override
    public long memoryUsage(int firstBlock) {
        return LstmPredictor.memoryUsage(lstm) + BitMixer.memoryUsage(mixer, streams(), firstBlock, true);
    }

    @Override
    public long workPerByte() {
        return lstm.workPerByte() + BitMixer.workPerByte(mixer, true);
    }

    @Override
    public boolean hasNetwork() {
        return true;
    }

    @Override
    public Predictor createPredictor(int threads, Supplier<TensorOps> ops) {
        return new LstmPredictor(lstm, ops.get(), threads);
    }
}
