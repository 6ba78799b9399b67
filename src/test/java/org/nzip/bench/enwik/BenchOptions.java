package org.nzip.bench.enwik;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.nzip.Preset;

/** The command line of {@code bench/enwik/run}, parsed and validated. */
record BenchOptions(
        Path repo,
        List<Path> inputs,
        long prefix,
        List<Preset> presets,
        List<String> tools,
        Path out,
        Path shared,
        Path cache,
        boolean offline,
        boolean curve,
        int repeat,
        boolean help,
        List<String> args) {

    /** Every tool the harness knows, in table order. {@code nzip} stands for every selected preset. */
    static final List<String> TOOLS =
            List.of("nzip", "java-gzip", "java-xz", "gzip", "bzip2", "xz", "zstd", "brotli");

    static final String USAGE = """
            Usage: bench/enwik/run [OPTIONS]

            Benchmarks nzip against gzip, bzip2, xz, zstd and brotli: size, bits per byte, speed and
            peak memory, every row verified by a round trip. Writes results.md, results.csv,
            results.json and PNG plots into the output folder.

            With no --input it benchmarks enwik8: a cached copy, else a download of enwik8.zip
            (checked against its SHA-256), else the enwik8 prefix in <shared>/corpus/enwik8/.

              --input FILE...     benchmark these files instead of enwik8
              --prefix N          only the first N bytes of each input (N may end in k, M, G for
                                  10^3.., or Ki, Mi, Gi for 2^10..)
              --presets a,b       nzip presets to run (default: all: %s)
              --tools a,b         tools to run (default: all: %s)
              --repeat N          run each compression and decompression up to N times and keep the
                                  fastest (a step whose first run takes over 20 s runs once)
              --out DIR           results folder (default: bench/enwik/results/<date>)
              --shared DIR        the shared folder holding corpus/ (default: <repo>/../shared)
              --cache DIR         where the downloaded enwik8 is kept
                                  (default: $XDG_CACHE_HOME/nzip or ~/.cache/nzip)
              --offline           do not try to download enwik8
              --no-curve          skip nzip's learning curve (saves one in-process compression per preset)
              -h, --help          show this help
            """;

    static String usage() {
        return USAGE.formatted(Preset.names(), String.join(", ", TOOLS));
    }

    /** Thrown for a bad command line; the message is meant for the user. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static BenchOptions parse(String... argv) throws UsageException {
        Path repo = Path.of(System.getProperty("nzip.repo", ".")).toAbsolutePath().normalize();
        List<Path> inputs = new ArrayList<>();
        long prefix = -1;
        List<Preset> presets = List.of(Preset.values());
        List<String> tools = TOOLS;
        Path out = null;
        Path shared = null;
        Path cache = null;
        boolean offline = false;
        boolean curve = true;
        int repeat = 1;
        boolean help = false;
        String sharedEnv = System.getenv("NZIP_SHARED");
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--offline" -> offline = true;
                case "--no-curve" -> curve = false;
                case "--repo" -> repo = Path.of(value != null ? value : next(argv, ++i, a)).toAbsolutePath().normalize();
                case "--input" -> {
                    if (value != null) {
                        inputs.add(Path.of(value));
                    }
                    while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                        inputs.add(Path.of(argv[++i]));
                    }
                    if (inputs.isEmpty()) {
                        throw new UsageException("--input needs at least one FILE");
                    }
                }
                case "--prefix" -> {
                    prefix = parseSize(value != null ? value : next(argv, ++i, a));
                    if (prefix < 1) {
                        throw new UsageException("--prefix must be at least 1 byte");
                    }
                }
                case "--repeat" -> {
                    String v = value != null ? value : next(argv, ++i, a);
                    try {
                        repeat = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        repeat = 0;
                    }
                    if (repeat < 1 || repeat > 100) {
                        throw new UsageException("--repeat must be between 1 and 100: " + v);
                    }
                }
                case "--presets" -> presets = parsePresets(value != null ? value : next(argv, ++i, a));
                case "--tools" -> tools = parseTools(value != null ? value : next(argv, ++i, a));
                case "--out" -> out = Path.of(value != null ? value : next(argv, ++i, a));
                case "--shared" -> shared = Path.of(value != null ? value : next(argv, ++i, a));
                case "--cache" -> cache = Path.of(value != null ? value : next(argv, ++i, a));
                default -> throw new UsageException("unknown option '" + argv[i] + "' (see --help)");
            }
        }
        if (shared == null) {
            shared = sharedEnv != null && !sharedEnv.isEmpty() ? Path.of(sharedEnv) : repo.resolve("../shared");
        }
        if (cache == null) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            cache = base.resolve("nzip");
        }
        if (!tools.contains("nzip")) {
            curve = false;
        }
        return new BenchOptions(repo, List.copyOf(inputs), prefix, presets, tools, out,
                shared.toAbsolutePath().normalize(), cache.toAbsolutePath().normalize(), offline, curve, repeat, help,
                List.of(argv));
    }

    private static String next(String[] argv, int i, String option) throws UsageException {
        if (i >= argv.length || argv[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return argv[i];
    }

    /** Parses a byte count: digits, optionally followed by k, M, G (powers of 1000) or Ki, Mi, Gi (powers of 1024). */
    static long parseSize(String s) throws UsageException {
        String t = s.trim();
        long mult = 1;
        String lower = t.toLowerCase(Locale.ROOT);
        String[][] suffixes = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
            {"ki", "1024"}, {"mi", "1048576"}, {"gi", "1073741824"},
            {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] sfx : suffixes) {
            if (lower.endsWith(sfx[0])) {
                mult = Long.parseLong(sfx[1]);
                t = t.substring(0, t.length() - sfx[0].length());
                break;
            }
        }
        t = t.replace("_", "").replace(",", "");
        try {
            long n = Long.parseLong(t);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("not a byte count: '" + s + "' (e.g. 1000000, 1M, 64Ki)");
        }
    }

    static List<Preset> parsePresets(String list) throws UsageException {
        LinkedHashSet<Preset> out = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            if (name.trim().equalsIgnoreCase("all")) {
                out.addAll(List.of(Preset.values()));
                continue;
            }
            try {
                out.add(Preset.of(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--presets needs at least one preset (valid: " + Preset.names() + ")");
        }
        return List.copyOf(out);
    }

    static List<String> parseTools(String list) throws UsageException {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals("all")) {
                chosen.addAll(TOOLS);
            } else if (TOOLS.contains(n)) {
                chosen.add(n);
            } else {
                throw new UsageException("unknown tool '" + name.trim() + "' (valid: " + String.join(", ", TOOLS) + ", all)");
            }
        }
        if (chosen.isEmpty()) {
            throw new UsageException("--tools needs at least one tool (valid: " + String.join(", ", TOOLS) + ")");
        }
        // keep the table order, whatever the order on the command line
        return TOOLS.stream().filter(chosen::contains).toList();
    }
}
