package org.nzip;

/** The round-trip suite on the {@code fast} preset with its transformer, auto backend (sizes scaled to the model's speed). */
class TransformerFastRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.FAST).network(Network.TRANSFORMER).modelBySize(false).backend("auto");
    }

    @Override
    protected int mediumSize() {
        return 24_000;
    }

    @Override
    protected int largeSize() {
        return 48_000;
    }
}
