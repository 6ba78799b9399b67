package org.nzip.codec;

import java.util.function.Supplier;
import org.nzip.format.FormatException;
import org.nzip.format.Params;
import org.nzip.mix.BitMixConfig;
import org.nzip.mix.BitMixer;
import org.nzip.model.Predictor;
import org.nzip.tensor.TensorOps;

/**
 * Model kind 5, {@value #NAME}: the {@link BitMixer}'s context models alone, without a neural
 * predictor (its input is then always 0).
 *
 * @param streams number of streams a block is split into (1..{@value #MAX_STREAMS})
 */
public record CmConfig(int streams, BitMixConfig mixer) implements ModelConfig {

    public static final int KIND = 5;
    public static final String NAME = "cm";
    public static final int MAX_STREAMS = 256;
    /** The reference values of the header (the {@code cm} preset's when the format was fixed). Never change them. */
    public static final int REFERENCE_STREAMS = 1;
    public static final BitMixConfig REFERENCE_MIXER = new BitMixConfig(21, 255, 6, 22, 10, 10, BitMixConfig.CM_SET);

    public CmConfig {
        if (streams < 1 || streams > MAX_STREAMS) {
            throw new IllegalArgumentException("streams must be in [1, " + MAX_STREAMS + "]: " + streams);
        }
    }

    @Override
    public int kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return mixer.describe() + ", " + streams + " stream(s)";
    }

    @Override
    public void writeParams(Params.Writer out) {
        out.putInt(streams, REFERENCE_STREAMS);
        ModelConfig.writeMixer(out, mixer, REFERENCE_MIXER);
    }

    static CmConfig read(Params.Reader in) throws FormatException {
        return new CmConfig(in.getInt(REFERENCE_STREAMS), ModelConfig.readMixer(in, REFERENCE_MIXER));
    }

    @Override
    public long memoryUsage(int firstBlock) {
        return BitMixer.memoryUsage(mixer, streams, firstBlock, false);
    }

    @Override
    public long workPerByte() {
        return BitMixer.workPerByte(mixer, false);
    }

    @Override
    public boolean hasNetwork() {
        return false;
    }

    @Override
    public Predictor createPredictor(int threads, Supplier<TensorOps> ops) {
        return null;
    }
}
