package org.nzip;

import org.junit.jupiter.api.Tag;

/** The round-trip suite on the {@code fast} preset, scalar backend (sizes scaled to the model's speed). */
@Tag("slow") // the scalar backend: about 30 s
class LstmFastScalarRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.FAST).modelBySize(false).backend("scalar");
    }

    @Override
    protected int mediumSize() {
        return 6_000;
    }

    @Override
    protected int largeSize() {
        return 12_000;
    }
}
