package org.nzip.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nzip}: gzip/xz-style flags, plus the same actions as subcommands. */
@Command(name = "nzip",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = {
                NzipCommand.Compress.class,
                NzipCommand.Decompress.class,
                NzipCommand.Test.class,
                NzipCommand.Info.class},
        description = {
                "Compress or decompress FILEs with an online-trained neural network (.nz format).",
                "Like gzip and xz: 'nzip FILE' replaces FILE by FILE.nz, 'nzip -d FILE.nz' restores it.",
                ""},
        footer = {
                "",
                "With no FILE, or when FILE is -, read standard input and write standard output.",
                "Output goes to a temporary file beside the target, renamed into place only when",
                "complete (never replacing a file that appeared meanwhile, without -f); an input",
                "file is deleted only after its output is safely written, and never with -k, -c",
                "or -o. Ctrl-C or SIGTERM removes the partial output.",
                "",
                "Memory: a stream whose model needs more than the limit (-M SIZE; by default",
                "the Java heap less a margin) is refused before anything is written (exit 1);",
                "give Java more heap with NZIP_JAVA_OPTS=-Xmx2g (the launcher passes it on).",
                "",
                "Exit status: 0 ok, 1 error (I/O, existing output, over the memory limit,",
                "             out of memory, ...), 2 usage error or a FILE left alone with",
                "             a warning (a directory without -r, a link, a FIFO), 3 input",
                "             corrupt, truncated, not in .nz format, or from a newer nzip.",
                "",
                "Examples:",
                "  nzip big.txt                 big.txt -> big.txt.nz",
                "  nzip -dk big.txt.nz          restore big.txt, keep big.txt.nz",
                "  cat f | nzip | nzip -d | cmp - f",
                "  nzip -l big.txt.nz           list sizes and model of a .nz file",
                "",
                "A first FILE named like a subcommand (compress, decompress, test, list,",
                "info) is the subcommand: write ./list to compress a file called list."})
final class NzipCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModeFlags mode = new ModeFlags();

    static final class ModeFlags {
        @Option(names = {"-z", "--compress"}, description = "Compress (the default).")
        boolean compress;

        @Option(names = {"-d", "--decompress", "--uncompress"}, description = "Decompress.")
        boolean decompress;

        @Option(names = {"-t", "--test"}, description = "Test the integrity of compressed files.")
        boolean test;

        @Option(names = {"-l", "--list"}, description = "List information about compressed files (same as 'nzip list').")
        boolean list;
    }

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        Mode m = mode.decompress ? Mode.DECOMPRESS : mode.test ? Mode.TEST : mode.list ? Mode.INFO : Mode.COMPRESS;
        return new Runner(m, options).run();
    }

    @Command(name = "compress", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Compress FILEs to FILE.nz (same as 'nzip FILE').")
    static final class Compress implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Override
        public Integer call() {
            return new Runner(Mode.COMPRESS, options).run();
        }
    }

    @Command(name = "decompress", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Decompress FILE.nz to FILE (same as 'nzip -d').")
    static final class Decompress implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Override
        public Integer call() {
            return new Runner(Mode.DECOMPRESS, options).run();
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Decode FILEs fully and check every checksum; write nothing (same as 'nzip -t').")
    static final class Test implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Override
        public Integer call() {
            return new Runner(Mode.TEST, options).run();
        }
    }

    @Command(name = "list", aliases = "info", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"List sizes, ratio and model of .nz FILEs without decoding them (same as 'nzip -l').",
                    "One line per file, named as it decompresses; concatenated streams are added up"
                            + " (-v: one line each); a totals line for several files."})
    static final class Info implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Override
        public Integer call() {
            return new Runner(Mode.INFO, options).run();
        }
    }

    enum Mode { COMPRESS, DECOMPRESS, TEST, INFO }
}
