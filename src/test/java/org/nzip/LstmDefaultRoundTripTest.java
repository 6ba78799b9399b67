package org.nzip;

import org.junit.jupiter.api.Tag;

/** The round-trip suite on the {@code default} preset, auto backend (sizes scaled to the model's speed). */
@Tag("slow") // the default preset: about a minute
class LstmDefaultRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.DEFAULT).modelBySize(false).backend("auto");
    }

    @Override
    protected int mediumSize() {
        return 12_000;
    }

    @Override
    protected int largeSize() {
        return 32_000;
    }
}
