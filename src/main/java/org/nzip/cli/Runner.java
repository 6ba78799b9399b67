package org.nzip.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.nzip.CorruptInputException;
import org.nzip.MemoryLimitException;
import org.nzip.Nzip;
import org.nzip.NzipException;
import org.nzip.NzipFormatException;
import org.nzip.NzipMultiInputStream;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;
import org.nzip.Preset;
import org.nzip.ProgressListener;
import org.nzip.UnsupportedFormatException;
import org.nzip.cli.NzipCommand.Mode;
import org.nzip.tensor.TensorOps;

/** Carries out one command line: each FILE in turn, gzip-style, and returns the worst exit code. */
final class Runner {

    private static final int IO_BUFFER = 1 << 16;

    private final Mode mode;
    private final CommonOptions o;
    private final PrintStream err = System.err;
    private NzipOptions nzipOptions;

    /** System property that, set to {@code false}, codes small inputs with the preset's own model ({@link NzipOptions#modelBySize}). */
    static final String MODEL_BY_SIZE_PROPERTY = "nzip.modelBySize";
    private long explicitLimit = -1; // --memlimit in bytes, or -1 for the default
    private long memoryNeed = -1; // what the stream at hand needs, when known: for the out-of-memory hint
    private int listed; // files listed by -l so far, and their totals
    private long listedStreams;
    private long listedBlocks;
    private long listedCompressed;
    private long listedRaw;

    /**
     * Temporary files being written: removed by a shutdown hook if the JVM is stopped (Ctrl-C,
     * SIGTERM, SIGHUP) before they are renamed into place, as gzip and xz remove partial output.
     */
    private static final Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                    // nothing more can be done while the JVM stops
                }
            }
        }, "nzip-remove-partial-output"));
    }

    Runner(Mode mode, CommonOptions options) {
        this.mode = mode;
        this.o = options;
    }

    int run() {
        try {
            String preset = o.preset == null ? "default" : o.preset;
            if (o.level > 0) {
                String byLevel = CommonOptions.presetOfLevel(o.level);
                if (o.preset != null && Preset.of(o.preset) != Preset.of(byLevel)) {
                    return usage("-" + o.level + " (preset " + byLevel + ") and -p " + o.preset + " disagree");
                }
                preset = byLevel;
            }
            nzipOptions = NzipOptions.of(Preset.of(preset));
            if (o.network != null) {
                if (nzipOptions.preset().network() == null) {
                    return usage("--network: preset " + nzipOptions.preset().label() + " has no network (choose fast, default or max)");
                }
                nzipOptions.network(org.nzip.Network.of(o.network));
            }
            // For benchmarks of the networks on small files (bench/small/run): NZIP_JAVA_OPTS=-Dnzip.modelBySize=false
            nzipOptions.modelBySize(!"false".equalsIgnoreCase(System.getProperty(MODEL_BY_SIZE_PROPERTY, "true").strip()));
            if (o.threads != null) {
                // 0: every core, as xz -T0 and zstd -T0
                nzipOptions.threads(o.threads == 0 ? Math.min(256, Runtime.getRuntime().availableProcessors()) : o.threads);
            }
            if (o.transform != null) {
                nzipOptions.transform(org.nzip.transform.TransformMode.of(o.transform));
            }
            if (o.segment != null) {
                nzipOptions.segmentSize(Sizes.parse(o.segment));
            }
            if (o.dictionary != null) {
                nzipOptions.dictionary(org.nzip.transform.TextDictionary.of(o.dictionary));
            }
            if (o.memlimit != null) {
                explicitLimit = Sizes.parseMemoryLimit(o.memlimit);
                nzipOptions.memoryLimit(explicitLimit);
            }
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        String ops = System.getProperty(TensorOps.PROPERTY);
        if (ops != null && !TensorOps.choices().contains(ops.trim().toLowerCase(java.util.Locale.ROOT))) {
            err.println("nzip: -D" + TensorOps.PROPERTY + "=" + ops + " (from NZIP_JAVA_OPTS?): unknown compute backend;"
                    + " valid values are " + String.join(", ", TensorOps.choices()));
            return ExitCodes.ERROR;
        }
        if (o.verbose() > 1) {
            err.printf("nzip: preset %s%s, transform %s (dictionary %s), %d threads, memory limit %s%n", nzipOptions.preset().label(),
                    nzipOptions.network() == null ? "" : " (" + nzipOptions.network().label() + ")",
                    nzipOptions.transform().label(), nzipOptions.dictionary().label(), nzipOptions.threads(),
                    Sizes.mib(nzipOptions.memoryLimit(), false));
        }
        List<String> files = o.files.isEmpty() ? List.of("-") : o.files;
        if (o.output != null && files.size() > 1) {
            return usage("-o/--output takes a single input file, got " + files.size());
        }
        if (o.output != null && o.recursive) {
            return usage("-o/--output and -r/--recursive exclude each other");
        }
        if (o.output != null && o.stdout) {
            return usage("-o/--output and -c/--stdout exclude each other");
        }
        if (files.stream().filter("-"::equals).count() > 1) {
            return usage("standard input ('-') can be named only once");
        }
        int status = ExitCodes.OK;
        for (String f : files) {
            status = Math.max(status, process(f));
        }
        if (mode == Mode.INFO && listed > 1) {
            listLine(listedStreams, listedBlocks, listedCompressed, listedRaw, "", "(totals)");
        }
        return status;
    }

    private int usage(String message) {
        err.println("nzip: " + message);
        err.println("Try 'nzip --help' for more information.");
        return ExitCodes.USAGE;
    }

    private int fail(String name, String message) {
        err.println("nzip: " + name + ": " + message);
        return ExitCodes.ERROR;
    }

    private int process(String name) {
        memoryNeed = -1;
        try {
            return name.equals("-") ? processStdin() : processFile(name);
        } catch (MemoryLimitException e) {
            return fail(display(name), memoryRefused(e, name));
        } catch (NzipException e) {
            if (causedByOutOfMemory(e)) {
                return fail(display(name), outOfMemory());
            }
            if (e.getClass() == NzipException.class && e.getCause() instanceof IOException) {
                return fail(display(name), e.getMessage()); // reading failed: an I/O error, not bad data
            }
            String what = switch (e) {
                case NzipFormatException f -> f.getMessage(); // "not in .nz format ..."
                case UnsupportedFormatException u -> "needs a newer nzip: " + u.getMessage();
                // "truncated input: ..." says what is wrong already; no "corrupt input: truncated input"
                case CorruptInputException c -> c.getMessage().startsWith("truncated") ? c.getMessage() : "corrupt input: " + c.getMessage();
                default -> e.getMessage();
            };
            err.println("nzip: " + display(name) + ": " + what);
            return ExitCodes.CORRUPT;
        } catch (NoSuchFileException e) {
            if (e.getReason() != null) {
                return fail(display(name), (e.getFile().equals(name) ? "" : e.getFile() + ": ") + e.getReason());
            }
            return fail(display(name), "no such file or directory" + (e.getFile().equals(name) ? "" : ": " + e.getFile()));
        } catch (AccessDeniedException e) {
            return fail(display(name), "permission denied: " + e.getFile());
        } catch (IOException e) {
            if (causedByOutOfMemory(e)) { // the encoder reports an OutOfMemoryError as an IOException
                return fail(display(name), outOfMemory());
            }
            return fail(display(name), e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InvalidPathException e) {
            return fail(display(name), "invalid file name");
        } catch (OutOfMemoryError e) {
            // The last resort, when the memory limit let through a stream the heap cannot hold (the limit
            // was set above the heap, or the model's estimate fell short). The model's tables are
            // allocated up front, so this happens at the start of a block and the abandoned arrays are
            // garbage again by the time the message is printed.
            return fail(display(name), outOfMemory());
        }
    }

    /**
     * The one line for a stream refused under the memory limit: what it needs, the limit, and what
     * to raise: {@code --memlimit}, the Java heap ({@code NZIP_JAVA_OPTS=-Xmx...}) or both.
     */
    private String memoryRefused(MemoryLimitException e, String name) {
        long need = Math.max(e.needed(), streamsNeed(name));
        String needs = "needs " + Sizes.mib(need, true) + " of memory, more than the limit of " + Sizes.mib(e.limit(), false);
        long heap = Runtime.getRuntime().maxMemory();
        if (explicitLimit < 0) {
            return needs + " (the default, from a Java heap of " + Sizes.mib(heap, false) + "); give Java more heap with NZIP_JAVA_OPTS="
                    + Sizes.heapOption(need) + " (--memlimit SIZE can raise the limit, but not the heap)";
        }
        String raise = needs + " set by --memlimit; raise it with --memlimit " + Sizes.memlimitArgument(need) + " or more";
        if (need <= NzipOptions.availableMemory()) {
            return raise + " (this Java heap allows up to " + Sizes.mib(NzipOptions.availableMemory(), false)
                    + "; NZIP_JAVA_OPTS=-Xmx... gives Java more)";
        }
        return raise + " and give Java more heap with NZIP_JAVA_OPTS=" + Sizes.heapOption(need);
    }

    /**
     * What decoding the .nz file {@code name} needs at most over its streams (from the block headers,
     * without decoding), or 0 when that cannot be read (standard input, compressing, a damaged file).
     * The decoder reports the need of the stream it refused; a later stream of a concatenation may
     * need more, and a suggested limit must fit them all.
     */
    private long streamsNeed(String name) {
        if (mode == Mode.COMPRESS || name.equals("-")) {
            return 0;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(name)), IO_BUFFER)) {
            return Nzip.inspectAll(in).stream().mapToLong(Nzip.StreamInfo::memoryNeeded).max().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The one line for an OutOfMemoryError: the heap, a larger -Xmx to try, and --memlimit. */
    private String outOfMemory() {
        long heap = Runtime.getRuntime().maxMemory();
        long suggest = memoryNeed > 0 ? Sizes.heapFor(memoryNeed) : 0;
        if (suggest <= heap) {
            suggest = Sizes.heapFor(Math.max(2 * heap, 64 * Sizes.MIB));
        }
        String limit = explicitLimit >= 0
                ? "; or keep --memlimit (now " + Sizes.mib(explicitLimit, false) + ") within the heap so that such a stream is refused before it starts"
                : "; the memory limit (--memlimit, by default from the heap) did not foresee this";
        return "out of memory: the model needs more Java heap than this JVM may use (max " + Sizes.mib(heap, false)
                + "); give Java more heap, e.g. NZIP_JAVA_OPTS=-Xmx" + Sizes.heapArgument(suggest)
                + (mode == Mode.COMPRESS && nzipOptions.preset() != Preset.CM ? ", or choose a lighter preset (-p cm)" : "")
                + limit;
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static String display(String name) {
        return name.equals("-") ? "(stdin)" : name;
    }

    private int processStdin() throws IOException {
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), IO_BUFFER);
        switch (mode) {
            case INFO -> {
                list("-", in);
                return ExitCodes.OK;
            }
            case TEST -> {
                test("(stdin)", in, -1);
                return ExitCodes.OK;
            }
            case COMPRESS -> {
                if (o.output == null && !o.force && Terminals.stdoutIsTerminal()) {
                    return fail("(stdin)", "compressed data not written to a terminal; use -f to force, or redirect the output");
                }
            }
            case DECOMPRESS -> {
                if (!o.force && Terminals.stdinIsTerminal()) {
                    return fail("(stdin)", "compressed data not read from a terminal; use -f to force, or redirect the input");
                }
            }
        }
        if (o.output != null) {
            return writeFile("(stdin)", in, null, o.output);
        }
        return writeStdout("(stdin)", in, -1);
    }

    /** A warning for a FILE left alone (gzip's exit code 2); -q silences it, not the exit code. */
    private int warn(String name, String message) {
        if (!o.quiet) {
            err.println("nzip: " + name + ": " + message);
        }
        return ExitCodes.USAGE;
    }

    /** The file type bits of st_mode, or -1 where the file system does not say. */
    private static int fileType(Path p) {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode")) & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return -1;
        }
    }

    private static int linkCount(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:nlink");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return 1;
        }
    }

    /** With -r: the files under {@code dir} this mode works on, in name order (symbolic links are not followed). */
    private int recurse(Path dir) throws IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().endsWith(".nzip-tmp"))
                    .filter(p -> p.getFileName().toString().endsWith(Nzip.SUFFIX) != (mode == Mode.COMPRESS))
                    .sorted().toList();
        }
        int status = ExitCodes.OK;
        for (Path f : files) {
            status = Math.max(status, process(f.toString()));
        }
        return status;
    }

    private int processFile(String name) throws IOException {
        Path input = Path.of(name);
        if (!Files.exists(input, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(name);
        }
        boolean writes = mode == Mode.COMPRESS || mode == Mode.DECOMPRESS;
        // Like gzip: a link is not replaced by its compressed form; the data it names is read only
        // with -f (or -c), and the link itself is never deleted.
        boolean keepInput = o.keep || o.stdout || o.output != null;
        if (Files.isSymbolicLink(input)) {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(name, null, "a symbolic link to a missing file");
            }
            if (Files.isDirectory(input) && !o.force) {
                return warn(name, "is a symbolic link to a directory -- ignored");
            }
            if (writes && !o.force && !o.stdout) {
                return warn(name, "is a symbolic link -- ignored (use -f to read the file it names; the link is kept)");
            }
            keepInput = true;
        }
        if (Files.isDirectory(input)) {
            if (o.recursive) {
                return recurse(input);
            }
            return warn(name, "is a directory -- ignored" + (writes ? " (use -r to process the files in it)" : ""));
        }
        int type = fileType(input);
        if (type == 0010000 || type == 0140000) { // FIFO, socket: reading one could block or steal data
            return warn(name, "is not a directory or a regular file -- ignored");
        }
        if (!Files.isRegularFile(input)) {
            if (!o.force) {
                return warn(name, "is not a directory or a regular file -- ignored (use -f to read a device)");
            }
            keepInput = true;
        }
        int links = linkCount(input);
        if (links > 1) {
            if (writes && !o.force && !o.stdout) {
                return warn(name, "has " + (links - 1) + " other link" + (links > 2 ? "s" : "")
                        + " -- ignored (use -f to compress it anyway; it is then kept)");
            }
            keepInput = true;
        }
        long size = Files.isRegularFile(input) ? Files.size(input) : -1;
        switch (mode) {
            case INFO -> {
                try (InputStream in = Files.newInputStream(input)) {
                    list(name, new BufferedInputStream(in, IO_BUFFER));
                }
                return ExitCodes.OK;
            }
            case TEST -> {
                try (InputStream in = Files.newInputStream(input)) {
                    test(name, new BufferedInputStream(in, IO_BUFFER), size);
                }
                return ExitCodes.OK;
            }
            default -> { }
        }
        if (o.stdout) {
            try (InputStream in = Files.newInputStream(input)) {
                return writeStdout(name, new BufferedInputStream(in, IO_BUFFER), size);
            }
        }
        Path target;
        if (o.output != null) {
            target = o.output;
        } else if (mode == Mode.COMPRESS) {
            if (name.endsWith(Nzip.SUFFIX) && !o.force) {
                return fail(name, "already has " + Nzip.SUFFIX + " suffix -- unchanged (use -f to compress it anyway)");
            }
            target = Path.of(name + Nzip.SUFFIX);
        } else {
            if (!name.endsWith(Nzip.SUFFIX) || name.length() == Nzip.SUFFIX.length()
                    || input.getFileName().toString().equals(Nzip.SUFFIX)) {
                return fail(name, "unknown suffix -- ignored (expected " + Nzip.SUFFIX + "; use -c or -o to name the output)");
            }
            target = Path.of(name.substring(0, name.length() - Nzip.SUFFIX.length()));
        }
        if (Files.exists(target) && Files.isSameFile(target, input)) {
            return fail(name, "output would overwrite the input");
        }
        int status;
        try (InputStream in = Files.newInputStream(input)) {
            status = writeFile(name, new BufferedInputStream(in, IO_BUFFER), input, target);
        }
        if (status == ExitCodes.OK && !keepInput) {
            Files.delete(input);
        }
        return status;
    }

    /** Compresses or decompresses into {@code target} through a temporary file renamed into place. */
    private int writeFile(String name, InputStream in, Path input, Path target) throws IOException {
        try {
            return writeFileVia(name, in, input, target);
        } catch (java.nio.file.FileSystemException e) {
            throw namingTheTarget(e, target);
        }
    }

    /**
     * {@code e} with the target named where it names the temporary file: a user knows the file
     * they asked for, not the hidden one nzip writes first.
     */
    private static java.nio.file.FileSystemException namingTheTarget(java.nio.file.FileSystemException e, Path target) {
        boolean temporary = e.getFile() != null && e.getFile().endsWith(".nzip-tmp");
        if (!temporary) {
            return e;
        }
        String file = target.toString();
        String other = e.getOtherFile() != null && e.getOtherFile().endsWith(".nzip-tmp") ? null : e.getOtherFile();
        if (file.equals(other)) {
            other = null;
        }
        java.nio.file.FileSystemException named = switch (e) {
            case NoSuchFileException n -> new NoSuchFileException(file, other, e.getReason() != null ? e.getReason()
                    : Files.isDirectory(target.toAbsolutePath().getParent()) ? "cannot create a file there"
                    : "no such directory: " + target.toAbsolutePath().getParent());
            case AccessDeniedException a -> new AccessDeniedException(file, other, e.getReason());
            default -> new java.nio.file.FileSystemException(file, other, e.getReason());
        };
        named.initCause(e);
        return named;
    }

    private int writeFileVia(String name, InputStream in, Path input, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !o.force) {
            return fail(name, target + " already exists; use -f to overwrite");
        }
        if (Files.isDirectory(target)) {
            return fail(name, target + " is a directory");
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = input != null
                ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".nzip-tmp") // 0600 until the input's mode is copied
                : createWithUmask(dir, "." + target.getFileName() + ".", ".nzip-tmp"); // from stdin: 0666 less the umask
        PENDING.add(tmp);
        boolean done = false;
        try {
            long size = input == null ? -1 : Files.size(input);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), IO_BUFFER);
                long start = System.nanoTime();
                long[] sizes = transform(name, in, out, size);
                out.flush();
                ch.force(true); // the data is on disk before the rename makes it visible
                summary(name, sizes, System.nanoTime() - start);
            }
            if (input != null) {
                copyAttributes(input, tmp);
            }
            if (o.force) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else if (!placeWithoutOverwriting(tmp, target)) {
                return fail(name, target + " appeared while working; use -f to overwrite");
            }
            done = true;
            return ExitCodes.OK;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
            PENDING.remove(tmp);
        }
    }

    /**
     * Puts {@code tmp} in place as {@code target} only if no file of that name exists, atomically: a
     * hard link fails if the name is taken, whatever appeared since the check at the start (a rename
     * would replace it). Where hard links are not supported, a rename after a last check.
     */
    private static boolean placeWithoutOverwriting(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(tmp);
        return true;
    }

    /** A new file with a random name in {@code dir}, created with the mode the umask gives (as the shell's {@code >}). */
    private static Path createWithUmask(Path dir, String prefix, String suffix) throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; ; i++) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(random.nextLong()) + suffix);
            try {
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return p;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i > 100) {
                    throw e;
                }
            }
        }
    }

    private int writeStdout(String name, InputStream in, long size) throws IOException {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), IO_BUFFER);
        long start = System.nanoTime();
        long[] sizes = transform(name, in, out, size);
        out.flush();
        summary(name, sizes, System.nanoTime() - start);
        return ExitCodes.OK;
    }

    /** A size in whole MiB or KiB, e.g. "1 MiB", "256 KiB". */
    private static String binarySize(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    /** Runs the codec from {@code in} to {@code out}; returns {uncompressed, compressed} byte counts. */
    private long[] transform(String name, InputStream in, OutputStream out, long inputSize) throws IOException {
        if (mode == Mode.COMPRESS) {
            try (ProgressDisplay progress = progress(name, () -> inputSize)) {
                NzipOptions options = nzipOptions.copy().progressListener(progress);
                memoryNeed = NzipOutputStream.memoryNeeded(options, inputSize >= 0 ? inputSize : options.blockSize());
                if (o.verbose() > 1) {
                    Preset own = options.preset();
                    if (inputSize >= 0 && inputSize < options.blockSize() && own.withoutNetwork(inputSize)) {
                        Preset used = own.forInputLength(inputSize);
                        err.println("nzip: " + display(name) + ": under " + own.label() + "'s "
                                + binarySize(own.networkMinInput()) + ", coded with "
                                + (used == own ? "its context models alone" : used.label() + "'s model"));
                    }
                    err.println("nzip: " + display(name) + ": the model needs " + Sizes.mib(memoryNeed, true) + " of memory");
                }
                NzipOutputStream nz = new NzipOutputStream(out, options);
                segmentsLowered(name, options.segmentSize() > 0, NzipOutputStream.segmentsAtOnce(options),
                        memoryNeed + 2 * options.segmentSize());
                long n = in.transferTo(nz);
                nz.finish();
                return new long[] {n, nz.compressedBytes()};
            }
        }
        // The uncompressed total, for a percentage, from the end records of a .nz file (read only once
        // the progress line appears, so a short run never pays for it); unknown from a pipe.
        try (ProgressDisplay progress = progress(name, () -> inputSize >= 0 ? uncompressedSize(name) : -1)) {
            // Concatenated streams decode to the concatenation; zero padding after a stream is skipped.
            NzipMultiInputStream nz = new NzipMultiInputStream(in, nzipOptions.copy().progressListener(progress));
            memoryNeed = nz.memoryNeeded();
            segmentsLowered(name, nz.segmented(), nz.segmentsAtOnce(), nz.memoryPerSegment());
                if (o.verbose() > 1) {
                    err.println("nzip: " + display(name) + ": the model needs " + Sizes.mib(memoryNeed, true) + " of memory");
                }
            long n = nz.transferTo(out);
            return new long[] {n, nz.compressedBytes()};
        }
    }

    /**
     * The one line when the memory limit lets fewer segments be coded at once than -T asked for;
     * {@code each} is a segment's need.
     */
    private void segmentsLowered(String name, boolean segmented, int atOnce, long each) {
        int asked = nzipOptions.threads();
        // Not when one segment does not fit either: the refusal says so.
        if (segmented && atOnce < asked && !o.quiet && memoryNeed <= nzipOptions.memoryLimit()) {
            err.println("nzip: " + display(name) + ": " + atOnce + " segment" + (atOnce == 1 ? "" : "s") + " at once, not " + asked
                    + ": each needs " + Sizes.mib(each, true) + ", and the memory limit is "
                    + Sizes.mib(nzipOptions.memoryLimit(), false) + " (--memlimit, NZIP_JAVA_OPTS=-Xmx)");
        }
    }

    private ProgressDisplay progress(String name, java.util.function.LongSupplier total) {
        if (o.quiet || !Terminals.stderrIsTerminal()) {
            return null;
        }
        return new ProgressDisplay(name, total);
    }

    /** What the .nz file {@code name} decompresses to, added up over its streams, or -1 if that cannot be read. */
    private static long uncompressedSize(String name) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(name)), IO_BUFFER)) {
            long total = 0;
            for (Nzip.StreamInfo s : Nzip.inspectAll(in)) {
                total += s.originalSize();
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1; // damaged: decoding will say so; the line just has no percentage
        }
    }

    private void summary(String name, long[] sizes, long nanos) {
        if (o.verbose() == 0) {
            return;
        }
        TensorOps ops = TensorOps.current();
        String backendNow = ops == null ? null : ops.description();
        if (backendNow != null && !backendNow.equals(backendShown)) {
            backendShown = backendNow;
            err.println("nzip: compute backend: " + backendNow);
        } else if (backendNow == null && backendShown == null && o.verbose() > 1) {
            backendShown = "";
            err.println("nzip: compute backend: none (the model has no neural network)");
        }
        long raw = sizes[0];
        long packed = sizes[1];
        double seconds = nanos / 1e9;
        err.printf("%s: %,d -> %,d bytes (%.3f bpb), %.2f s, %.1f kB/s%n", name,
                mode == Mode.COMPRESS ? raw : packed, mode == Mode.COMPRESS ? packed : raw,
                raw == 0 ? 0.0 : packed * 8.0 / raw, seconds, raw / 1000.0 / Math.max(seconds, 1e-9));
    }

    private void test(String name, InputStream in, long size) throws IOException {
        long start = System.nanoTime();
        long[] sizes = transform(name, in, OutputStream.nullOutputStream(), size);
        if (o.verbose() > 0) {
            err.printf("%s: OK, %,d bytes in %.2f s%n", name, sizes[0], (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * One line per file, as gzip -l: the header before the first file, the Name column the name the
     * file decompresses to; the streams of a concatenation are added up (with -v, one line each),
     * and a damaged file is an error (exit 3) and lists nothing.
     */
    private void list(String name, InputStream in) throws IOException {
        CountingInputStream counted = new CountingInputStream(in);
        List<Nzip.StreamInfo> streams = Nzip.inspectAll(counted);
        long blocks = 0;
        long raw = 0;
        String preset = streams.getFirst().preset();
        for (Nzip.StreamInfo s : streams) {
            blocks += s.blocks();
            raw += s.originalSize();
            preset = preset.equals(s.preset()) ? preset : "mixed";
        }
        long compressed = counted.count(); // zero padding included, as the file's size
        String target = name.equals("-") ? "-"
                : name.endsWith(Nzip.SUFFIX) && name.length() > Nzip.SUFFIX.length()
                ? name.substring(0, name.length() - Nzip.SUFFIX.length()) : name;
        listLine(streams.size(), blocks, compressed, raw, preset, target);
        if (o.verbose() > 0) {
            PrintStream out = System.out;
            for (int i = 0; i < streams.size(); i++) {
                Nzip.StreamInfo info = streams.get(i);
                if (streams.size() > 1) {
                    out.printf("  stream %d: %,d -> %,d bytes in %d blocks, preset %s%n", i + 1,
                            info.originalSize(), info.compressedSize(), info.blocks(), info.preset());
                }
                out.printf("  format version %d, model: %s, block size %,d, CRC32C %08x%n",
                        info.formatVersion(), info.model(), info.blockSize(), info.crc32c());
                if (info.segmentSize() > 0) {
                    out.printf("  segments: %d of %,d bytes, each coded with a fresh model; index at the end%n",
                            info.segments(), info.segmentSize());
                    for (int k = 0; k < info.segments(); k++) {
                        Nzip.Segment seg = info.segmentList().get(k);
                        out.printf("    segment %d: bytes %,d..%,d -> %,d bytes at %,d (%.3f bpb)%n", k, seg.originalOffset(),
                                seg.originalOffset() + seg.originalLength(), seg.compressedLength(), seg.compressedOffset(),
                                seg.compressedLength() * 8.0 / seg.originalLength());
                    }
                }
                out.printf("  transform: %s%n", info.transform().equals("none") ? "none"
                        : String.format("text, %s dictionary of %,d words, %d of %d blocks transformed",
                                info.transform().equals("text") ? "the stream's" : "the shipped " + info.transform().substring(5),
                                info.dictionaryWords(), info.transformedBlocks(), info.blocks()));
                long limit = nzipOptions.memoryLimit();
                out.printf("  stored blocks: %d of %d; memory to decode: %s%s%n", info.storedBlocks(), info.blocks(),
                        Sizes.mib(info.memoryNeeded(), true), info.memoryNeeded() > limit
                                ? ", more than the limit of " + Sizes.mib(limit, false) + " (--memlimit, NZIP_JAVA_OPTS=-Xmx)"
                                : " (limit " + Sizes.mib(limit, false) + ")");
            }
            if (compressed > streams.stream().mapToLong(Nzip.StreamInfo::compressedSize).sum()) {
                out.printf("  zero padding: %,d bytes%n", compressed - streams.stream().mapToLong(Nzip.StreamInfo::compressedSize).sum());
            }
        }
        listed++;
        listedStreams += streams.size();
        listedBlocks += blocks;
        listedCompressed += compressed;
        listedRaw += raw;
        System.out.flush();
    }

    private void listLine(long streams, long blocks, long compressed, long raw, String preset, String name) {
        PrintStream out = System.out;
        if (!listHeader) {
            listHeader = true;
            out.printf("%7s %7s %14s %14s %7s %7s  %-8s %s%n", "Streams", "Blocks", "Compressed", "Uncompressed",
                    "Ratio", "bpb", "Preset", "Name");
        }
        out.printf("%7d %7d %14s %14s %7.3f %7.3f  %-8s %s%n", streams, blocks, String.format("%,d", compressed),
                String.format("%,d", raw), raw == 0 ? 0.0 : (double) compressed / raw,
                raw == 0 ? 0.0 : compressed * 8.0 / raw, preset, name);
    }

    private boolean listHeader;
    private String backendShown; // the compute backend -v printed, once per run

    private static void copyAttributes(Path from, Path to) {
        try {
            Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
            Files.setPosixFilePermissions(to, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // Attributes are a courtesy, as in gzip; the data is what matters.
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        long count() {
            return count;
        }
    }
}
