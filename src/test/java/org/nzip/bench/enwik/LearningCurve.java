package org.nzip.bench.enwik;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;
import org.nzip.Preset;

/**
 * nzip's learning curve: bits per byte over the position in the file. nzip is run in process with
 * a progress listener, which reports the cumulative input and output sizes every few thousand symbols
 * and at every block end; the code length between two reports gives the bpb of that stretch. The
 * container header is left out, block headers fall into the stretch where their block starts.
 *
 * @param preset          the preset
 * @param interval        the nominal stretch length in bytes
 * @param points          per stretch: {start byte, end byte, bpb of the stretch, cumulative bpb at its end}
 * @param compressedBytes size of the whole output
 * @param sha256          SHA-256 of the output (must equal the command line's output)
 * @param seconds         wall-clock time of the in-process compression
 */
record LearningCurve(Preset preset, long interval, List<double[]> points, long compressedBytes, String sha256,
        double seconds) {

    /** The typical (median) stretch actually measured: the interval, or more when progress reports are rarer. */
    long typicalStretch() {
        if (points.isEmpty()) {
            return interval;
        }
        long[] spans = points.stream().mapToLong(p -> (long) (p[1] - p[0])).sorted().toArray();
        return Math.max(interval, spans[spans.length / 2]);
    }

    /** Stretch length for a file: about 100 points, a power of two between 16 KiB and 1 MiB. */
    static long intervalFor(long bytes) {
        long want = Math.max(1, (bytes + 99) / 100);
        long p = Long.highestOneBit(want);
        if (p < want) {
            p <<= 1;
        }
        return Math.max(16 << 10, Math.min(1 << 20, p));
    }

    static LearningCurve measure(Path input, Preset preset, Codec.Counter counter) throws IOException {
        long total = Files.size(input);
        long interval = intervalFor(total);
        List<double[]> points = new ArrayList<>();
        MessageDigest md = Hashes.sha256();
        long[] written = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                md.update((byte) b);
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                md.update(b, off, len);
                written[0] += len;
            }
        };
        long[] last = new long[2]; // uncompressed, compressed at the start of the current stretch
        long[] header = {-1};
        long t0 = System.nanoTime();
        NzipOptions options = NzipOptions.of(preset).progressListener((u, c) -> {
            counter.bytes = u;
            if (header[0] < 0) {
                return; // reports before the header size is known cannot happen, but be safe
            }
            if (u - last[0] >= interval || (u == total && u > last[0])) {
                double bpb = 8.0 * (c - last[1]) / (u - last[0]);
                double cumulative = 8.0 * (c - header[0]) / u;
                points.add(new double[] {last[0], u, bpb, cumulative});
                last[0] = u;
                last[1] = c;
            }
        });
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(input); NzipOutputStream out = new NzipOutputStream(sink, options)) {
            header[0] = written[0];
            last[1] = written[0];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        }
        long t1 = System.nanoTime();
        return new LearningCurve(preset, interval, points, written[0], HexFormat.of().formatHex(md.digest()),
                (t1 - t0) / 1e9);
    }
}
