package org.nzip.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nzip.TestData;

/**
 * The short fuzz run of every build ({@link DecoderFuzzer}; the long run is {@code bench/fuzz/run}),
 * and the replay of every saved finding in {@code src/test/resources/fuzz/regressions/}.
 */
class DecoderFuzzTest {

    /**
     * Inputs of the short run: bounded by count, not time. Measured on the project's 2-core machine:
     * 27 s at a load of 5 from other builds, 111 s (49 s of CPU) beside a four-thread long fuzz run too.
     */
    static final int INPUTS = 4000;
    static final long SEED = 20261202;

    static Path regressions() {
        return TestData.projectRoot().resolve("src/test/resources/fuzz/regressions");
    }

    @Test
    void everySeedDecodesToItsOriginal() {
        assertEquals(2, Seeds.of("cm").stream().filter(s -> s.map().index != null).count(), "cm's segmented seeds");
        for (String model : Seeds.MODELS) {
            for (Seeds.Seed s : Seeds.of(model)) {
                DecoderFuzzer.Outcome o = DecoderFuzzer.check(s.file(), List.of(s.original()), DecoderFuzzer.Budget.of(s));
                assertNull(o.problem(), s + ": " + o.problem());
                assertEquals("ok", o.result(), s.toString());
                assertTrue(s.map().blocks.size() >= 2 || s.original().length <= 1, s + " has several blocks");
                if (s.map().index != null) { // the oracle's openAt check decodes the tail and compares it
                    assertNull(DecoderFuzzer.openAt(s.file(), List.of(s.original())), s.toString());
                    byte[] other = s.original().clone();
                    other[other.length - 1] ^= 1;
                    assertTrue(DecoderFuzzer.openAt(s.file(), List.of(other)) != null, s + ": a different tail is noticed");
                }
            }
        }
    }

    /**
     * The short run, on two threads (the inputs do not depend on the thread count). The timeout only
     * guards against a hang (a real one would otherwise stall the build); each input's work is bounded
     * by what it declares (see {@link DecoderFuzzer}).
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void shortRunHasNoFindings() throws IOException {
        Path out = TestData.projectRoot().resolve("target/fuzz/short-run-findings");
        List<String> lines = new ArrayList<>();
        DecoderFuzzer.Report report = DecoderFuzzer.run(INPUTS, SEED, DecoderFuzzer.SHARES, 2, new DecoderFuzzer.Listener() {
            @Override
            public synchronized void finding(DecoderFuzzer.Finding f) {
                String where;
                try {
                    where = f.save(out).toString();
                } catch (IOException e) {
                    where = "not saved: " + e;
                }
                lines.add("[" + f.kind() + "] " + f.detail() + ": " + f.problem() + " (" + where + ")");
            }
        });
        System.out.printf("short fuzz run: %d inputs in %.1f s%n%s", report.inputs(), report.seconds(), report.stats().table());
        if (!lines.isEmpty()) {
            fail(lines.size() + " findings (saved in " + out + "):\n" + String.join("\n", lines.subList(0, Math.min(20, lines.size()))));
        }
        for (Mutator.Kind k : Mutator.Kind.values()) {
            assertTrue(report.stats().get(k.name(), "inputs") > 0, k + " ran");
        }
    }

    /** Every saved finding now fails cleanly (or, with a NAME.out beside it, decodes to that). */
    @Test
    void savedFindingsStayFixed() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(regressions())) {
            files = s.filter(p -> p.toString().endsWith(".nz")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path p : files) {
            Path expected = Path.of(p.toString().replaceAll("\\.nz$", ".out"));
            byte[] out = Files.isRegularFile(expected) ? Files.readAllBytes(expected) : null;
            DecoderFuzzer.Outcome o = DecoderFuzzer.replay(Files.readAllBytes(p), out);
            if (o.problem() != null) {
                problems.add(p.getFileName() + ": " + o.problem());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
