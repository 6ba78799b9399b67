package org.nzip.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by the top-level command and its subcommands. */
final class CommonOptions {

    @Option(names = {"-c", "--stdout", "--to-stdout"}, description = "Write to standard output; keep input files.")
    boolean stdout;

    @Option(names = {"-k", "--keep"}, description = "Keep (don't delete) input files.")
    boolean keep;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files; write compressed data to a terminal.")
    boolean force;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (one input only).")
    Path output;

    @Option(names = {"-p", "--preset"}, paramLabel = "NAME",
            description = {"Model preset: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                    "cm: context model, ~1 MB/s; fast, default, max: LSTM, ~50, ~15, ~4 kB/s."},
            completionCandidates = PresetNames.class, defaultValue = "default")
    String preset;

    @Option(names = {"-T", "--threads"}, paramLabel = "N",
            description = "Worker threads (default: number of cores). Output is identical for every N.")
    Integer threads;

    @Option(names = {"-M", "--memlimit"}, paramLabel = "SIZE",
            description = "Refuse (exit 1) a stream whose model needs more memory than SIZE: bytes, or KiB, MiB,"
                    + " GiB (also K, M, G, KB, MB, GB; all binary). Default, or 0 or max: the Java heap less a margin.")
    String memlimit;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress and no warnings.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print a summary line per file (and the compute backend).")
    boolean verbose;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Files to process; '-' or none means standard input to standard output.")
    List<String> files = new ArrayList<>();

    /** The preset names, for help and completion. */
    static final class PresetNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        PresetNames() {
            for (org.nzip.Preset p : org.nzip.Preset.values()) {
                add(p.label());
            }
        }
    }
}
