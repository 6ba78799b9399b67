package org.nzip;

import org.junit.jupiter.api.Tag;

/** The round-trip suite on the {@code max} preset, auto backend (sizes scaled to the model's speed). */
@Tag("slow") // the max preset: more than a minute
class LstmMaxRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.MAX).modelBySize(false).backend("auto");
    }

    @Override
    protected int mediumSize() {
        return 3_000;
    }

    @Override
    protected int largeSize() {
        return 8_000;
    }
}
