package org.nzip.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the standard streams are terminals (the JDK only tells that for stdin and stdout together). */
final class Terminals {

    /**
     * System property by which the {@code ./nzip} launcher hands over the user's standard error on
     * another file descriptor (3). The launcher filters descriptor 2 to drop the one line the JVM
     * prints before {@code main} ("WARNING: Using incubator modules"); a filter is a pipe, so nzip
     * writes its messages and progress to the copy instead, which is still the terminal.
     */
    static final String STDERR_FD_PROPERTY = "nzip.stderr.fd";

    private static volatile int stderrFd = 2;

    private Terminals() {}

    /**
     * Makes the descriptor named by {@value #STDERR_FD_PROPERTY}, when set, {@link System#err}. If it
     * cannot be opened, standard error stays the filtered descriptor 2: every message still arrives,
     * only the progress line (which needs a terminal) is off.
     */
    static void adoptLauncherStderr() {
        String fd = System.getProperty(STDERR_FD_PROPERTY);
        if (fd == null || !fd.matches("[3-9]")) {
            return;
        }
        try {
            FileOutputStream copy = new FileOutputStream("/dev/fd/" + fd, true);
            System.setErr(new PrintStream(copy, true, System.err.charset()));
            stderrFd = Integer.parseInt(fd);
        } catch (IOException | SecurityException e) {
            // keep descriptor 2
        }
    }

    static boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    static boolean stderrIsTerminal() {
        return isTerminal(stderrFd);
    }

    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        // No /proc (not Linux): fall back to the JDK's view of an interactive console.
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
