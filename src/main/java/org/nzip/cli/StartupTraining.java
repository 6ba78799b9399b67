package org.nzip.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the JVM's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25): what a
 * short nzip run does, in one JVM, so the cache holds the classes it loads and links. The launcher
 * ({@code ./nzip}) and the runtime image's {@code bin/nzip} run it once per build; every later run
 * then starts from the cache.
 *
 * <p>It runs the command line in-process on a few kilobytes of generated text: {@code -V}, {@code cm}
 * and {@code default} compression (so both model kinds and the compute backend are loaded), listing,
 * testing and decompression. Its output is discarded; a failing step fails the training (exit 1), and
 * the launcher then simply runs without a cache.
 */
public final class StartupTraining {

    private StartupTraining() {}

    /** Runs the training; exits 0 when every step succeeded, else 1. */
    public static void main(String[] args) throws IOException {
        System.exit(run() == 0 ? ExitCodes.OK : ExitCodes.ERROR);
    }

    /** Runs every step in a temporary directory, which it removes; returns how many failed (each is named on standard error). */
    static int run() throws IOException {
        Path dir = Files.createTempDirectory("nzip-aot-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int failed = 0;
        try {
            Path text = dir.resolve("sample.txt");
            Files.writeString(text, sampleText(6_000), StandardCharsets.UTF_8);
            Path cm = dir.resolve("cm.nz");
            Path lstm = dir.resolve("default.nz");
            String[][] steps = {
                    {"-V"},
                    {"-q", "-k", "-p", "cm", "-o", cm.toString(), text.toString()},
                    {"-q", "-k", "-p", "default", "-o", lstm.toString(), text.toString()},
                    {"-l", cm.toString(), lstm.toString()},
                    {"-t", cm.toString(), lstm.toString()},
                    {"-d", "-c", cm.toString()},
                    {"-d", "-c", lstm.toString()},
            };
            System.setOut(discard);
            System.setErr(discard);
            for (String[] step : steps) {
                if (Main.run(step) != ExitCodes.OK) {
                    failed++;
                    err.println("nzip: start-up training step failed: nzip " + String.join(" ", step));
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            deleteTree(dir);
        }
        return failed;
    }

    /** English-like text of about {@code length} characters, the same on every run. */
    static String sampleText(int length) {
        String[] words = {"the", "model", "learns", "each", "byte", "from", "what", "came", "before", "and",
                "a", "mixer", "weighs", "its", "predictions", "so", "that", "text", "compresses", "well", "with",
                "context", "of", "order", "two", "three", "words"};
        StringBuilder s = new StringBuilder(length + 16);
        long state = 0x9E3779B97F4A7C15L;
        while (s.length() < length) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            s.append(words[(int) Long.remainderUnsigned(state, words.length)]);
            s.append(Long.remainderUnsigned(state >>> 20, 11) == 0 ? ".\n" : " ");
        }
        return s.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
