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
 * <p>Every backend kernel is a C call; {@code transpose} and {@code rowSums} are final Java code in
 * {@link TensorOps}, shared by all backends.
 */
final class NativeTensorOps extends TensorOps {

    private record Kernels(MethodHandle matmul, MethodHandle unary, MethodHandle softmax, MethodHandle adam) {}

    private final String isa;
    private final Kernels kn;

    private NativeTensorOps(NativeLibrary lib, String isa) {
        this.isa = isa;
        this.kn = new Kernels(
                bind(lib, isa, "matmul", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                        JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
                bind(lib, isa, "unary", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                        JAVA_INT)),
                bind(lib, isa, "softmax", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                        JAVA_INT)),
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

    /** dW[m][k] += Σ_b dY[m][b]·Xᵀ[b][k]: the general product with rows dY (inner = b) over columns k of Xᵀ. */
    @Override
    void outerAccumulateKernel(float[] dy, int dyOff, int m, float[] xT, int xtOff, int k, int b,
                               float[] dw, int dwOff) {
        matmulKernel(dy, dyOff, b, 1, m, b, null, 0, xT, xtOff, k, dw, dwOff, INIT_OUTPUT);
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
    void adamKernel(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                    float lr, float beta2, float oneMinusBeta2, float eps, float clip) {
        try {
            kn.adam.invokeExact(seg(w), wOff, seg(g), gOff, seg(v), vOff, n, lr, beta2, oneMinusBeta2, eps, clip);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    // The transformer's kernels have no C twin yet: the scalar Java twin's code, the same bits.

    @Override
    void attentionScoresKernel(float[] q, int qOff, float[] keys, int kOff, int keyStride, int n, int d, int b,
                               float scale, float[] out, int outOff) {
        ScalarTensorOps.attentionScoresTwin(q, qOff, keys, kOff, keyStride, n, d, b, 0, b, scale, out, outOff);
    }

    @Override
    void attentionMixKernel(float[] p, int pOff, float[] values, int vOff, int valueStride, int n, int d, int b,
                            float[] out, int outOff, boolean accumulate) {
        for (int i = 0; i < d; i++) {
            ScalarTensorOps.attentionMixTwin(p, pOff, values, vOff, valueStride, n, b, i, 0, b, out, outOff, accumulate);
        }
    }

    @Override
    void attentionOuterKernel(float[] p, int pOff, float[] x, int xOff, int n, int d, int b, float[] dst, int dOff,
                              int dstStride) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < d; i++) {
                ScalarTensorOps.attentionOuterTwin(pOff + j * b, p, xOff + i * b, x, 0, b, dst, dOff + j * dstStride + i * b);
            }
        }
    }

    @Override
    void swigluKernel(float[] u, int uOff, int n, float[] out, int outOff) {
        ScalarTensorOps.swigluTwin(u, uOff, n, out, outOff);
    }

    @Override
    void swigluBackwardKernel(float[] u, int uOff, int n, float[] dh, int dhOff, float[] du, int duOff) {
        ScalarTensorOps.swigluBackwardTwin(u, uOff, n, dh, dhOff, du, duOff);
    }
}
