package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nzip.ChildProcess;

/**
 * The same kernels in child JVMs with other vector widths and JIT modes must produce the scalar
 * twin's bits (digest of {@link KernelCases}); the scalar backend must run without the Vector API
 * module.
 */
@Tag("slow") // starts child JVMs
class VectorWidthTest {

    private static String scalarDigest;

    @BeforeAll
    static void reference() {
        scalarDigest = KernelCases.digest(TensorOps.named("scalar"));
    }

    private static List<String> runChild(String backend, String... jvmArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-Xmx256m", "-cp", cp, KernelCases.class.getName(), backend));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int exit = ChildProcess.await(p, "child " + cmd);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, exit, "child failed: " + cmd + "\n" + text);
        // Drop the JVM's warnings and TensorOps' one-line notice (two lines in java.util.logging's format)
        // that auto falls back from the native kernels, which these children run without.
        return text.lines().filter(l -> !l.startsWith("WARNING") && !l.endsWith("org.nzip.tensor.TensorOps autoChoice")
                && !l.startsWith("INFO: nzip: native kernels unavailable")).toList();
    }

    private static void assertVectorMatches(String expectedDescription, String... jvmArgs) throws Exception {
        List<String> child = runChild("vector", jvmArgs);
        assertEquals(2, child.size(), child.toString());
        assertEquals(expectedDescription, child.get(0));
        assertEquals(scalarDigest, child.get(1), "digest of " + child.get(0) + " with " + List.of(jvmArgs));
    }

    @Test
    void vector128Bit() throws Exception {
        assertVectorMatches("vector (128-bit, 4 lanes)", "--add-modules", "jdk.incubator.vector", "-XX:MaxVectorSize=16");
    }

    @Test
    void vector256Bit() throws Exception {
        assertVectorMatches("vector (256-bit, 8 lanes)", "--add-modules", "jdk.incubator.vector", "-XX:MaxVectorSize=32");
    }

    @Test
    void vectorPreferredWidthWithC1Only() throws Exception {
        // C1 does not intrinsify the Vector API: this runs its Java fallback implementation
        assertVectorMatches(TensorOps.named("vector").description(), "--add-modules", "jdk.incubator.vector",
                "-XX:TieredStopAtLevel=1");
    }

    @Test
    void scalarRunsWithoutTheVectorModule() throws Exception {
        List<String> child = runChild("auto");
        assertEquals("scalar (Java, Math.fma)", child.get(0));
        assertEquals(scalarDigest, child.get(1));
    }

    @Test
    void systemPropertySelectsAndRejectsUnknownValues() throws Exception {
        String mods = "--add-modules=jdk.incubator.vector";
        assertEquals(List.of("scalar"), runChild("get", mods, "-D" + TensorOps.PROPERTY + "=scalar"));
        assertEquals(List.of("vector"), runChild("get", mods, "-D" + TensorOps.PROPERTY + "=vector"));
        assertEquals(List.of(TensorOps.autoChoice()), runChild("get", mods, "--enable-native-access=ALL-UNNAMED")); // auto
        List<String> bad = runChild("get", mods, "-D" + TensorOps.PROPERTY + "=simd");
        assertEquals(1, bad.size(), bad.toString());
        assertEquals("IllegalArgumentException: unknown TensorOps backend 'simd' (nzip.ops): valid values are auto, vector, scalar, native",
                bad.get(0));
    }
}
