package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nzip.ChildProcess;
import org.nzip.tensor.NativeTestSupport;
import org.nzip.tensor.TensorOps;

/**
 * The transformer gives the same bits on every backend, vector width and thread count: child JVMs
 * (so that training with the Vector API does not disturb the C2 state of this one, see
 * LstmRangeTest) code a fixed text with {@link TransformerProbe} and must print the digest of all its
 * distributions that the scalar twin gives here; the interpreter and C1 run a tiny model. The transformer is in no container format yet, so this stands in for its
 * row of DeterminismMatrixTest. Also: it learns.
 */
class TransformerDeterminismTest {

    private static List<String> run(List<String> jvmArgs, int threads, boolean light) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TransformerProbe.class.getName());
        cmd.add(Integer.toString(threads));
        if (light) {
            cmd.add("light");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int exit = ChildProcess.await(p, "TransformerProbe " + jvmArgs);
        assertEquals(0, exit, jvmArgs + ": " + output);
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("WARNING")) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    @Test
    void everyBackendWidthAndThreadCountGivesTheSameBits() throws Exception {
        List<List<String>> modes = new ArrayList<>();
        modes.add(List.of("-Dnzip.ops=scalar"));
        modes.add(List.of("-Dnzip.ops=vector"));
        modes.add(List.of("-Dnzip.ops=vector", "-XX:MaxVectorSize=16"));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            modes.add(List.of("-Dnzip.ops=vector", "-XX:UseAVX=2"));
        }
        if (NativeTestSupport.builtByThisBuild()) {
            modes.add(List.of("-Dnzip.ops=native"));
        }
        // the reference: the scalar twin in this JVM
        String reference = TransformerProbe.digest(TensorOps.named("scalar"), 1, false);
        for (List<String> mode : modes) {
            for (int threads : new int[] {1, 2}) {
                List<String> out = run(mode, threads, false);
                assertEquals(reference, out.get(out.size() - 1), mode + " with " + threads + " threads (" + out.get(0) + ")");
            }
        }
        // Without C2 the Vector API runs un-intrinsified, thousands of times slower: a tiny model only.
        String tiny = TransformerProbe.digest(TensorOps.named("scalar"), 1, true);
        for (List<String> mode : List.of(List.of("-Xint", "-Dnzip.ops=vector"),
                List.of("-XX:TieredStopAtLevel=1", "-Dnzip.ops=vector"), List.of("-Dnzip.ops=vector"))) {
            List<String> out = run(mode, 2, true);
            assertEquals(tiny, out.get(out.size() - 1), mode + ", tiny model (" + out.get(0) + ")");
        }
    }

    @Test
    void learnsARepeatedText() {
        TransformerConfig cfg = new TransformerConfig(1, 16, 2, 32, 4, 16, 1e-2f, 1000f, 0.999f, 1e-6f, 1f, 1);
        byte[] line = "the quick brown fox jumps over the lazy dog. ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int b = cfg.streams();
        float[] probs = new float[b * Predictor.ALPHABET];
        int[] sym = new int[b];
        double first = 0;
        double last = 0;
        int steps = 50 * cfg.segment();
        try (TransformerPredictor p = new TransformerPredictor(cfg, TensorOps.named("scalar"), 1)) {
            for (int t = 0; t < steps; t++) {
                p.predict(b, probs);
                for (int s = 0; s < b; s++) {
                    sym[s] = line[(t + 7 * s) % line.length] & 0xFF;
                    double bitsOf = -Math.log(probs[s * Predictor.ALPHABET + sym[s]]) / Math.log(2);
                    if (t < cfg.segment()) {
                        first += bitsOf;
                    } else if (t >= steps - 5 * cfg.segment()) {
                        last += bitsOf;
                    }
                }
                p.update(b, sym);
            }
        }
        first /= cfg.segment() * b;
        last /= 5 * cfg.segment() * b;
        assertTrue(first > 7 && last < 1.5, "bits per byte: first segment " + first + ", last five " + last);
    }
}
