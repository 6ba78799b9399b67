package org.nzip.codec;

import java.util.function.Supplier;
import org.nzip.format.FormatException;
import org.nzip.format.Params;
import org.nzip.mix.BitMixConfig;
import org.nzip.mix.BitMixer;
import org.nzip.model.Predictor;
import org.nzip.model.TransformerConfig;
import org.nzip.model.TransformerPredictor;
import org.nzip.tensor.TensorOps;

/**
 * Model kind 6, {@value #NAME}: a transformer's byte distribution mixed bit by bit with context
 * models by a {@link BitMixer}, exactly as kind 4 mixes an LSTM's. Its streams are the transformer's.
 */
public record TransformerCmConfig(TransformerConfig transformer, BitMixConfig mixer) implements ModelConfig {

    public static final int KIND = 6;
    public static final String NAME = "transformer+cm";
    /**
     * The reference values of the header: each parameter is stored as its difference from these
     * (fixed when the kind was added). Never change them.
     */
    public static final TransformerConfig REFERENCE_TRANSFORMER =
            new TransformerConfig(2, 128, 4, 256, 16, 16, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1);
    public static final BitMixConfig REFERENCE_MIXER = new BitMixConfig(21, 255, 6, 22, 10, 10, BitMixConfig.TEXT_SET);

    @Override
    public int kind() {
        return KIND;
    }

    @Override
    public int streams() {
        return transformer.streams();
    }

    @Override
    public String describe() {
        return transformer.describe() + " + " + mixer.describe();
    }

    @Override
    public void writeParams(Params.Writer out) {
        TransformerConfig r = REFERENCE_TRANSFORMER;
        TransformerConfig t = transformer;
        out.putInt(t.layers(), r.layers()).putInt(t.model(), r.model()).putInt(t.heads(), r.heads())
                .putInt(t.ffn(), r.ffn()).putInt(t.streams(), r.streams()).putInt(t.segment(), r.segment())
                .putFloat(t.learningRate(), r.learningRate()).putFloat(t.lrDecaySteps(), r.lrDecaySteps())
                .putFloat(t.beta2(), r.beta2()).putFloat(t.epsilon(), r.epsilon())
                .putFloat(t.gradientClip(), r.gradientClip()).putInt(t.seed(), r.seed());
        ModelConfig.writeMixer(out, mixer, REFERENCE_MIXER);
    }

    static TransformerCmConfig read(Params.Reader in) throws FormatException {
        TransformerConfig r = REFERENCE_TRANSFORMER;
        TransformerConfig t = new TransformerConfig(in.getInt(r.layers()), in.getInt(r.model()), in.getInt(r.heads()),
                in.getInt(r.ffn()), in.getInt(r.streams()), in.getInt(r.segment()), in.getFloat(r.learningRate()),
                in.getFloat(r.lrDecaySteps()), in.getFloat(r.beta2()), in.getFloat(r.epsilon()),
                in.getFloat(r.gradientClip()), in.getInt(r.seed()));
        return new TransformerCmConfig(t, ModelConfig.readMixer(in, REFERENCE_MIXER));
    }

    @Override
    public long memoryUsage(int firstBlock) {
        return TransformerPredictor.memoryUsage(transformer) + BitMixer.memoryUsage(mixer, streams(), firstBlock, true);
    }

    @Override
    public long workPerByte() {
        return transformer.workPerByte() + BitMixer.workPerByte(mixer, true);
    }

    @Override
    public boolean hasNetwork() {
        return true;
    }

    @Override
    public Predictor createPredictor(int threads, Supplier<TensorOps> ops) {
        return new TransformerPredictor(transformer, ops.get(), threads);
    }
}
