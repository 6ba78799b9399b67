package org.nzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.ChildProcess;

/**
 * The launcher's JDK cache (scripts/find-java.sh, {@code cached_java}): searched once, then taken from
 * the cache file while the JDK it names is there and JAVA_HOME is unchanged.
 */
class FindJavaScriptTest {

    @TempDir
    Path dir;

    private static final Path SCRIPT = Path.of("scripts", "find-java.sh").toAbsolutePath();

    /** Runs {@code cached_java CACHE} in bash with the given JAVA_HOME (null: unset); returns its output line. */
    private String cachedJava(Path cache, String javaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && cached_java \"$1\"", SCRIPT.toString(), cache.toString());
        pb.environment().remove("JAVA_HOME");
        if (javaHome != null) {
            pb.environment().put("JAVA_HOME", javaHome);
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, ChildProcess.await(p, "cached_java"), out);
        return out;
    }

    @Test
    void theChoiceIsCachedAndSearchedAgainWhenItsJdkDisappears() throws Exception {
        Path cache = dir.resolve("java-choice");
        String found = cachedJava(cache, null);
        assertTrue(Files.isExecutable(Path.of(found)), found);
        assertEquals(List.of(found, ""), Files.readAllLines(cache), "the binary and the JAVA_HOME it was chosen under");

        // A cached choice is used without a search: a stand-in binary the search would never find.
        Path standIn = Files.createFile(dir.resolve("java"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.write(cache, List.of(standIn.toString(), ""));
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(3600))); // newer than /usr/lib/jvm
        assertEquals(standIn.toString(), cachedJava(cache, null));

        // JAVA_HOME changed: searched again.
        assertNotEquals(standIn.toString(), cachedJava(cache, dir.resolve("no-such-jdk").toString()));

        // The cached JDK disappeared: searched again, and the cache rewritten.
        Files.write(cache, List.of(standIn.toString(), ""));
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(3600)));
        Files.delete(standIn);
        assertEquals(found, cachedJava(cache, null));
        assertEquals(found, Files.readAllLines(cache).getFirst());
    }
}
