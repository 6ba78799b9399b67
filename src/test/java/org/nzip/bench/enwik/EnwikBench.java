package org.nzip.bench.enwik;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nzip.Preset;

/**
 * The enwik benchmark: {@code bench/enwik/run} builds the project and runs this class. It
 * compresses each input with every selected nzip preset and with the gzip and xz libraries and
 * binaries, checks every round trip, and writes the table, the CSV, the JSON and the plots.
 */
public final class EnwikBench {

    private final BenchOptions opt;
    private final PrintStream err = System.err;
    private final List<String> notes = new ArrayList<>();

    private EnwikBench(BenchOptions opt) {
        this.opt = opt;
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (IOException e) {
            System.err.println("enwik bench: " + e.getMessage());
            rc = 1;
        }
        System.exit(rc);
    }

    /** Runs the benchmark; returns the exit code: 0 ok, 1 error or a failed round trip, 2 usage error. */
    static int run(String... args) throws IOException {
        BenchOptions opt;
        try {
            opt = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            System.err.println("enwik bench: " + e.getMessage());
            return 2;
        }
        if (opt.help()) {
            System.out.print(BenchOptions.usage());
            return 0;
        }
        return new EnwikBench(opt).run();
    }

    /** One file to measure. */
    private record Input(String label, String slug, Path file, Path original, String source) {}

    private int run() throws IOException {
        // 1. the inputs
        List<Input> inputs = new ArrayList<>();
        if (opt.inputs().isEmpty()) {
            Enwik8.Found found;
            try {
                found = Enwik8.find(opt.cache(), opt.shared(), opt.offline(), err::println);
            } catch (Enwik8.NotAvailableException e) {
                err.println("enwik bench: " + e.getMessage());
                return 1;
            }
            String name = found.file().getFileName().toString();
            inputs.add(new Input(name, slug(name), found.file(), found.file(), found.source()));
        } else {
            for (Path p : opt.inputs()) {
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    err.println("enwik bench: no such readable file: " + p);
                    return 1;
                }
                String name = p.getFileName().toString();
                inputs.add(new Input(name, slug(name), p.toAbsolutePath().normalize(), p.toAbsolutePath().normalize(), null));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            int n = seen.merge(in.slug(), 1, Integer::sum);
            if (n > 1) {
                inputs.set(i, new Input(in.label() + " (" + n + ")", in.slug() + "-" + n, in.file(), in.original(), in.source()));
            }
        }

        // 2. the tools
        List<Codec> codecs = codecs();
        if (codecs.isEmpty()) {
            err.println("enwik bench: none of the selected tools is available (" + String.join(", ", notes) + ")");
            return 1;
        }

        // 3. where the results go
        Path out = opt.out() != null ? opt.out() : defaultOut();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("nzip-enwik-bench");
        try {
            return measureAll(inputs, codecs, out.toAbsolutePath().normalize(), work);
        } finally {
            deleteTree(work);
        }
    }

    private int measureAll(List<Input> inputs, List<Codec> codecs, Path out, Path work) throws IOException {
        Map<String, String> machine = Machine.describe(opt.repo());
        List<Preset> curvePresets = opt.curve() ? opt.presets() : List.of();
        int steps = inputs.size() * (2 * codecs.size() + curvePresets.size());
        List<Report.InputResult> results = new ArrayList<>();
        boolean allOk = true;
        err.printf(Locale.ROOT, "enwik bench: %d input(s) × %d tool row(s)%s; results go to %s%n", inputs.size(),
                codecs.size(), curvePresets.isEmpty() ? "" : " + nzip learning curve", out);
        try (Progress progress = new Progress(err, steps)) {
            boolean warm = false;
            for (Input input : inputs) {
                Path file = input.file();
                String label = input.label();
                String slug = input.slug();
                String source = input.source();
                if (opt.prefix() > 0) {
                    long size = Files.size(file);
                    if (opt.prefix() < size) {
                        Path cut = work.resolve(slug + "-prefix-" + opt.prefix());
                        copyPrefix(file, cut, opt.prefix());
                        file = cut;
                        label = String.format(Locale.ROOT, "%s, first %,d bytes", label, opt.prefix());
                        slug = slug + "-prefix-" + opt.prefix();
                    } else {
                        notes.add(String.format(Locale.ROOT, "%s has only %,d bytes; --prefix %,d keeps all of it",
                                input.label(), size, opt.prefix()));
                    }
                }
                long bytes = Files.size(file);
                String sha = Hashes.sha256(file);
                if (!warm) {
                    warmUp(codecs, file, work, progress);
                    warm = true;
                }
                List<Row> rows = new ArrayList<>();
                Map<Preset, String> nzipSha = new HashMap<>();
                for (Codec c : codecs) {
                    Row row = measure(c, file, bytes, label, work, progress, nzipSha);
                    rows.add(row);
                    allOk &= row.ok();
                }
                List<LearningCurve> curves = new ArrayList<>();
                for (Preset p : curvePresets) {
                    Codec.Counter counter = new Codec.Counter(bytes);
                    Progress.Step step = progress.begin("nzip " + p.label() + " learning curve (in process) on " + label,
                            counter::detail);
                    try {
                        LearningCurve lc = LearningCurve.measure(file, p, counter);
                        curves.add(lc);
                        String cli = nzipSha.get(p);
                        String same = cli == null ? "" : cli.equals(lc.sha256()) ? ", output identical to the command line's"
                                : ", OUTPUT DIFFERS from the command line's";
                        if (cli != null && !cli.equals(lc.sha256())) {
                            notes.add("nzip " + p.label() + " on " + label + ": the in-process output differs from the "
                                    + "command line's (thread count or JVM must not change the output)");
                            allOk = false;
                        }
                        step.end(String.format(Locale.ROOT, "%.1f s, %d points%s", lc.seconds(), lc.points().size(), same));
                    } catch (IOException | RuntimeException e) {
                        step.end("FAILED: " + e);
                        notes.add("nzip " + p.label() + " learning curve on " + label + " failed: " + e);
                        allOk = false;
                    }
                }
                List<String> plots = new ArrayList<>();
                Report.InputResult result = new Report.InputResult(label, slug, display(input.original())
                        + (file != input.file() ? String.format(Locale.ROOT, " (first %,d bytes)", bytes) : ""),
                        bytes, sha, source, rows, curves, plots);
                String sub = Plots.subtitle(machine, List.of(String.format(Locale.ROOT, "%,d bytes", bytes)));
                try {
                    String name = "ratio-speed-" + slug + ".png";
                    Plots.ratioSpeed(result, sub, out.resolve(name));
                    plots.add(name);
                    if (!curves.isEmpty()) {
                        name = "learning-curve-" + slug + ".png";
                        Plots.learningCurve(result, sub, out.resolve(name));
                        plots.add(name);
                    }
                } catch (IOException | RuntimeException e) {
                    notes.add("plotting failed for " + label + ": " + e);
                }
                results.add(result);
            }
        }
        notes.addAll(standardNotes());
        Report.Run run = new Report.Run(machine, "bench/enwik/run" + (opt.args().isEmpty() ? "" : " " + quoteArgs(opt.args())),
                results, notes);
        Report.write(run, out);
        System.out.println(Report.markdown(run, false));
        err.println("enwik bench: wrote " + out.resolve("results.md") + ", results.csv, results.json and "
                + results.stream().mapToInt(r -> r.plots().size()).sum() + " plot(s)");
        if (!allOk) {
            err.println("enwik bench: FAILED — at least one round trip or check failed (see the table)");
            return 1;
        }
        return 0;
    }

    private Row measure(Codec c, Path file, long bytes, String label, Path work, Progress progress,
            Map<Preset, String> nzipSha) {
        Path packed = work.resolve("packed" + c.suffix());
        Path back = work.resolve("unpacked");
        Codec.Cost comp = null;
        Codec.Cost dec = null;
        long size = -1;
        String error = null;
        boolean same = false;
        Codec.Counter counter = new Codec.Counter(bytes);
        Progress.Step step = progress.begin(c.label() + " compress " + label, counter::detail);
        try {
            comp = timed(() -> c.compress(file, packed, new Codec.Counter(bytes)), c.compress(file, packed, counter));
            size = Files.size(packed);
            step.end(String.format(Locale.ROOT, "%s, %,d bytes, %.3f bpb", Report.secs(comp.seconds()) + " s", size,
                    8.0 * size / bytes));
            if (c instanceof NzipCodec n) {
                nzipSha.put(n.preset, Hashes.sha256(packed));
            }
        } catch (IOException | RuntimeException e) {
            error = "compress: " + e.getMessage();
            step.end("FAILED: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        counter = new Codec.Counter(bytes);
        Codec.Counter decCounter = counter;
        step = progress.begin(c.label() + " decompress " + label, counter::detail);
        if (error == null) {
            try {
                dec = c.decompress(packed, back, decCounter);
                long mismatch = Files.mismatch(file, back);
                same = mismatch == -1;
                if (!same) {
                    error = "round trip differs at byte " + mismatch;
                } else {
                    dec = timed(() -> c.decompress(packed, back, new Codec.Counter(bytes)), dec);
                    mismatch = Files.mismatch(file, back);
                    if (mismatch != -1) {
                        same = false;
                        error = "round trip differs at byte " + mismatch + " in a repeated run";
                    }
                }
                step.end(String.format(Locale.ROOT, "%s s, round trip %s", Report.secs(dec.seconds()),
                        same ? "ok" : "FAILED (" + error + ")"));
            } catch (IOException | RuntimeException e) {
                error = "decompress: " + e.getMessage();
                step.end("FAILED: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
        } else {
            step.end("skipped (compression failed)");
        }
        try {
            Files.deleteIfExists(packed);
            Files.deleteIfExists(back);
        } catch (IOException e) {
            // the work folder is deleted at the end anyway
        }
        return new Row(c.tool, c.options, c.kind, bytes, size, comp == null ? Double.NaN : comp.seconds(),
                dec == null ? Double.NaN : dec.seconds(), comp == null ? -1 : comp.peakBytes(),
                dec == null ? -1 : dec.peakBytes(), c.memoryKind, same, error);
    }

    interface Action {
        Codec.Cost run() throws IOException, InterruptedException;
    }

    /** Repeats a step ({@code --repeat}) unless its first run was slow; keeps the fastest time and the largest peak. */
    private Codec.Cost timed(Action again, Codec.Cost first) throws IOException, InterruptedException {
        Codec.Cost best = first;
        if (first.seconds() > 20) {
            return first;
        }
        for (int i = 1; i < opt.repeat(); i++) {
            Codec.Cost c = again.run();
            best = new Codec.Cost(Math.min(best.seconds(), c.seconds()), Math.max(best.peakBytes(), c.peakBytes()));
        }
        return best;
    }

    /** In-process codecs run once untimed on up to 1 MiB of the first input, so the JIT has compiled them. */
    private void warmUp(List<Codec> codecs, Path file, Path work, Progress progress) throws IOException {
        List<Codec> inProcess = codecs.stream().filter(c -> c instanceof Codec.InProcess).toList();
        if (inProcess.isEmpty()) {
            return;
        }
        Path sample = work.resolve("warmup-sample");
        copyPrefix(file, sample, 1 << 20);
        progress.note("warming up the in-process codecs (untimed) ...");
        for (Codec c : inProcess) {
            try {
                c.warmUp(sample, work);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // the timed run will report the failure
            }
        }
        Files.deleteIfExists(sample);
    }

    /** nzip's command line with one preset, run by the harness's own JDK with the launcher's JVM flags. */
    static final class NzipCodec extends Codec.Subprocess {
        final Preset preset;

        NzipCodec(Preset preset, List<String> java) {
            super("nzip", "-p " + preset.label(), "nzip", ".nz", concat(java, List.of("-c", "-q", "-p", preset.label())),
                    concat(java, List.of("-d", "-c", "-q")));
            this.preset = preset;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }
    }

    private List<Codec> codecs() {
        List<Codec> out = new ArrayList<>();
        for (String tool : opt.tools()) {
            switch (tool) {
                case "nzip" -> {
                    Path jar = opt.repo().resolve("target/nzip.jar");
                    if (!Files.isRegularFile(jar)) {
                        notes.add("skipped: nzip (" + jar + " not built; bench/enwik/run builds it)");
                        continue;
                    }
                    List<String> java = new ArrayList<>();
                    java.add(javaBinary());
                    java.addAll(launcherJvmArgs(opt.repo().resolve("nzip")));
                    java.add("-jar");
                    java.add(jar.toString());
                    for (Preset p : opt.presets()) {
                        out.add(new NzipCodec(p, java));
                    }
                    notes.add("nzip: `" + String.join(" ", java.subList(1, java.size())).replace(opt.repo() + "/", "")
                            + " -c -q -p PRESET FILE` (the `./nzip` launcher's JVM flags and JDK "
                            + Runtime.version().feature() + "; the launcher's own JDK search, ~0.5 s, is left out); "
                            + "its times include the JVM start (~0.3 s) and JIT warm-up");
                }
                case "java-gzip" -> out.add(new Codec.JavaGzip());
                case "java-xz" -> out.add(new Codec.JavaXz());
                case "gzip" -> binary(out, "gzip", "-9", ".gz", List.of("-9", "-c", "-n"), List.of("-d", "-c"), "--version");
                case "bzip2" -> binary(out, "bzip2", "-9", ".bz2", List.of("-9", "-c"), List.of("-d", "-c"), "--version");
                case "xz" -> binary(out, "xz", "-9e", ".xz", List.of("-9e", "-c"), List.of("-d", "-c"), "--version");
                case "zstd" -> binary(out, "zstd", "-19", ".zst", List.of("-19", "-c", "-q"), List.of("-d", "-c", "-q"),
                        "--version");
                case "brotli" -> binary(out, "brotli", "-q 11", ".br", List.of("-q", "11", "-c"), List.of("-d", "-c"),
                        "--version");
                default -> throw new IllegalStateException(tool);
            }
        }
        return out;
    }

    private final List<String> versions = new ArrayList<>();

    private void binary(List<Codec> out, String name, String options, String suffix, List<String> comp,
            List<String> dec, String versionFlag) {
        Path exe = Codec.which(name);
        if (exe == null) {
            notes.add("skipped: " + name + " not installed");
            return;
        }
        List<String> c = new ArrayList<>(List.of(exe.toString()));
        c.addAll(comp);
        List<String> d = new ArrayList<>(List.of(exe.toString()));
        d.addAll(dec);
        out.add(new Codec.Subprocess(name, options, "binary", suffix, c, d));
        String v = Codec.version(exe, () -> List.of(versionFlag));
        versions.add(v.isEmpty() ? name + " (version unknown)" : v);
    }

    private List<String> standardNotes() {
        List<String> n = new ArrayList<>();
        if (!versions.isEmpty()) {
            n.add("binaries: " + String.join("; ", versions));
        }
        n.add((opt.repeat() > 1 ? "times are the fastest of up to " + opt.repeat() + " runs (steps over 20 s run once),"
                : "every row is one run,") + " wall-clock time; kB/s = 1000 bytes of uncompressed data per second, for"
                + " compression and for decompression; bpb = 8 × compressed bytes / input bytes");
        n.add("round trip: each output was decompressed and compared byte for byte with the input");
        n.add("memory: RSS = peak resident set size of the whole process (`/usr/bin/time -f %M`; for nzip it includes"
                + " the JVM); heap = peak Java heap in use above the heap in use before the run (sum of the heap pools'"
                + " peaks after a GC); java.util.zip keeps zlib's state in native memory, which the heap figure does not"
                + " see");
        n.add("in-process codecs (java.util.zip, xz-java) run in the harness JVM after an untimed warm-up on up to"
                + " 1 MiB; the harness JVM runs with " + String.join(" ",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                                .filter(a -> a.startsWith("-X") || a.startsWith("--add-modules")).toList()));
        if (opt.curve()) {
            n.add("learning curve: nzip compresses in process with a progress listener (cumulative input and output"
                    + " sizes every ~16K symbols and at block ends); bpb per stretch = 8 × output growth / input growth;"
                    + " its output is checked to be identical to the command line's");
        }
        return n;
    }

    // ---------------------------------------------------------------- helpers

    private Path defaultOut() {
        Path base = opt.repo().resolve("bench/enwik/results");
        String day = LocalDate.now().toString();
        Path p = base.resolve(day);
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolve(day + "-" + i);
        }
        return p;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static final Pattern JVM_ARGS = Pattern.compile("^\\s*jvm_args=\\((.*)\\)\\s*$");

    /** The JVM flags the {@code ./nzip} launcher uses (its {@code jvm_args=(...)} line), so both stay in step. */
    static List<String> launcherJvmArgs(Path launcher) {
        try {
            for (String line : Files.readAllLines(launcher)) {
                Matcher m = JVM_ARGS.matcher(line);
                if (m.matches()) {
                    return List.of(m.group(1).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");
    }

    /** A path as shown in the results: relative to the repository's parent folder when below it. */
    private String display(Path p) {
        Path parent = opt.repo().getParent();
        Path abs = p.toAbsolutePath().normalize();
        if (parent != null && abs.startsWith(parent)) {
            return opt.repo().relativize(abs).toString();
        }
        return abs.toString();
    }

    static String slug(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return s.isEmpty() ? "input" : s;
    }

    private static String quoteArgs(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--repo")) {
                i++;
                continue;
            }
            out.add(a.matches("[A-Za-z0-9._/=,:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }

    static void copyPrefix(Path from, Path to, long n) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream o = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            long left = n;
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    break;
                }
                o.write(buf, 0, r);
                left -= r;
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("enwik bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
