package org.nzip;

/** The round-trip suite on the {@code cm} preset. */
class CmRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.CM);
    }
}
