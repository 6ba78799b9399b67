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

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files; write compressed data to a terminal;"
            + " read symbolic links, hard-linked files and devices (which are then kept).")
    boolean force;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (one input only); keep the input (as zstd).")
    Path output;

    @Option(names = {"-r", "--recursive"}, description = "Process the files in directories, recursively (symbolic links are not followed).")
    boolean recursive;

    @Option(names = {"-p", "--preset"}, paramLabel = "NAME",
            description = {"Model preset: ${COMPLETION-CANDIDATES} (default: default).",
                    "cm: context mixing, ~120 kB/s; fast, default, max: with",
                    "an LSTM, ~75, ~33, ~3.5 kB/s (enwik6, README). Below",
                    "1 MiB (default: 512 KiB, max: 256 KiB) a file is",
                    "coded with cm's model."},
            completionCandidates = PresetNames.class)
    String preset;

    @Option(names = "--network", paramLabel = "NAME",
            description = {"The network of a neural preset (fast, default, max):",
                    "lstm (theirs) or transformer, of about the same work",
                    "per byte."})
    String network;

    /** The level of -1 ... -9, or 0 when none was given. */
    int level;

    @Option(names = "-1", description = "-1 ... -9: the preset by level, as gzip's levels: -1 to -3 cm,"
            + " -4 and -5 fast, -6 default, -7 to -9 max (with -p, the two must agree).")
    void level1(boolean on) {
        level = 1;
    }

    @Option(names = "-2", hidden = true)
    void level2(boolean on) {
        level = 2;
    }

    @Option(names = "-3", hidden = true)
    void level3(boolean on) {
        level = 3;
    }

    @Option(names = "-4", hidden = true)
    void level4(boolean on) {
        level = 4;
    }

    @Option(names = "-5", hidden = true)
    void level5(boolean on) {
        level = 5;
    }

    @Option(names = "-6", hidden = true)
    void level6(boolean on) {
        level = 6;
    }

    @Option(names = "-7", hidden = true)
    void level7(boolean on) {
        level = 7;
    }

    @Option(names = "-8", hidden = true)
    void level8(boolean on) {
        level = 8;
    }

    @Option(names = "-9", hidden = true)
    void level9(boolean on) {
        level = 9;
    }

    /** The preset a level stands for. */
    static String presetOfLevel(int level) {
        return level <= 3 ? "cm" : level <= 5 ? "fast" : level == 6 ? "default" : "max";
    }

    @Option(names = "--transform", paramLabel = "MODE",
            description = "Text transform before the models (compressing): auto (the default: text only, where it"
                    + " shortens the block), text (every block it does not lengthen) or none.")
    String transform;

    @Option(names = "--segment", paramLabel = "SIZE",
            description = {"Compressing: cut the stream into segments of SIZE (e.g. 64MiB; a whole number of blocks),",
                    "each coded with a fresh model, and end it with an index: -T codes segments at once, Hadoop",
                    "splits at them. Costs ratio (README, \"Big data\"). Default, or 0: one segment."})
    String segment;

    @Option(names = "--dictionary", paramLabel = "NAME",
            description = "The text transform's words (compressing): english (the default: a word list shipped with"
                    + " nzip, which a reader needs too) or file (the first block's most frequent words, each segment's own with"
                    + " --segment, defined in the stream).")
    String dictionary;

    @Option(names = {"-T", "--threads"}, paramLabel = "N",
            description = "Worker threads (default, or 0: the number of cores); with segments, up to N segments at once"
                    + " (fewer if their memory would not fit the limit). Output is identical for every N.")
    Integer threads;

    @Option(names = {"-M", "--memlimit"}, paramLabel = "SIZE",
            description = "Refuse (exit 1) a stream whose model needs more memory than SIZE: bytes, or KiB, MiB,"
                    + " GiB (also K, M, G, KB, MB, GB; all binary). Default, or 0 or max: the Java heap less a margin.")
    String memlimit;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress and no warnings.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print a summary line per file and the compute backend;"
            + " -vv also the preset, threads, memory limit and each stream's memory need.")
    boolean[] verbosity = new boolean[0];

    /** How many times -v was given. */
    int verbose() {
        return verbosity.length;
    }

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
