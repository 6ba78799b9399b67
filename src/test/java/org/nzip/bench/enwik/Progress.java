package org.nzip.bench.enwik;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The progress display on standard error: one line per step, "[3/12] xz -9e compress (enwik6) ...".
 * On a terminal the line ticks with the elapsed time and a detail (bytes written, percent done);
 * elsewhere only the start and the end of each step are printed, so logs stay readable.
 */
final class Progress implements AutoCloseable {

    private final PrintStream err;
    private final int total;
    private final boolean live;
    private final ScheduledExecutorService ticker;
    private int step;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
        // bench/enwik/run says whether standard error is a terminal (the JDK only knows about stdin/stdout)
        String tty = System.getProperty("nzip.bench.tty");
        Console c = System.console();
        boolean terminal = tty != null ? Boolean.parseBoolean(tty) : c != null && c.isTerminal();
        this.live = terminal && System.getenv("NZIP_BENCH_PLAIN") == null;
        this.ticker = live ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** A message outside the steps. */
    synchronized void note(String message) {
        err.println(message);
        err.flush();
    }

    Step begin(String what, Supplier<String> detail) {
        Step s;
        synchronized (this) {
            step++;
            s = new Step(String.format(Locale.ROOT, "[%d/%d] %s", step, total, what), detail);
            if (live) {
                err.print(s.head + " ...");
            } else {
                err.println(s.head + " ...");
            }
            err.flush();
        }
        if (live) {
            s.task = ticker.scheduleAtFixedRate(s::tick, 500, 500, TimeUnit.MILLISECONDS);
        }
        return s;
    }

    final class Step {
        private final String head;
        private final Supplier<String> detail;
        private final long start = System.nanoTime();
        private ScheduledFuture<?> task;

        private Step(String head, Supplier<String> detail) {
            this.head = head;
            this.detail = detail;
        }

        private void tick() {
            String d = detail == null ? null : detail.get();
            synchronized (Progress.this) {
                err.print("\r\033[K" + head + " ... " + seconds() + (d == null || d.isEmpty() ? "" : ", " + d));
                err.flush();
            }
        }

        private String seconds() {
            return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
        }

        void end(String result) {
            if (task != null) {
                task.cancel(false);
            }
            synchronized (Progress.this) {
                if (live) {
                    err.print("\r\033[K");
                }
                err.println(head + " ... " + result);
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
