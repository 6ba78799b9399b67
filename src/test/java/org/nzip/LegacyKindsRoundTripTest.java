package org.nzip;

import org.junit.jupiter.api.Nested;
import org.nzip.codec.Models;
import org.nzip.format.ModelSpec;
import org.nzip.mix.MixConfig;

/**
 * Model kinds no preset uses any more still compress and decompress: the round-trip suite on kind 1
 * (the byte-wise context model) and kind 3 (a tiny LSTM with byte-wise counts and match model).
 * Golden files pin their decoding; this keeps their encoders honest.
 */
class LegacyKindsRoundTripTest {

    /** Kind 3 with the tiny LSTM of the determinism matrix. */
    static final int[] TINY_MIX = Models.lstmMixParams(DeterminismProbe.TINY, new MixConfig(4, 16, 0.015f, 3, 1023, 0.02f));

    @Nested
    class Kind1 extends AbstractRoundTripTest {
        @Override
        protected NzipOptions options() {
            return new NzipOptions().customModel(new ModelSpec(Models.CONTEXT_MODEL, 0, new int[] {2, 1023}));
        }
    }

    @Nested
    class Kind3 extends AbstractRoundTripTest {
        @Override
        protected NzipOptions options() {
            return new NzipOptions().customModel(new ModelSpec(Models.LSTM_MIX, 0, TINY_MIX));
        }

        @Override
        protected int mediumSize() {
            return 20_000;
        }

        @Override
        protected int largeSize() {
            return 50_000;
        }
    }
}
