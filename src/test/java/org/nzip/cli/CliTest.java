package org.nzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void tooSmallAHeapIsAClearErrorAndLeavesNothingBehind() throws Exception {
        // 20 kB sizes the default preset's context tables at 7 × 1.25 MB: 8 MB of heap cannot hold them.
        CliProcess.Result r = CliProcess.run(dir, null, java.util.List.of("-Xmx8m"), "doc.txt");
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("nzip: doc.txt: out of memory") && r.stderr().contains("-Xmx"), r.stderr());
        assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
        assertArrayEquals(data, Files.readAllBytes(file), "the input is kept");
        assertEquals(1, filesIn(dir), "no output or temporary file is left");
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
        Files.write(packed, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        CliProcess.Result r = nzip("-d", "doc.txt.nz");
        assertEquals(3, r.exit());
        assertTrue(r.stderr().contains("trailing garbage"), r.stderr());
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        assertEquals(2, nzip("--no-such-option").exit());
        CliProcess.Result r = nzip("--preset", "nonsense", "doc.txt");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("valid:"), r.stderr());
        assertEquals(2, nzip("-o", "x.nz", "doc.txt", "doc.txt").exit());
        assertEquals(2, nzip("-d", "-t", "doc.txt").exit());
        assertEquals(2, nzip("-T", "0", "doc.txt").exit());
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
        assertEquals(1, nzip(".").exit());
    }

    @Test
    void notAnNzipFileExitsWith3() throws Exception {
        Files.writeString(dir.resolve("fake.nz"), "this is not compressed");
        CliProcess.Result r = nzip("-d", "fake.nz");
        assertEquals(3, r.exit());
        assertTrue(r.stderr().contains("not in .nz format"), r.stderr());
        assertFalse(Files.exists(dir.resolve("fake")));
    }

    @Test
    void helpAndVersionExitWith0() throws Exception {
        CliProcess.Result r = nzip("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Exit status"), r.out());
        assertTrue(r.out().contains("compress"), r.out());
        assertEquals(0, nzip("--version").exit());
    }

    @Test
    void verbosePrintsASummary() throws Exception {
        CliProcess.Result r = nzip("-p", "cm", "-kv", "doc.txt");
        assertEquals(0, r.exit());
        assertTrue(r.stderr().contains("bpb"), r.stderr());
    }
}
