package org.nzip.bench.enwik;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** A compressor under test: compresses a file, decompresses it again, and says what that cost. */
abstract class Codec {

    /** Seconds and peak memory of one compression or decompression. */
    record Cost(double seconds, long peakBytes) {}

    final String tool;
    final String options;
    final String kind;
    final String memoryKind;

    Codec(String tool, String options, String kind, String memoryKind) {
        this.tool = tool;
        this.options = options;
        this.kind = kind;
        this.memoryKind = memoryKind;
    }

    String label() {
        return tool + " " + options;
    }

    /** Suffix of the compressed file. */
    abstract String suffix();

    abstract Cost compress(Path in, Path out, Counter counter) throws IOException, InterruptedException;

    abstract Cost decompress(Path in, Path out, Counter counter) throws IOException, InterruptedException;

    /** Optional one-off warm-up (in-process codecs: the JIT), not timed. */
    void warmUp(Path sample, Path work) throws IOException, InterruptedException {}

    /** Bytes done so far in the running step, for the progress display. */
    static final class Counter {
        volatile long bytes;
        volatile Path growing;
        final long total;

        Counter(long total) {
            this.total = total;
        }

        String detail() {
            Path g = growing;
            long b = bytes;
            if (g != null) {
                try {
                    b = Files.size(g);
                } catch (IOException e) {
                    return "";
                }
            }
            if (b <= 0) {
                return "";
            }
            return total > 0 && g == null
                    ? String.format(Locale.ROOT, "%.0f%%", 100.0 * b / total)
                    : Report.mib(b) + " written";
        }
    }

    // ---------------------------------------------------------------- in process

    /** Runs in this JVM; memory is the peak Java heap in use above the heap in use before the run. */
    abstract static class InProcess extends Codec {

        InProcess(String tool, String options) {
            super(tool, options, "library", "heap");
        }

        abstract OutputStream compressing(OutputStream out) throws IOException;

        abstract InputStream decompressing(InputStream in) throws IOException;

        @Override
        Cost compress(Path in, Path out, Counter counter) throws IOException {
            return measure(() -> {
                try (InputStream i = Files.newInputStream(in); OutputStream o = compressing(Files.newOutputStream(out))) {
                    copy(i, o, counter);
                }
            });
        }

        @Override
        Cost decompress(Path in, Path out, Counter counter) throws IOException {
            return measure(() -> {
                try (InputStream i = decompressing(Files.newInputStream(in)); OutputStream o = Files.newOutputStream(out)) {
                    copy(i, o, counter);
                }
            });
        }

        @Override
        void warmUp(Path sample, Path work) throws IOException {
            Path c = work.resolve("warmup" + suffix());
            Path d = work.resolve("warmup.out");
            Counter none = new Counter(0);
            compress(sample, c, none);
            decompress(c, d, none);
            Files.deleteIfExists(c);
            Files.deleteIfExists(d);
        }

        /** Copies with one buffer, so the copy itself makes no garbage that would count as heap. */
        private static void copy(InputStream in, OutputStream out, Counter counter) throws IOException {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                counter.bytes = done;
            }
        }

        interface Body {
            void run() throws IOException;
        }

        static Cost measure(Body body) throws IOException {
            List<MemoryPoolMXBean> heap = heapPools();
            System.gc();
            long base = 0;
            for (MemoryPoolMXBean p : heap) {
                p.resetPeakUsage();
                base += p.getUsage().getUsed();
            }
            long t0 = System.nanoTime();
            body.run();
            long t1 = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean p : heap) {
                peak += p.getPeakUsage().getUsed();
            }
            return new Cost((t1 - t0) / 1e9, Math.max(0, peak - base));
        }

        static List<MemoryPoolMXBean> heapPools() {
            List<MemoryPoolMXBean> out = new ArrayList<>();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP && p.isValid()) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    /** gzip level 9 from the JDK's java.util.zip (zlib; its state lives in native memory, not on the heap). */
    static final class JavaGzip extends InProcess {
        JavaGzip() {
            super("gzip (java.util.zip)", "level 9");
        }

        @Override
        String suffix() {
            return ".gz";
        }

        @Override
        OutputStream compressing(OutputStream out) throws IOException {
            return new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            };
        }

        @Override
        InputStream decompressing(InputStream in) throws IOException {
            return new GZIPInputStream(in, 1 << 16);
        }
    }

    /** xz preset 9 from xz-java (pure Java LZMA2, single-threaded). */
    static final class JavaXz extends InProcess {
        JavaXz() {
            super("xz (xz-java " + xzJavaVersion() + ")", "preset 9");
        }

        private static String xzJavaVersion() {
            String v = XZ.class.getPackage().getImplementationVersion();
            return v != null ? v : "1.x";
        }

        @Override
        String suffix() {
            return ".xz";
        }

        @Override
        OutputStream compressing(OutputStream out) throws IOException {
            return new XZOutputStream(new java.io.BufferedOutputStream(out, 1 << 16), new LZMA2Options(9), XZ.CHECK_CRC64);
        }

        @Override
        InputStream decompressing(InputStream in) throws IOException {
            return new XZInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        }
    }

    // ---------------------------------------------------------------- subprocesses

    /**
     * Runs a program; memory is its peak resident set size, from {@code /usr/bin/time -f %M}
     * (unknown when that program is missing). Input is passed by name, output goes to a file.
     */
    static class Subprocess extends Codec {
        static final Path TIME = Path.of("/usr/bin/time");

        private final List<String> compressCmd;
        private final List<String> decompressCmd;
        private final String suffix;

        Subprocess(String tool, String options, String kind, String suffix, List<String> compressCmd,
                List<String> decompressCmd) {
            super(tool, options, kind, "RSS");
            this.suffix = suffix;
            this.compressCmd = compressCmd;
            this.decompressCmd = decompressCmd;
        }

        @Override
        String suffix() {
            return suffix;
        }

        @Override
        Cost compress(Path in, Path out, Counter counter) throws IOException, InterruptedException {
            return run(compressCmd, in, out, counter);
        }

        @Override
        Cost decompress(Path in, Path out, Counter counter) throws IOException, InterruptedException {
            return run(decompressCmd, in, out, counter);
        }

        static Cost run(List<String> base, Path in, Path out, Counter counter) throws IOException, InterruptedException {
            Path dir = out.toAbsolutePath().getParent();
            Path rss = dir.resolve(out.getFileName() + ".rss");
            Path err = dir.resolve(out.getFileName() + ".stderr");
            List<String> cmd = new ArrayList<>();
            boolean timed = Files.isExecutable(TIME);
            if (timed) {
                cmd.addAll(List.of(TIME.toString(), "-o", rss.toString(), "-f", "%M"));
            }
            cmd.addAll(base);
            cmd.add(in.toAbsolutePath().toString());
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            counter.growing = out;
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            long t1 = System.nanoTime();
            counter.growing = null;
            String errText = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
            Files.deleteIfExists(err);
            long peak = -1;
            if (timed && Files.exists(rss)) {
                for (String line : Files.readAllLines(rss)) {
                    if (line.trim().matches("\\d+")) {
                        peak = Long.parseLong(line.trim()) * 1024;
                    }
                }
                Files.deleteIfExists(rss);
            }
            if (rc != 0) {
                throw new IOException(String.join(" ", base) + " exited with " + rc + lastLines(errText));
            }
            return new Cost((t1 - t0) / 1e9, peak);
        }

        private static String lastLines(String text) {
            List<String> lines = new ArrayList<>();
            for (String l : text.split("\n")) {
                if (!l.isBlank() && !l.contains("Command exited with non-zero status")
                        && !l.startsWith("WARNING: Using incubator modules")) {
                    lines.add(l.trim());
                }
            }
            if (lines.isEmpty()) {
                return "";
            }
            return ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    /** A system compressor found on the PATH, or null when it is not installed. */
    static Path which(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The first line a program prints for its version, or "" when it prints none. */
    static String version(Path program, Supplier<List<String>> args) {
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(program.toString());
            cmd.addAll(args.get());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : text.split("\n")) {
                String t = line.replace("*", "").trim();
                if (!t.isEmpty()) {
                    return t.replaceAll("\\s+", " ").replaceAll("[,.]\\s*$", "");
                }
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }
}
