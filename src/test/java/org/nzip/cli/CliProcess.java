package org.nzip.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.nzip.ChildProcess;

/** Runs the CLI in a child JVM, as a user would, with pipes for standard input and output. */
final class CliProcess {

    /** What a run produced. */
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private CliProcess() {}

    static Result run(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        return run(dir, stdin, List.of(), args);
    }

    static Result run(Path dir, byte[] stdin, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(jvmArgs, args)).directory(dir.toFile()).start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the child may exit before reading all input (e.g. a usage error); that is its answer
        }
        ChildProcess.await(p, "nzip " + String.join(" ", args));
        String stderr = new String(err.join(), StandardCharsets.UTF_8)
                .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        return new Result(p.exitValue(), out.join(), stderr);
    }

    /** Starts the CLI and returns at once; its standard output and error are discarded. */
    static Process start(Path dir, List<String> jvmArgs, String... args) throws IOException {
        return new ProcessBuilder(command(jvmArgs, args)).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }

    private static List<String> command(List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-XX:TieredStopAtLevel=1"); // short runs: start fast
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(cliClassPath());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Jars of the library's own dependencies (compile scope), the only ones the command line loads. */
    private static final List<String> CLI_JARS = List.of("picocli-", "progressbar-", "jline-", "commons-compress-",
            "commons-io-", "commons-lang3-", "commons-codec-");

    /**
     * The project's classes and the jars of its own dependencies, without the test-only ones (Hadoop,
     * Spark and theirs): the command line never uses them, and a class lookup that opens them reads
     * their directories into a small test heap (-Xmx8m).
     */
    private static String cliClassPath() {
        List<String> keep = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (java.nio.file.Files.isDirectory(path) || CLI_JARS.stream().anyMatch(name::startsWith)) {
                keep.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, keep);
    }

    private static CompletableFuture<byte[]> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                s.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
