package org.nzip.cli;

import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nzip.ProgressListener;

/**
 * A progress bar on standard error for one file: appears only once a run has taken more than
 * {@link #DELAY_NANOS}, and shows uncompressed kB done (of the total, with a percentage, when it is
 * known), the speed in kB/s as {@code -v}'s summary, and the running bits per byte.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

    static final long DELAY_NANOS = 1_500_000_000L;

    private final String name;
    private final LongSupplier total; // uncompressed size, or -1 when unknown; asked once, when the bar appears
    private final long start = System.nanoTime();
    private ProgressBar bar;

    ProgressDisplay(String name, LongSupplier total) {
        this.name = name;
        this.total = total;
    }

    @Override
    public void progress(long uncompressed, long compressed) {
        long elapsed = System.nanoTime() - start;
        if (bar == null) {
            if (elapsed < DELAY_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total.getAsLong())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" kB", 1000)
                    .showSpeed()
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .startsFrom(uncompressed, Duration.ofNanos(elapsed))
                    .build();
        }
        bar.stepTo(uncompressed);
        if (uncompressed > 0) {
            bar.setExtraMessage(String.format(" %.3f bpb", compressed * 8.0 / uncompressed));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
