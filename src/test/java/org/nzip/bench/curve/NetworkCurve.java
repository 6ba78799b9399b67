package org.nzip.bench.curve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nzip.Network;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;
import org.nzip.Preset;

/**
 * Benchmark tool (not a test): compresses a file with a preset and a network, as the command line
 * does (text transform on auto) but with the preset's own model whatever the input's size, and prints the learning curve — bits per
 * input byte of each stretch and cumulated — with the wall time at each point, so that two networks'
 * curves can be set side by side at equal wall time. Used by {@code bench/transformer/curves}.
 *
 * <pre>java ... org.nzip.bench.curve.NetworkCurve FILE PRESET lstm|transformer THREADS [STRETCH_BYTES]</pre>
 */
public final class NetworkCurve {

    private NetworkCurve() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: NetworkCurve FILE PRESET lstm|transformer THREADS [STRETCH_BYTES]");
            System.exit(2);
        }
        Path input = Path.of(args[0]);
        Preset preset = Preset.of(args[1]);
        Network network = Network.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        long stretch = args.length > 4 ? Long.parseLong(args[4]) : 1 << 20;
        long total = Files.size(input);
        long[] written = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        long t0 = System.nanoTime();
        long[] last = {0, 0};
        String name = preset.label() + "/" + network.label();
        NzipOptions options = NzipOptions.of(preset).network(network).modelBySize(false).threads(threads).progressListener((u, c) -> {
            if (u - last[0] >= stretch || (u == total && u > last[0])) {
                System.out.printf(Locale.ROOT, "%s %10d %8.3f s  stretch %.4f bpb  cumulative %.4f bpb%n", name, u,
                        (System.nanoTime() - t0) / 1e9, 8.0 * (c - last[1]) / (u - last[0]), 8.0 * c / u);
                last[0] = u;
                last[1] = c;
            }
        });
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(input); NzipOutputStream out = new NzipOutputStream(sink, options)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        }
        System.out.printf(Locale.ROOT, "%s %s: %,d -> %,d bytes (%.4f bpb) in %.1f s%n", name, input.getFileName(), total,
                written[0], 8.0 * written[0] / total, (System.nanoTime() - t0) / 1e9);
    }
}
