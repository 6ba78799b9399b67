package org.nzip.tensor;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The C kernels of {@code native/kernels} (libnzipkernels), called through the foreign-function API:
 * bit-identical to {@link ScalarTensorOps}, whose canonical orders the C code follows (compiled with
 * {@code -ffp-contract=off}, fma only through explicit intrinsics, FloatMath's polynomials).
 *
 * <p>The library holds three paths (AVX-512, AVX2 with FMA, plain C); {@link #best()} binds the
 * fastest one the CPU supports. Heap arrays are passed without copying: the downcalls are
 * {@link Linker.Option#critical(boolean) critical} with heap access, so {@code MemorySegment.ofArray}
 * goes straight to C (the kernels are short, never block and never call back into Java).
 *
 * <p>Kernels the C library does not implement fall back to the inherited scalar Java code
 * ({@code transpose} and {@code rowSums} are final in {@link TensorOps}), so this backend is complete
 * and exact by construction.
 */
final class NativeTensorOps extends ScalarTensorOps {

    private record Kernels(MethodHandle matmul, MethodHandle dot, MethodHandle matvec, MethodHandle binary,
                           MethodHandle fma, MethodHandle scale, MethodHandle unary, MethodHandle softmax,
                           MethodHandle rmsnorm, MethodHandle adam) {}

    private final String isa;
    private final Kernels kn;

    private NativeTensorOps(NativeLibrary lib, String isa) {
        this.isa = isa;
        this.kn = new Kernels(
                bind(lib, isa, "matmul", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                        JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
                bind(lib, isa, "dot", FunctionDescriptor.of(JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
                bind(lib, isa, "matvec", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                        JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
                bind(lib, isa, "binary", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                        ADDRESS, JAVA_INT, JAVA_INT)),
                bind(lib, isa, "fma", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS,
                        JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
                bind(lib, isa, "scale", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT,
                        JAVA_INT)),
                bind(lib, isa, "unary", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                        JAVA_INT)),
                bind(lib, isa, "softmax", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                        JAVA_INT)),
                bind(lib, isa, "rmsnorm", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                        JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT)),
                bind(lib, isa, "adam", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS,
                        JAVA_INT, JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT)));
    }

    private static MethodHandle bind(NativeLibrary lib, String isa, String kernel, FunctionDescriptor fd) {
        return Linker.nativeLinker().downcallHandle(lib.symbol("nzk_" + isa + "_" + kernel), fd,
                Linker.Option.critical(true));
    }

    /** System property forcing one path of the library ("avx512", "avx2", "generic"); default: the best. */
    static final String ISA_PROPERTY = "nzip.native.isa";

    /** The fastest path of the loaded library for this CPU, or the one {@value #ISA_PROPERTY} names. */
    static NativeTensorOps best() {
        NativeLibrary lib = library();
        String forced = System.getProperty(ISA_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return forIsa(forced.trim());
        }
        return new NativeTensorOps(lib, lib.bestIsa());
    }

    /**
     * A given path ("avx512", "avx2", "generic"), for tests and benchmarks.
     *
     * @throws IllegalStateException if the library is missing or this CPU cannot run the path
     */
    static NativeTensorOps forIsa(String isa) {
        NativeLibrary lib = library();
        if (!lib.isaSupported(isa)) {
            throw new IllegalStateException("the native kernels cannot run the '" + isa + "' path on this CPU");
        }
        return new NativeTensorOps(lib, isa);
    }

    /** Whether the library loaded (see {@link #unavailableReason()}). */
    static boolean available() {
        return NativeLibrary.get().isPresent();
    }

    /** Why the native backend cannot run here, in one line; null when it can. */
    static String unavailableReason() {
        return NativeLibrary.unavailableReason();
    }

    /** The path {@link #best()} would use, or null without the library. */
    static String bestIsa() {
        return NativeLibrary.get().map(NativeLibrary::bestIsa).orElse(null);
    }

    private static NativeLibrary library() {
        return NativeLibrary.get().orElseThrow(() -> new IllegalStateException(
                "the 'native' TensorOps backend is unavailable: " + NativeLibrary.unavailableReason()
                        + " (use -D" + PROPERTY + "=auto, vector or scalar)"));
    }

    /** The kernel path in use: "avx512", "avx2" or "generic". */
    String isa() {
        return isa;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "native (C, " + isa + ")";
    }

    private static MemorySegment seg(float[] a) {
        return a == null ? MemorySegment.NULL : MemorySegment.ofArray(a);
    }

    /** Rethrows unchecked throwables as they are; wraps the (impossible) checked ones. */
    private static RuntimeException failed(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native kernel call failed", t);
    }

    // =============================================================================================
    // Kernels
    // =============================================================================================

    @Override
    void matmulKernel(float[] a, int aOff, int rowStride, int innerStride, int rows, int inner,
                      float[] bias, int biasOff, float[] x, int xOff, int cols,
                      float[] y, int yOff, int initMode) {
        try {
            kn.matmul.invokeExact(seg(a), aOff, rowStride, innerStride, rows, inner, seg(bias), biasOff,
                    seg(x), xOff, cols, seg(y), yOff, initMode);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** dX[k] = Σ_m W[m][k]·dY[m]: the general product with the single row dY (inner = m) over columns k. */
    @Override
    void matmulTransposedB1Kernel(float[] w, int wOff, int m, int k, float[] dy, int dyOff,
                                  float[] dx, int dxOff, boolean accumulate) {
        matmulKernel(dy, dyOff, 0, 1, 1, m, null, 0, w, wOff, k, dx, dxOff, accumulate ? INIT_OUTPUT : INIT_ZERO);
    }

    /** dW[m][k] += Σ_b dY[m][b]·Xᵀ[b][k]: the general product with rows dY (inner = b) over columns k of Xᵀ. */
    @Override
    void outerAccumulateKernel(float[] dy, int dyOff, int m, float[] xT, int xtOff, int k, int b,
                               float[] dw, int dwOff) {
        matmulKernel(dy, dyOff, b, 1, m, b, null, 0, xT, xtOff, k, dw, dwOff, INIT_OUTPUT);
    }

    @Override
    float dotKernel(float[] a, int aOff, float[] b, int bOff, int n) {
        try {
            return (float) kn.dot.invokeExact(seg(a), aOff, seg(b), bOff, n);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void matvecKernel(float[] w, int wOff, int m, int k, float[] x, int xOff, float[] y, int yOff,
                      boolean accumulate) {
        try {
            kn.matvec.invokeExact(seg(w), wOff, m, k, seg(x), xOff, seg(y), yOff, accumulate ? 1 : 0);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void binaryKernel(int op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        try {
            kn.binary.invokeExact(op, seg(a), aOff, seg(b), bOff, seg(out), outOff, n);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void fmaKernel(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] out, int outOff, int n) {
        try {
            kn.fma.invokeExact(seg(a), aOff, seg(b), bOff, seg(c), cOff, seg(out), outOff, n);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void scaleKernel(float[] a, int aOff, float s, float[] out, int outOff, int n) {
        try {
            kn.scale.invokeExact(seg(a), aOff, s, seg(out), outOff, n);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void unaryKernel(int op, float[] a, int aOff, float[] out, int outOff, int n) {
        try {
            kn.unary.invokeExact(op, seg(a), aOff, seg(out), outOff, n);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void softmaxKernel(float[] x, int xOff, int rows, int b, float[] out, int outOff) {
        try {
            kn.softmax.invokeExact(seg(x), xOff, rows, b, seg(out), outOff);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void rmsNormKernel(float[] x, int xOff, int rows, int b, float[] gain, int gainOff, float eps,
                       float[] out, int outOff, float[] invRms, int invRmsOff) {
        try {
            kn.rmsnorm.invokeExact(seg(x), xOff, rows, b, seg(gain), gainOff, eps, seg(out), outOff, seg(invRms),
                    invRmsOff);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    void adamKernel(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                    float lr, float beta2, float oneMinusBeta2, float eps, float clip) {
        try {
            kn.adam.invokeExact(seg(w), wOff, seg(g), gOff, seg(v), vOff, n, lr, beta2, oneMinusBeta2, eps, clip);
        } catch (Throwable t) {
            throw failed(t);
        }
    }
}
