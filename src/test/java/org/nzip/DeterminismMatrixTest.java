package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.tensor.NativeTestSupport;

/**
 * The determinism contract, checked in child JVMs: the same inputs compressed under C2, the
 * interpreter, C1 only, AVX2, 128-bit vectors, the scalar backend, the C kernels (every path the CPU
 * can run, when this build compiled them), one and two threads give byte-identical files, and each
 * mode decodes the reference files.
 */
@Tag("slow") // child JVMs, one per JIT mode and backend: minutes
class DeterminismMatrixTest {

    @TempDir
    Path dir;

    private record Mode(String name, List<String> jvmArgs, int threads, boolean light) {}

    private static List<Mode> modes() {
        // The Java-kernel modes name their backend: on a CPU where auto picks the C kernels they would
        // otherwise all run native and the Vector API under these JIT modes would go untested.
        String vector = "-Dnzip.ops=vector";
        List<Mode> m = new ArrayList<>();
        m.add(new Mode("c2-T2", List.of(vector), 2, false)); // the reference
        m.add(new Mode("c2-T1", List.of(vector), 1, false));
        m.add(new Mode("interpreter", List.of("-Xint", vector), 1, true));
        // Without C2 the Vector API runs un-intrinsified, thousands of times slower: small inputs only.
        m.add(new Mode("c1", List.of("-XX:TieredStopAtLevel=1", vector), 2, true));
        m.add(new Mode("vector-128", List.of("-XX:MaxVectorSize=16", vector), 2, false));
        m.add(new Mode("scalar", List.of("-Dnzip.ops=scalar"), 2, false));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            m.add(new Mode("avx2", List.of("-XX:UseAVX=2", vector), 2, false));
        }
        m.add(new Mode("auto", List.of(), 2, false));
        if (NativeTestSupport.builtByThisBuild()) {
            // The C kernels: the best path of this CPU with 2 and 1 threads, and every other path it can run.
            m.add(new Mode("native-T2", List.of("-Dnzip.ops=native"), 2, false));
            m.add(new Mode("native-T1", List.of("-Dnzip.ops=native"), 1, false));
            for (String isa : NativeTestSupport.supportedIsas()) {
                if (!isa.equals(NativeTestSupport.bestIsa())) {
                    m.add(new Mode("native-" + isa, List.of("-Dnzip.ops=native", "-Dnzip.native.isa=" + isa), 2,
                            isa.equals("generic")));
                }
            }
        }
        return m;
    }

    private void runProbe(Mode mode, Path out, Path ref) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(mode.jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DeterminismProbe.class.getName());
        cmd.add(out.toString());
        cmd.add(ref == null ? "-" : ref.toString());
        cmd.add(Integer.toString(mode.threads()));
        cmd.add(mode.light() ? "light" : "full");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(mode.name() + ".log").toFile()).start();
        int exit = ChildProcess.await(p, mode.name() + ": the determinism probe"); // fixed inputs: no time limit
        assertEquals(0, exit, mode.name() + ": " + Files.readString(dir.resolve(mode.name() + ".log")));
    }

    @Test
    void everyModeWritesTheSameBytesAndDecodesTheReference() throws Exception {
        // Fails (never skips) when this build compiled the C kernels but they do not load; without them
        // the native modes are simply not in the matrix.
        if (NativeTestSupport.builtByThisBuild()) {
            NativeTestSupport.requireNativeOrSkip();
        }
        List<Mode> modes = modes();
        Path ref = dir.resolve(modes.get(0).name());
        runProbe(modes.get(0), ref, null);
        Object[][] cases = DeterminismProbe.cases(1);
        for (Mode mode : modes.subList(1, modes.size())) {
            Path out = dir.resolve(mode.name());
            runProbe(mode, out, ref);
            for (int i = 0; i < (mode.light() ? 1 : cases.length); i++) {
                String file = cases[i][0] + ".nz";
                assertArrayEquals(Files.readAllBytes(ref.resolve(file)), Files.readAllBytes(out.resolve(file)),
                        mode.name() + " wrote different bytes for " + file);
            }
        }
        // Byte-identical files decode wherever the reference does; and the other way round, the native
        // run decoded the (Java vector) reference. Check once more explicitly: the scalar twin decodes
        // what the C kernels wrote.
        if (NativeTestSupport.builtByThisBuild()) {
            Path nativeOut = dir.resolve("native-T2");
            runProbe(new Mode("scalar-decodes-native", List.of("-Dnzip.ops=scalar"), 2, false),
                    dir.resolve("scalar-decodes-native"), nativeOut);
        }
        for (Object[] c : cases) { // and the reference decodes here, in process
            assertArrayEquals((byte[]) c[2], Nzip.decompress(Files.readAllBytes(ref.resolve(c[0] + ".nz"))));
        }
    }
}
