package org.nzip.bench.enwik;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the results were measured on: CPU, cores, memory, OS, JDK, date, nzip commit. */
final class Machine {

    private Machine() {}

    static Map<String, String> describe(Path repo) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", ""));
        m.put("cpu", cpuModel());
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("memory", memTotal());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jdk", Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        m.put("nzip", nzipCommit(repo));
        return m;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        String arch = System.getProperty("os.arch");
        return arch == null ? "unknown" : arch;
    }

    static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1048576.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "unknown";
    }

    /** "commit abc1234 (2026-11-23)", with a note when the work tree has changes; "unknown" outside git. */
    static String nzipCommit(Path repo) {
        String head = git(repo, "log", "-1", "--format=%h (%cs)");
        if (head.isEmpty()) {
            String given = System.getenv("NZIP_COMMIT"); // e.g. for a `git archive` copy of a commit
            return given != null && !given.isBlank() ? "commit " + given.trim() + " (from NZIP_COMMIT; not a git checkout)"
                    : "unknown (not a git checkout)";
        }
        String dirty = git(repo, "status", "--porcelain", "--untracked-files=no", "--", "src/main", "pom.xml");
        return "commit " + head + (dirty.isEmpty() ? "" : ", with uncommitted changes in src/main or pom.xml");
    }

    private static String git(Path repo, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
