package org.nzip;

/** The round-trip suite on the {@code fast} preset, auto backend (sizes scaled to the model's speed). */
class LstmFastRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.FAST).modelBySize(false).backend("auto");
    }

    @Override
    protected int mediumSize() {
        return 24_000;
    }

    @Override
    protected int largeSize() {
        return 64_000;
    }
}
