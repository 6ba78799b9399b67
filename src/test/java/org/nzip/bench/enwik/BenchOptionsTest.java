package org.nzip.bench.enwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.Preset;

/** The harness's argument parsing and its offline message; fast, runs nothing. */
class BenchOptionsTest {

    @Test
    void defaultsSelectEveryPresetAndTool() throws Exception {
        BenchOptions o = BenchOptions.parse();
        assertEquals(List.of(Preset.values()), o.presets());
        assertEquals(BenchOptions.TOOLS, o.tools());
        assertTrue(o.inputs().isEmpty());
        assertEquals(-1, o.prefix());
        assertEquals(1, o.repeat());
        assertTrue(o.curve());
    }

    @Test
    void inputTakesSeveralFilesUntilTheNextOption() throws Exception {
        BenchOptions o = BenchOptions.parse("--input", "a", "b", "c", "--prefix", "64Ki", "--tools", "xz,nzip");
        assertEquals(List.of(Path.of("a"), Path.of("b"), Path.of("c")), o.inputs());
        assertEquals(65536, o.prefix());
        assertEquals(List.of("nzip", "xz"), o.tools(), "table order, not command-line order");
    }

    @Test
    void sizes() throws Exception {
        assertEquals(1_000_000, BenchOptions.parseSize("1M"));
        assertEquals(1_000_000, BenchOptions.parseSize("1,000,000"));
        assertEquals(1 << 20, BenchOptions.parseSize("1MiB"));
        assertEquals(3 << 10, BenchOptions.parseSize("3Ki"));
        assertEquals(5_000, BenchOptions.parseSize("5k"));
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parseSize("lots"));
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parseSize("-3"));
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheValidChoices() {
        var e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--presets", "nope"));
        assertTrue(e.getMessage().contains(Preset.values()[0].label()), e.getMessage());
        e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--tools", "lz4"));
        assertTrue(e.getMessage().contains("brotli"), e.getMessage());
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--frobnicate"));
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--prefix"));
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--repeat", "0"));
        assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse("--input"));
    }

    @Test
    void noNzipMeansNoLearningCurve() throws Exception {
        assertFalse(BenchOptions.parse("--tools", "gzip").curve());
        assertFalse(BenchOptions.parse("--no-curve").curve());
    }

    @Test
    void offlineWithoutSharedCorpusIsAClearError(@TempDir Path tmp) {
        var e = assertThrows(Enwik8.NotAvailableException.class,
                () -> Enwik8.find(tmp.resolve("cache"), tmp.resolve("no-shared"), true, s -> {}));
        assertTrue(e.getMessage().contains("--offline"), e.getMessage());
        assertTrue(e.getMessage().contains("--input"), e.getMessage());
    }

    @Test
    void offlineFallsBackToTheSharedPrefix(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("shared/corpus/enwik8"));
        Files.writeString(dir.resolve(Enwik8.FALLBACK_NAME), "<mediawiki>");
        Enwik8.Found f = Enwik8.find(tmp.resolve("cache"), tmp.resolve("shared"), true, s -> {});
        assertEquals(dir.resolve(Enwik8.FALLBACK_NAME), f.file());
        assertTrue(f.source().startsWith("NOT the full enwik8"), f.source());
    }
}
