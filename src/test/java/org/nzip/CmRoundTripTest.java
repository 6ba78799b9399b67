package org.nzip;

/** The round-trip suite on the {@code cm} preset (slow: its large inputs take a minute on a busy machine). */
@org.junit.jupiter.api.Tag("slow")
class CmRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.CM);
    }
}
