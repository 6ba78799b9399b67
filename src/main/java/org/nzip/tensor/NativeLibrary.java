package org.nzip.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds and loads {@code libnzipkernels} (the C kernels of {@code native/}) once per process, through
 * the foreign-function API. The Maven build compiles it when a C compiler is present and packs it as
 * the resource {@code /native/<os>-<arch>/libnzipkernels.so}; it is extracted to a temporary file,
 * loaded from there and deleted at once (see {@link #removeStaleCopies()} for copies a killed process left). {@code -Dnzip.native.lib=PATH} loads a given file instead (development).
 *
 * <p>Loading never throws: when anything is missing (no library for this platform, native access not
 * enabled, an incompatible library) {@link #get()} is empty and {@link #unavailableReason()} says why
 * in one line.
 */
final class NativeLibrary {

    /** System property naming a library file to load instead of the packed resource. */
    static final String PATH_PROPERTY = "nzip.native.lib";
    /** The ABI version this Java code was written against (dispatch.c: nz_abi_version). */
    static final int ABI_VERSION = 2;
    static final String LIB_FILE = "libnzipkernels.so";

    private final SymbolLookup lookup;
    private final String origin;
    private final String bestIsa;
    private final MethodHandle isaSupported;

    private NativeLibrary(SymbolLookup lookup, String origin) throws Throwable {
        this.lookup = lookup;
        this.origin = origin;
        Linker linker = Linker.nativeLinker();
        int abi = (int) linker.downcallHandle(symbol("nz_abi_version"), FunctionDescriptor.of(ValueLayout.JAVA_INT))
                .invokeExact();
        if (abi != ABI_VERSION) {
            throw new IllegalStateException("library ABI version " + abi + ", this nzip needs " + ABI_VERSION);
        }
        MemorySegment best = (MemorySegment) linker.downcallHandle(symbol("nz_best_isa"),
                FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
        this.bestIsa = best.reinterpret(64).getString(0);
        this.isaSupported = linker.downcallHandle(symbol("nz_isa_supported"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    }

    MemorySegment symbol(String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException(
                "symbol " + name + " is missing from " + origin));
    }

    /** Where the library came from (resource or file), for messages. */
    String origin() {
        return origin;
    }

    /** The fastest kernel path the CPU supports: "avx512", "avx2" or "generic". */
    String bestIsa() {
        return bestIsa;
    }

    /** Whether the library and CPU can run the named path. */
    boolean isaSupported(String isa) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) isaSupported.invokeExact(arena.allocateFrom(isa)) != 0;
        } catch (Throwable t) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static final class Holder { // loaded on first use, exactly once
        static final Object RESULT = load();
    }

    /** The loaded library, or empty (see {@link #unavailableReason()}). */
    static Optional<NativeLibrary> get() {
        return Holder.RESULT instanceof NativeLibrary lib ? Optional.of(lib) : Optional.empty();
    }

    /** One line saying why {@link #get()} is empty, or null when it is not. */
    static String unavailableReason() {
        return Holder.RESULT instanceof String reason ? reason : null;
    }

    /** {@code <os>-<arch>} as used in the resource folder, e.g. {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        os = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "macos"
                : os.startsWith("windows") ? "windows" : os.replaceAll("[^a-z0-9]", "");
        arch = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch.replaceAll("[^a-z0-9_]", "");
        };
        return os + "-" + arch;
    }

    /** The resource path of the library for this platform. */
    static String resourcePath() {
        return "/native/" + platform() + "/" + LIB_FILE;
    }

    /** Returns a NativeLibrary or a one-line reason (a String). */
    private static Object load() {
        if (!NativeLibrary.class.getModule().isNativeAccessEnabled()) {
            return "native access is not enabled for nzip (run java with --enable-native-access="
                    + (NativeLibrary.class.getModule().isNamed() ? NativeLibrary.class.getModule().getName() : "ALL-UNNAMED")
                    + ")";
        }
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path file = Path.of(explicit);
            if (!Files.isRegularFile(file)) {
                return "-D" + PATH_PROPERTY + "=" + explicit + " is not a file";
            }
            return open(file, file.toString());
        }
        String resource = resourcePath();
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "this nzip build has no native kernels for " + platform() + " (no " + resource
                        + " in the jar: it was built without a C compiler, or for another platform)";
            }
            removeStaleCopies();
            Path file = Files.createTempFile(EXTRACT_PREFIX, EXTRACT_SUFFIX);
            file.toFile().deleteOnExit(); // SIGTERM or Ctrl-C before it is loaded and deleted below
            // Locked while it is extracted and loaded, so that another nzip's removeStaleCopies leaves it
            // alone; deleted as soon as it is loaded (the mapping outlives the name on POSIX systems),
            // so no copy is left behind, not even by a process killed with SIGKILL after that point.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                ch.write(ByteBuffer.wrap(in.readAllBytes()));
                Object result = open(file, "resource " + resource);
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    // a system that cannot delete a loaded library (Windows): deleteOnExit above
                }
                return result;
            }
        } catch (IOException | RuntimeException e) {
            return "cannot extract the native kernels " + resource + ": " + e;
        }
    }

    static final String EXTRACT_PREFIX = "nzipkernels-";
    static final String EXTRACT_SUFFIX = ".so";

    /**
     * Deletes copies of the library that earlier processes extracted to the temporary directory and
     * did not remove (killed between extracting and loading it): those whose lock can be taken, as
     * the process that held it has ended. Copies of other users, or ones in use, are left alone.
     */
    static void removeStaleCopies() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, EXTRACT_PREFIX + "*" + EXTRACT_SUFFIX)) {
            for (Path copy : copies) {
                if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(copy)) {
                    continue;
                }
                try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE);
                     FileLock lock = ch.tryLock()) {
                    if (lock != null) {
                        Files.deleteIfExists(copy);
                    }
                } catch (IOException | RuntimeException e) {
                    // in use, gone meanwhile, or not ours: leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy
        }
    }

    private static Object open(Path file, String origin) {
        try {
            // Global arena: the library stays loaded for the life of the process.
            return new NativeLibrary(SymbolLookup.libraryLookup(file, Arena.global()), origin);
        } catch (Throwable t) {
            return "cannot load the native kernels from " + origin + ": " + t.getMessage();
        }
    }
}
