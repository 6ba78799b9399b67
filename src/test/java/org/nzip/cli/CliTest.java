package org.nzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.TestData;

/**
 * The command line, run in child JVMs: gzip/xz conventions, exit codes, and never losing data. The
 * tests compress with the fast {@code cm} preset: they are about the command line, not the model.
 */
@Tag("slow") // starts a child JVM per command
class CliTest {

    @TempDir
    Path dir;

    private byte[] data;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        data = TestData.text(20_000);
        file = dir.resolve("doc.txt");
        Files.write(file, data);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_500_000_000_000L));
    }

    private CliProcess.Result nzip(String... args) throws Exception {
        return CliProcess.run(dir, null, args);
    }

    private CliProcess.Result nzipWithInput(byte[] stdin, String... args) throws Exception {
        return CliProcess.run(dir, stdin, args);
    }

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    private java.util.List<String> filesIn() throws IOException {
        try (Stream<Path> s = Files.list(dir)) { // hidden (dot) files too: the temporary files are hidden
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Asserts stderr is exactly one line (no stack trace) and returns it. */
    private static String oneLine(CliProcess.Result r) {
        String text = r.stderr().strip();
        assertFalse(text.isEmpty(), "a message on stderr");
        assertFalse(text.contains("\n"), "one line, no stack trace: " + r.stderr());
        return text;
    }

    /**
     * --segment: the same bytes for -T1 and -T2, -l -v lists the segments, and -T2 under a memory limit
     * that fits one segment's model says in one line that it codes one at a time.
     */
    @Test
    void segmentsListAndLowerTheThreadsToTheMemoryLimit() throws Exception {
        assertEquals(0, nzip("-p", "cm", "--segment", "8KiB", "-T1", "-k", "-o", "one.nz", "doc.txt").exit());
        CliProcess.Result two = nzip("-p", "cm", "--segment", "8KiB", "-T2", "-M", "40MiB", "-k", "-o", "two.nz", "doc.txt");
        assertEquals(0, two.exit(), two.stderr());
        assertTrue(oneLine(two).contains("1 segment at once, not 2"), two.stderr());
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.nz")), Files.readAllBytes(dir.resolve("two.nz")));
        CliProcess.Result list = nzip("-lv", "one.nz");
        assertTrue(list.out().contains("segments: 3 of 8,192 bytes") && list.out().contains("segment 2: bytes 16,384..20,000"), list.out());
        assertTrue(list.out().contains("transform: text, the shipped english dictionary"), "the default dictionary in segments: " + list.out());
        CliProcess.Result back = nzip("-d", "-T2", "-c", "one.nz");
        assertEquals(0, back.exit(), back.stderr());
        assertArrayEquals(data, back.stdout());
    }

    @Test
    void tooSmallAHeapIsRefusedUpFrontAndTheSuggestedHeapWorks() throws Exception {
        // cm needs about 24 MiB for 20 kB; the default limit of an 8 MB heap is 0 (the heap less 16 MiB).
        CliProcess.Result r = CliProcess.run(dir, null, java.util.List.of("-Xmx8m"), "-p", "cm", "doc.txt");
        assertEquals(1, r.exit(), r.stderr());
        String line = oneLine(r);
        assertTrue(line.startsWith("nzip: doc.txt: needs ") && line.contains("(the default, from a Java heap of")
                && line.contains("--memlimit"), line);
        assertArrayEquals(data, Files.readAllBytes(file), "the input is kept");
        assertEquals(java.util.List.of("doc.txt"), filesIn(), "no output or temporary file is left");

        java.util.regex.Matcher xmx = java.util.regex.Pattern.compile("NZIP_JAVA_OPTS=(-Xmx\\d+[mg])").matcher(line);
        assertTrue(xmx.find(), line);
        r = CliProcess.run(dir, null, java.util.List.of(xmx.group(1)), "-p", "cm", "doc.txt");
        assertEquals(0, r.exit(), "the suggested " + xmx.group(1) + " is enough: " + r.stderr());
    }

    @Test
    void outOfMemoryIsTheLastResortAndNamesTheRemedies() throws Exception {
        // A limit above the heap lets the stream start; building the model then runs out of memory.
        // (A named backend: "auto" would log its choice of kernels on stderr as the model is built.)
        CliProcess.Result r = CliProcess.run(dir, null, java.util.List.of("-Xmx8m", "-Dnzip.ops=vector"),
                "-p", "cm", "--memlimit", "1GiB", "doc.txt");
        assertEquals(1, r.exit(), r.stderr());
        String line = oneLine(r);
        assertTrue(line.startsWith("nzip: doc.txt: out of memory") && line.contains("NZIP_JAVA_OPTS=-Xmx")
                && line.contains("--memlimit"), line);
        assertArrayEquals(data, Files.readAllBytes(file), "the input is kept");
        assertEquals(java.util.List.of("doc.txt"), filesIn(), "no output or temporary file is left");
    }

    @Test
    void decompressingOverTheMemoryLimitIsRefusedAndLeavesNothing() throws Exception {
        assertEquals(0, nzip("-p", "cm", "doc.txt").exit());
        CliProcess.Result r = nzip("--memlimit", "1MiB", "-d", "doc.txt.nz");
        assertEquals(1, r.exit(), r.stderr());
        String line = oneLine(r);
        assertTrue(line.startsWith("nzip: doc.txt.nz: needs ") && line.contains("more than the limit of 1 MiB set by --memlimit")
                && line.contains("NZIP_JAVA_OPTS=-Xmx"), line);
        assertEquals(java.util.List.of("doc.txt.nz"), filesIn(), "the input is kept, no output or temporary file");

        r = nzip("-M", "1MiB", "-t", "doc.txt.nz");
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(oneLine(r).contains("--memlimit"), r.stderr());
        r = nzip("-M1MiB", "-dc", "doc.txt.nz");
        assertEquals(1, r.exit(), r.stderr());
        assertEquals(0, r.stdout().length, "nothing decoded");

        // The limit the message suggests is enough.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--memlimit (\\d+MiB) or more").matcher(line);
        assertTrue(m.find(), line);
        r = nzip("--memlimit", m.group(1), "-dk", "doc.txt.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void memoryLimitSizesParse() throws Exception {
        // cm needs about 83 MiB for these 20 kB (its tables are sized by the input)
        CliProcess.Result c = nzip("-p", "cm", "-M", "128MiB", "doc.txt");
        assertEquals(0, c.exit(), c.stderr());
        CliProcess.Result r = nzip("-M", "128MiB", "-dc", "doc.txt.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(data, r.stdout());
        assertEquals(0, nzip("--memlimit=128m", "-t", "doc.txt.nz").exit());
        assertEquals(0, nzip("--memlimit", "max", "-t", "doc.txt.nz").exit());
        assertEquals(0, nzip("test", "-M", "0", "doc.txt.nz").exit());
    }

    @Test
    void malformedMemoryLimitsAreUsageErrors() throws Exception {
        for (String bad : new String[] {"lots", "1.5GiB", "64 MiB", "1TiB", "1000", "1023KiB", "-5", "99999999999999999999"}) {
            CliProcess.Result r = nzip("-p", "cm", "--memlimit", bad, "doc.txt");
            assertEquals(2, r.exit(), bad + ": " + r.stderr());
            String first = r.stderr().lines().findFirst().orElse("");
            assertTrue(first.startsWith("nzip: ") && first.contains("memory limit"), bad + ": " + r.stderr());
        }
        assertEquals(java.util.List.of("doc.txt"), filesIn(), "nothing done");
    }

    @Test
    void compressingOverTheMemoryLimitLeavesNoOutput() throws Exception {
        CliProcess.Result r = nzip("-p", "cm", "--memlimit", "1MiB", "doc.txt");
        assertEquals(1, r.exit(), r.stderr());
        String line = oneLine(r);
        assertTrue(line.startsWith("nzip: doc.txt: needs ") && line.contains("--memlimit")
                && line.contains("NZIP_JAVA_OPTS=-Xmx"), line);
        assertArrayEquals(data, Files.readAllBytes(file), "the input is kept");
        assertEquals(java.util.List.of("doc.txt"), filesIn(), "no output or temporary file is left");

        r = nzip("-p", "cm", "-M", "1MiB", "-c", "doc.txt");
        assertEquals(1, r.exit(), r.stderr());
        assertEquals(0, r.stdout().length, "nothing written before the memory check");
        r = nzipWithInput(data, "-p", "cm", "-M", "1MiB");
        assertEquals(1, r.exit(), r.stderr());
        assertEquals(0, r.stdout().length);
        assertTrue(oneLine(r).startsWith("nzip: (stdin): needs "), r.stderr());
    }

    @Test
    void verboseListShowsTheMemoryNeededAndStoredBlocks() throws Exception {
        assertEquals(0, nzip("-p", "cm", "doc.txt").exit());
        CliProcess.Result plain = nzip("-l", "doc.txt.nz");
        assertEquals(0, plain.exit(), plain.stderr());
        assertEquals(2, plain.out().lines().count(), plain.out());
        assertFalse(plain.out().contains("memory"), plain.out());

        CliProcess.Result r = nzip("-l", "-v", "doc.txt.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().startsWith(plain.out()), "the same columns first:\n" + r.out());
        assertTrue(r.out().contains("stored blocks: 0 of 1; memory to decode: ") && r.out().contains(" MiB (limit "), r.out());

        r = nzip("-lv", "-M", "1MiB", "doc.txt.nz");
        assertEquals(0, r.exit(), "listing decodes nothing: " + r.stderr());
        assertTrue(r.out().contains("more than the limit of 1 MiB"), r.out());
    }

    @Test
    void transformIsChosenOnTheCommandLineAndListed() throws Exception {
        CliProcess.Result r = nzip("-p", "cm", "--transform", "text", "-k", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        r = nzip("-lv", "doc.txt.nz");
        assertTrue(r.out().contains("transform: text, the shipped english dictionary of 88,961 words, 1 of 1 blocks transformed"), r.out());
        assertEquals(0, nzip("-t", "doc.txt.nz").exit());
        r = nzip("-p", "cm", "--transform", "text", "--dictionary", "file", "-kf", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        r = nzip("-lv", "doc.txt.nz");
        assertTrue(r.out().contains("transform: text, the stream's dictionary of 128 words, 1 of 1 blocks transformed"), r.out());
        assertEquals(0, nzip("-t", "doc.txt.nz").exit());
        r = nzip("--dictionary", "klingon", "-kf", "doc.txt");
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("nzip: unknown dictionary 'klingon' (valid: english, file)"), r.stderr());
        r = nzip("-p", "cm", "--transform", "none", "-kf", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(nzip("-lv", "doc.txt.nz").out().contains("transform: none"));
        r = nzip("--transform", "bogus", "-k", "doc.txt");
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("nzip: unknown transform 'bogus' (valid: auto, text, none)"), r.stderr());
    }

    @Test
    void networkIsChosenOnTheCommandLineAndListed() throws Exception {
        // doc.txt is under fast's network threshold: the network is asked for all the same. The child
        // JVMs run without C2, where the Vector API is not intrinsified (16 s a run instead of 0.2 s):
        // the networks run on the scalar twin, which writes the same bits.
        String scalar = "-Dnzip.ops=scalar";
        List<String> ownModel = List.of("-Dnzip.modelBySize=false", scalar);
        CliProcess.Result r = CliProcess.run(dir, null, ownModel, "-p", "fast", "--network", "transformer", "-k", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        r = nzip("-lv", "doc.txt.nz");
        assertTrue(r.out().contains("model: transformer 1×64, 4 heads"), r.out());
        assertEquals(0, CliProcess.run(dir, null, List.of(scalar), "-t", "doc.txt.nz").exit());
        r = CliProcess.run(dir, null, ownModel, "-p", "fast", "--network", "LSTM", "-kf", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(nzip("-lv", "doc.txt.nz").out().contains("model: lstm 1×64"), r.out());
        r = nzip("-p", "cm", "--network", "transformer", "-kf", "doc.txt");
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("--network: preset cm has no network (choose fast, default or max)"), r.stderr());
        r = nzip("--network", "rnn", "-kf", "doc.txt");
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("unknown network 'rnn' (valid: lstm, transformer)"), r.stderr());
    }

    @Test
    void listSumsConcatenationsNamesTheOutputAndRefusesDamage() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "short\n");
        assertEquals(0, nzip("-p", "cm", "-k", "doc.txt", "b.txt").exit());
        CliProcess.Result ab = nzip("-p", "cm", "-c", "doc.txt", "b.txt");
        byte[] padded = java.util.Arrays.copyOf(ab.stdout(), ab.stdout().length + 4);
        Files.write(dir.resolve("ab.nz"), padded);

        CliProcess.Result r = nzip("-l", "doc.txt.nz", "ab.nz", "b.txt.nz");
        assertEquals(0, r.exit(), r.stderr());
        java.util.List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), "a header once, a line per file, a totals line:\n" + r.out());
        assertTrue(lines.get(0).contains("Name"), r.out());
        assertTrue(lines.get(1).endsWith(" doc.txt") && lines.get(1).contains("20,000"), r.out());
        String both = lines.get(2);
        assertTrue(both.endsWith(" ab") && both.strip().startsWith("2 ")
                && both.contains(String.format("%,d", padded.length)) && both.contains("20,006"), both);
        assertTrue(lines.get(3).endsWith(" b.txt"), r.out());
        assertTrue(lines.get(4).endsWith("(totals)") && lines.get(4).contains("40,012"), r.out());

        r = nzip("list", "doc.txt.nz"); // the subcommand, not a file called list
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().contains(" doc.txt"), r.out());
        assertFalse(Files.exists(dir.resolve("list.nz")));

        Files.write(dir.resolve("cut.nz"), java.util.Arrays.copyOf(ab.stdout(), ab.stdout().length - 2));
        r = nzip("-l", "cut.nz");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.stderr().contains("truncated"), r.stderr());
        padded[padded.length - 1] = 7;
        Files.write(dir.resolve("junk.nz"), padded);
        r = nzip("-l", "junk.nz");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.stderr().contains("trailing garbage"), r.stderr());
    }

    private java.util.List<String> tempFilesIn(Path d, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    /** Starts compressing a large file with the native kernels and a temporary directory of its own; returns once it writes. */
    private Process startLongCompression(Path tmpdir) throws Exception {
        return startCompression(tmpdir, 4_000_000);
    }

    private Process startCompression(Path tmpdir, int size) throws Exception {
        Files.write(dir.resolve("big.txt"), TestData.wordSalad(size, 3));
        Process p = CliProcess.start(dir, java.util.List.of("--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmpdir), "-p", "fast", "big.txt");
        boolean writing = false;
        for (int i = 0; i < 100_000 && !writing && p.isAlive(); i++) { // bounded by polls, not by a clock
            writing = !tempFilesIn(dir, ".nzip-tmp").isEmpty();
            Thread.sleep(2);
        }
        assertTrue(writing, "the child started writing its temporary file");
        return p;
    }

    @Test
    void sigtermRemovesThePartialOutputAndTheExtractedLibrary() throws Exception {
        Path tmpdir = Files.createDirectory(dir.resolve("jtmp"));
        Process p = startLongCompression(tmpdir);
        p.destroy(); // SIGTERM, as kill and Ctrl-C's SIGINT
        assertTrue(org.nzip.ChildProcess.await(p, "nzip -p fast big.txt") != 0);
        assertEquals(java.util.List.of(), tempFilesIn(dir, ".nzip-tmp"), "no partial output left");
        assertFalse(Files.exists(dir.resolve("big.txt.nz")));
        assertTrue(Files.exists(dir.resolve("big.txt")), "the input is kept");
        assertEquals(java.util.List.of(), tempFilesIn(tmpdir, ".so"), "no extracted library left");
    }

    @Test
    void extractedLibrariesDoNotAccumulateEvenAfterSigkill() throws Exception {
        Path tmpdir = Files.createDirectory(dir.resolve("jtmp"));
        Process p = startLongCompression(tmpdir);
        p.destroyForcibly(); // SIGKILL: nothing runs in the child
        org.nzip.ChildProcess.await(p, "nzip -p fast big.txt");
        Files.write(tmpdir.resolve("nzipkernels-123.so"), new byte[] {1}); // left by a process killed while extracting
        Path busy = tmpdir.resolve("nzipkernels-456.so"); // another nzip extracting right now: locked
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(busy,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = ch.lock()) {
            // A run whose model has a network, so it loads the kernels: testing a small file coded with
            // fast's own model (from the command line, a small file gets cm's model, which needs none).
            Files.write(dir.resolve("lstm.nz"), org.nzip.Nzip.compress(data,
                    org.nzip.NzipOptions.of(org.nzip.Preset.FAST).modelBySize(false)));
            CliProcess.Result r = CliProcess.run(dir, null, java.util.List.of("--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + tmpdir), "-t", "lstm.nz");
            assertEquals(0, r.exit(), r.stderr());
            assertEquals(java.util.List.of("nzipkernels-456.so"), tempFilesIn(tmpdir, ".so"),
                    "stale copies removed, its own deleted once loaded, the one in use kept");
        }
    }

    @Test
    void levelsAreOptionsAndVerbosityThreadsAndBackendWork() throws Exception {
        CliProcess.Result r = nzip("-3", "-k", "-T0", "-vv", "doc.txt"); // -3: cm; -T0: every core
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("preset cm, transform auto (dictionary english), " + Math.min(256, Runtime.getRuntime().availableProcessors()) + " threads"),
                r.stderr());
        assertTrue(r.stderr().contains("compute backend: "), "-v names the backend: " + r.stderr());
        assertTrue(r.stderr().contains("bpb"), r.stderr());
        assertFalse(r.stderr().contains("no such file"), r.stderr());
        r = nzip("-l", "doc.txt.nz");
        assertTrue(r.out().contains(" cm "), r.out());
        r = nzip("-k2f", "doc.txt"); // clustered, as gzip -k9f
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(java.util.List.of("doc.txt", "doc.txt.nz"), filesIn());
        assertTrue(nzip("--help").out().contains("-1 ... -9"));
    }

    @Test
    void anUnknownBackendPropertyIsOneLine() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, null, java.util.List.of("-Dnzip.ops=bogus"), "-p", "cm", "-k", "doc.txt");
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(oneLine(r).contains("nzip.ops=bogus") && oneLine(r).contains("valid values are"), r.stderr());
        assertEquals(java.util.List.of("doc.txt"), filesIn());
    }

    @Test
    void aTargetThatAppearsWhileWorkingIsNotOverwritten() throws Exception {
        Path tmpdir = Files.createDirectory(dir.resolve("jtmp"));
        Process p = startCompression(tmpdir, 600_000); // under 1 MiB: cm's model, a few seconds
        Files.writeString(dir.resolve("big.txt.nz"), "precious"); // after the check at the start
        assertEquals(1, org.nzip.ChildProcess.await(p, "nzip -p fast big.txt"));
        assertEquals("precious", Files.readString(dir.resolve("big.txt.nz")));
        assertTrue(Files.exists(dir.resolve("big.txt")), "the input is kept");
        assertEquals(java.util.List.of(), tempFilesIn(dir, ".nzip-tmp"));
    }

    @Test
    void linksFifosAndDirectoriesAreLeftAloneWithAWarning() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("doc.txt"));
        Path hard = Files.createLink(dir.resolve("hard.txt"), Files.write(dir.resolve("other.txt"), data));
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String f : java.util.List.of("link.txt", "hard.txt", "other.txt", "fifo")) {
            CliProcess.Result r = nzip("-1", f);
            assertEquals(2, r.exit(), f + ": " + r.stderr());
            assertTrue(oneLine(r).contains("ignored"), r.stderr());
        }
        CliProcess.Result r = nzip("-1", "-f", "fifo");
        assertEquals(2, r.exit(), "a FIFO even with -f: " + r.stderr());
        assertEquals(0, nzip("-1", "-f", "link.txt", "hard.txt").exit());
        assertTrue(Files.isSymbolicLink(link) && Files.exists(hard) && Files.exists(fifo), "never deleted");
        assertArrayEquals(data, nzip("-dc", "link.txt.nz").stdout());
        assertArrayEquals(data, nzip("-dc", "hard.txt.nz").stdout());
        assertEquals(0, nzip("-1", "-c", "link.txt").exit(), "-c reads through a link");
    }

    @Test
    void recursiveProcessesDirectoriesAndOutputKeepsTheInput() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("tree/sub"));
        Files.write(sub.resolve("a.txt"), data);
        Files.writeString(dir.resolve("tree/b.txt"), "bee\n");
        assertEquals(2, nzip("-1", "tree").exit());
        CliProcess.Result r = nzip("-1", "-r", "tree");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(Files.exists(sub.resolve("a.txt.nz")) && Files.exists(dir.resolve("tree/b.txt.nz")));
        assertFalse(Files.exists(sub.resolve("a.txt")));
        assertEquals(0, nzip("-1", "-r", "tree").exit(), "compressed files are passed over");
        assertFalse(Files.exists(sub.resolve("a.txt.nz.nz")));
        r = nzip("-d", "-r", "tree");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(data, Files.readAllBytes(sub.resolve("a.txt")));
        assertEquals("bee\n", Files.readString(dir.resolve("tree/b.txt")));

        assertEquals(0, nzip("-1", "-o", "out.nz", "doc.txt").exit());
        assertArrayEquals(data, Files.readAllBytes(file), "-o keeps the input, as zstd");
        assertTrue(nzip("--help").out().contains("keep the input"));
    }

    @Test
    void outputFromStandardInputHonoursTheUmask() throws Exception {
        CliProcess.Result r = nzipWithInput(data, "-1", "-o", "piped.nz");
        assertEquals(0, r.exit(), r.stderr());
        Path plain = dir.resolve("plain"); // created as the shell's > would: 0666 less the umask
        new java.io.FileOutputStream(plain.toFile()).close();
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve("piped.nz")));
    }

    @Test
    void errorMessagesSayWhatIsWrongOnceAndNameTheTarget() throws Exception {
        Files.write(dir.resolve("g.nz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0}); // gzip data
        CliProcess.Result r = nzip("-d", "g.nz");
        assertEquals(3, r.exit());
        assertTrue(oneLine(r).startsWith("nzip: g.nz: not in .nz format") && !r.stderr().contains("corrupt"), r.stderr());

        assertEquals(0, nzip("-1", "-k", "doc.txt").exit());
        byte[] packed = Files.readAllBytes(dir.resolve("doc.txt.nz"));
        Files.write(dir.resolve("cut3.nz"), java.util.Arrays.copyOf(packed, 3));
        r = nzip("-d", "cut3.nz");
        assertEquals(3, r.exit());
        assertTrue(oneLine(r).contains("truncated") && !r.stderr().contains("magic"), r.stderr());
        Files.write(dir.resolve("cut.nz"), java.util.Arrays.copyOf(packed, packed.length / 2));
        r = nzip("-t", "cut.nz");
        assertEquals(3, r.exit());
        String line = oneLine(r);
        assertTrue(line.startsWith("nzip: cut.nz: truncated input: "), line);
        assertEquals(line.indexOf("input"), line.lastIndexOf("input"), "'input' once: " + line);

        r = nzip("-1", "-k", "-o", "nodir/out.nz", "doc.txt");
        assertEquals(1, r.exit());
        line = oneLine(r);
        assertTrue(line.contains("nodir/out.nz") && !line.contains("nzip-tmp"), line);
    }

    @Test
    void compressReplacesFileAndDecompressRestoresIt() throws Exception {
        CliProcess.Result r = nzip("-p", "cm", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        Path packed = dir.resolve("doc.txt.nz");
        assertTrue(Files.exists(packed));
        assertFalse(Files.exists(file), "input is removed after a successful compression");
        assertEquals(FileTime.fromMillis(1_500_000_000_000L), Files.getLastModifiedTime(packed), "mtime kept");

        r = nzip("-d", "doc.txt.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(data, Files.readAllBytes(file));
        assertFalse(Files.exists(packed));
        assertEquals(FileTime.fromMillis(1_500_000_000_000L), Files.getLastModifiedTime(file));
        assertEquals(1, filesIn(dir), "no temporary files left");
    }

    @Test
    void subcommandsDoTheSame() throws Exception {
        assertEquals(0, nzip("compress", "-p", "cm", "-k", "doc.txt").exit());
        assertTrue(Files.exists(file));
        assertEquals(0, nzip("test", "doc.txt.nz").exit());
        CliProcess.Result info = nzip("info", "doc.txt.nz");
        assertEquals(0, info.exit(), info.stderr());
        assertTrue(info.out().contains("20,000"), info.out());
        Files.delete(file);
        assertEquals(0, nzip("decompress", "doc.txt.nz").exit());
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void keepAndStdoutLeaveTheInput() throws Exception {
        assertEquals(0, nzip("-p", "cm", "-k", "doc.txt").exit());
        assertTrue(Files.exists(file));
        CliProcess.Result r = nzip("-dc", "doc.txt.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(data, r.stdout());
        assertTrue(Files.exists(dir.resolve("doc.txt.nz")), "-c keeps the input");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Files.writeString(dir.resolve("doc.txt.nz"), "precious");
        CliProcess.Result r = nzip("-p", "cm", "doc.txt");
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("already exists"), r.stderr());
        assertEquals("precious", Files.readString(dir.resolve("doc.txt.nz")));
        assertTrue(Files.exists(file), "input kept when nothing was written");
        assertEquals(2, filesIn(dir));

        r = nzip("-p", "cm", "-f", "doc.txt");
        assertEquals(0, r.exit(), r.stderr());
        assertFalse(Files.exists(file));
        assertEquals(0, nzip("-dc", "doc.txt.nz").exit());
    }

    @Test
    void pipesStdinToStdout() throws Exception {
        CliProcess.Result packed = nzipWithInput(data, "-p", "cm");
        assertEquals(0, packed.exit(), packed.stderr());
        CliProcess.Result back = nzipWithInput(packed.stdout(), "-d");
        assertEquals(0, back.exit(), back.stderr());
        assertArrayEquals(data, back.stdout());
        CliProcess.Result dash = nzipWithInput(packed.stdout(), "-dc", "-");
        assertArrayEquals(data, dash.stdout());
    }

    @Test
    void outputOptionNamesTheTarget() throws Exception {
        assertEquals(0, nzip("-p", "cm", "-k", "-o", "other.nz", "doc.txt").exit());
        assertEquals(0, nzip("-d", "-o", "copy.txt", "other.nz").exit());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("copy.txt")));
    }

    @Test
    void corruptInputExitsWith3AndLeavesNoOutput() throws Exception {
        assertEquals(0, nzip("-p", "cm", "doc.txt").exit());
        Path packed = dir.resolve("doc.txt.nz");
        byte[] bytes = Files.readAllBytes(packed);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(packed, bytes);
        CliProcess.Result r = nzip("-d", "doc.txt.nz");
        assertEquals(3, r.exit());
        assertTrue(r.stderr().contains("corrupt"), r.stderr());
        assertFalse(Files.exists(file), "no output file");
        assertTrue(Files.exists(packed), "compressed file kept");
        assertEquals(1, filesIn(dir), "no temporary file left");
        assertEquals(3, nzip("-t", "doc.txt.nz").exit());
    }

    @Test
    void truncatedInputExitsWith3() throws Exception {
        assertEquals(0, nzip("-p", "cm", "doc.txt").exit());
        Path packed = dir.resolve("doc.txt.nz");
        byte[] bytes = Files.readAllBytes(packed);
        Files.write(packed, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        CliProcess.Result r = nzip("-d", "doc.txt.nz");
        assertEquals(3, r.exit());
        assertTrue(r.stderr().contains("truncated"), r.stderr());
        assertEquals(1, filesIn(dir));
        assertEquals(3, nzip("-l", "doc.txt.nz").exit());
    }

    @Test
    void trailingGarbageExitsWith3() throws Exception {
        assertEquals(0, nzip("-p", "cm", "doc.txt").exit());
        Path packed = dir.resolve("doc.txt.nz");
        Files.write(packed, new byte[] {0, 0, 3}, java.nio.file.StandardOpenOption.APPEND);
        CliProcess.Result r = nzip("-d", "doc.txt.nz");
        assertEquals(3, r.exit());
        assertTrue(r.stderr().contains("trailing garbage"), r.stderr());
        assertEquals(java.util.List.of("doc.txt.nz"), filesIn(), "no output, no temporary file");
        assertEquals(3, nzip("-t", "doc.txt.nz").exit());
        assertEquals(3, nzip("-l", "doc.txt.nz").exit());
    }

    @Test
    void concatenatedStreamsAndZeroPaddingDecodeToTheConcatenation() throws Exception {
        byte[] more = "a second file\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve("b.txt"), more);
        CliProcess.Result r = nzip("-p", "cm", "-c", "doc.txt", "b.txt"); // like gzip -c a b > ab.gz
        assertEquals(0, r.exit(), r.stderr());
        byte[] both = new byte[data.length + more.length];
        System.arraycopy(data, 0, both, 0, data.length);
        System.arraycopy(more, 0, both, data.length, more.length);
        byte[] padded = java.util.Arrays.copyOf(r.stdout(), r.stdout().length + 3); // zero padding
        Files.write(dir.resolve("ab.nz"), padded);
        r = nzip("-dc", "ab.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(both, r.stdout());
        assertEquals(0, nzip("-t", "ab.nz").exit());
        r = nzipWithInput(padded, "-d");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(both, r.stdout());
        r = nzip("-d", "ab.nz");
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(both, Files.readAllBytes(dir.resolve("ab")));
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        assertEquals(2, nzip("--no-such-option").exit());
        CliProcess.Result r = nzip("--preset", "nonsense", "doc.txt");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("valid:"), r.stderr());
        assertEquals(2, nzip("-o", "x.nz", "doc.txt", "doc.txt").exit());
        assertEquals(2, nzip("-d", "-t", "doc.txt").exit());
        assertEquals(2, nzip("-T", "-1", "doc.txt").exit());
        assertEquals(2, nzip("-9", "-p", "cm", "doc.txt").exit(), "a level and a preset that disagree");
        assertTrue(Files.exists(file));
    }

    @Test
    void missingFileAndWrongSuffixesExitWith1() throws Exception {
        assertEquals(1, nzip("missing.txt").exit());
        CliProcess.Result r = nzip("-d", "doc.txt");
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("unknown suffix"), r.stderr());
        assertEquals(0, nzip("-p", "cm", "-k", "doc.txt").exit());
        r = nzip("doc.txt.nz");
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("already has .nz suffix"), r.stderr());
        CliProcess.Result d = nzip("."); // as gzip and xz: a warning, exit 2
        assertEquals(2, d.exit());
        assertTrue(oneLine(d).contains("is a directory"), d.stderr());
    }

    @Test
    void notAnNzipFileExitsWith3() throws Exception {
        Files.writeString(dir.resolve("fake.nz"), "this is not compressed");
        CliProcess.Result r = nzip("-d", "fake.nz");
        assertEquals(3, r.exit());
        assertTrue(oneLine(r).startsWith("nzip: fake.nz: not in .nz format"), r.stderr());
        assertFalse(Files.exists(dir.resolve("fake")));
        Files.write(dir.resolve("empty.nz"), new byte[0]);
        r = nzip("-t", "empty.nz");
        assertEquals(3, r.exit());
        assertTrue(oneLine(r).contains("not in .nz format"), r.stderr());
        assertEquals(3, nzip("-l", "fake.nz").exit());
    }

    @Test
    void aNewerFormatVersionSaysANewerNzipIsNeeded() throws Exception {
        assertEquals(0, nzip("-p", "cm", "doc.txt").exit());
        Path packed = dir.resolve("doc.txt.nz");
        byte[] bytes = Files.readAllBytes(packed);
        bytes[4] = 99; // the format version
        Files.write(packed, bytes);
        CliProcess.Result r = nzip("-d", "doc.txt.nz");
        assertEquals(3, r.exit(), r.stderr());
        assertTrue(oneLine(r).startsWith("nzip: doc.txt.nz: needs a newer nzip: format version 99"), r.stderr());
        assertEquals(java.util.List.of("doc.txt.nz"), filesIn());
    }

    @Test
    void helpAndVersionExitWith0() throws Exception {
        CliProcess.Result r = nzip("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Exit status"), r.out());
        assertTrue(r.out().contains("compress"), r.out());
        assertTrue(r.out().contains("-M, --memlimit=SIZE") && r.out().contains("NZIP_JAVA_OPTS=-Xmx"), r.out());
        r = nzip("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("(?s)nzip \\d+\\.\\d+\\.\\d+[-.\\w]*, container format " + org.nzip.Nzip.FORMAT_VERSION + "\n.*"),
                "the version number: " + r.out());
        assertEquals(r.out(), nzip("-V").out());
    }

    @Test
    void verbosePrintsASummary() throws Exception {
        CliProcess.Result r = nzip("-p", "cm", "-kv", "doc.txt");
        assertEquals(0, r.exit());
        assertTrue(r.stderr().contains("bpb"), r.stderr());
    }
}
