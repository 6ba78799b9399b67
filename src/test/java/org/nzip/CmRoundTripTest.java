package org.nzip;

/** The round-trip suite on the {@code cm} preset (slow: its large input takes a minute on a busy machine). */
@org.junit.jupiter.api.Tag("slow")
class CmRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected NzipOptions options() {
        return NzipOptions.of(Preset.CM);
    }

    /** 1 MiB: the text set codes about 120 kB/s, and the large input is coded once and decoded twice. */
    @Override
    protected int largeSize() {
        return 1 << 20;
    }
}
