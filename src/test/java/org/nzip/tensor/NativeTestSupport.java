package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * When tests of the native backend run, skip or fail. They are skipped (a JUnit assumption) only when
 * this build did not compile the library (no C compiler, NZIP_NO_NATIVE=1, or a platform without a
 * build): then there is no {@code /native/<os>-<arch>/libnzipkernels.so} on the class path. When the
 * build did compile it, a library that does not load is a failure, never a silent skip.
 */
public final class NativeTestSupport {

    private NativeTestSupport() {}

    /** Whether native/build.sh put the library for this platform into target/classes. */
    public static boolean builtByThisBuild() {
        return NativeLibrary.class.getResource(NativeLibrary.resourcePath()) != null;
    }

    /**
     * Skips the calling test when the build has no native library; fails when it has one that does not
     * load. Returns normally when the native backend can run.
     */
    public static void requireNativeOrSkip() {
        assumeTrue(builtByThisBuild() || System.getProperty(NativeLibrary.PATH_PROPERTY) != null,
                "native kernels not built (no C compiler on the PATH during the build): " + NativeLibrary.resourcePath());
        if (!NativeTensorOps.available()) {
            fail("the build compiled " + NativeLibrary.resourcePath() + " but it does not load: "
                    + NativeTensorOps.unavailableReason());
        }
    }

    /** The kernel paths of the library this CPU can run, best first (e.g. avx512, avx2, generic). */
    public static List<String> supportedIsas() {
        List<String> isas = new ArrayList<>();
        for (String isa : List.of("avx512", "avx2", "generic")) {
            if (NativeLibrary.get().orElseThrow().isaSupported(isa)) {
                isas.add(isa);
            }
        }
        return isas;
    }

    /** The path {@code -Dnzip.ops=native} uses here. */
    public static String bestIsa() {
        return NativeTensorOps.bestIsa();
    }
}
