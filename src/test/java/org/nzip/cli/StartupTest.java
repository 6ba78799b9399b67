package org.nzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.ChildProcess;

/** What the launcher relies on at start-up: the AOT training run and the hand-over of standard error. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void trainingRunsEveryStepAndRestoresTheStandardStreams() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        assertEquals(0, StartupTraining.run(), "every step of the training succeeds");
        assertSame(out, System.out);
        assertSame(err, System.err);
    }

    @Test
    void sampleTextIsTheSameOnEveryRun() {
        String text = StartupTraining.sampleText(3000);
        assertEquals(text, StartupTraining.sampleText(3000));
        assertTrue(text.length() >= 3000 && text.contains(" ") && text.contains(".\n"), text);
    }

    /** As the launcher: descriptor 3 is the user's standard error, descriptor 2 a filter (here a file). */
    @Test
    void messagesGoToTheDescriptorTheLauncherHandsOver() throws Exception {
        Path handedOver = dir.resolve("fd3.txt");
        Path jvmStderr = dir.resolve("fd2.txt");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "exec 3>\"$0\"; exec \"$@\"", handedOver.toString(),
                ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-D" + Terminals.STDERR_FD_PROPERTY + "=3", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-k", "no-such-file.txt"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(jvmStderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(ExitCodes.ERROR, ChildProcess.await(p, String.join(" ", cmd)));
        String message = Files.readString(handedOver, StandardCharsets.UTF_8);
        assertTrue(message.contains("no-such-file.txt") && message.contains("no such file"), message);
        assertFalse(Files.readString(jvmStderr, StandardCharsets.UTF_8).contains("no-such-file.txt"),
                "nzip's own messages bypass the JVM's descriptor 2");
    }
}
