package org.nzip;

import org.nzip.codec.LstmCmConfig;
import org.nzip.mix.BitMixConfig;

/** Test models that are no preset, for test code outside this package (the fuzz harness). */
public final class TestModels {

    private TestModels() {}

    /** Options with {@link DeterminismProbe}'s tiny LSTM and bitwise mixer (the stream set), preset code 0. */
    public static NzipOptions tiny() {
        return new NzipOptions().customModel(new LstmCmConfig(DeterminismProbe.TINY, DeterminismProbe.TINY_BITS));
    }

    /** {@link DeterminismProbe}'s small bitwise mixer, for test code outside this package. */
    public static BitMixConfig tinyMixer() {
        return DeterminismProbe.TINY_BITS;
    }
}
