package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nzip.ChildProcess;

/**
 * How the native backend is chosen, and what happens when it cannot run, checked in child JVMs (the
 * library is loaded once per process): {@code -Dnzip.ops=native} without the library or without
 * {@code --enable-native-access} is an error naming the reason; {@code auto} then falls back to the
 * Java kernels with a one-line message.
 */
@Tag("slow") // starts child JVMs
class NativeSelectionTest {

    private record Run(int exit, String output) {}

    private static Run child(List<String> jvmArgs, String arg) throws IOException, InterruptedException {
        List<String> withVector = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
        withVector.addAll(jvmArgs);
        return plainChild(withVector, arg);
    }

    private static Run plainChild(List<String> jvmArgs, String arg) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KernelCases.class.getName());
        cmd.add(arg);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Run(ChildProcess.await(p, "child JVM " + cmd), out);
    }

    @Test
    void withoutNativeAccessNativeIsAnErrorAndAutoFallsBack() throws Exception {
        Run forced = child(List.of("-Dnzip.ops=native"), "get");
        assertTrue(forced.output().contains("IllegalStateException") && forced.output().contains("--enable-native-access"),
                forced.output());
        Run auto = child(List.of(), "get");
        assertEquals(0, auto.exit(), auto.output());
        assertTrue(auto.output().contains("native kernels unavailable (native access is not enabled"), auto.output());
        assertTrue(auto.output().strip().endsWith("vector"), auto.output());
    }

    @Test
    void aMissingLibraryIsAnErrorForNativeAndAFallbackForAuto() throws Exception {
        List<String> common = List.of("--enable-native-access=ALL-UNNAMED", "-Dnzip.native.lib=/nonexistent/libx.so");
        List<String> forcedArgs = new ArrayList<>(common);
        forcedArgs.add("-Dnzip.ops=native");
        Run forced = child(forcedArgs, "get");
        assertTrue(forced.output().contains("the 'native' TensorOps backend is unavailable")
                && forced.output().contains("/nonexistent/libx.so"), forced.output());
        Run auto = child(common, "get");
        assertEquals(0, auto.exit(), auto.output());
        assertEquals(1, auto.output().split("native kernels unavailable", -1).length - 1, "said once: " + auto.output());
        assertTrue(auto.output().strip().endsWith("vector"), auto.output());
    }

    @Test
    void forcedNativeRunsWhenBuilt() throws Exception {
        NativeTestSupport.requireNativeOrSkip();
        Run forced = child(List.of("--enable-native-access=ALL-UNNAMED", "-Dnzip.ops=native"), "get");
        assertEquals(0, forced.exit(), forced.output());
        assertTrue(forced.output().strip().endsWith("native"), forced.output());
        Run generic = child(List.of("--enable-native-access=ALL-UNNAMED", "-Dnzip.ops=native",
                "-Dnzip.native.isa=generic"), "native");
        assertEquals(0, generic.exit(), generic.output());
        assertTrue(generic.output().contains("native (C, generic)"), generic.output());
    }

    /** A library user who gave the JVM neither option: one record says what is missing, the kernels are scalar. */
    @Test
    void withoutEitherOptionOneRecordNamesBoth() throws Exception {
        Run auto = plainChild(List.of(), "get");
        assertEquals(0, auto.exit(), auto.output());
        assertEquals(1, auto.output().split("native kernels unavailable", -1).length - 1, "said once: " + auto.output());
        assertTrue(auto.output().contains("--enable-native-access=ALL-UNNAMED")
                && auto.output().contains("--add-modules jdk.incubator.vector"), auto.output());
        assertTrue(auto.output().strip().endsWith("scalar"), auto.output());
    }
}
