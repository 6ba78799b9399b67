package org.nzip.tensor;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Deterministic numeric kernels for the predictor, with interchangeable backends that give
 * <b>bit-identical</b> results: {@link ScalarTensorOps} (plain Java) and {@link VectorTensorOps}
 * (jdk.incubator.vector), on any CPU, vector width or JIT mode. See "The determinism contract" in
 * DESIGN.md; the canonical evaluation order of every kernel is written in its javadoc and is part of
 * the compressed format: changing it changes every {@code .nz} file.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>All arrays are {@code float[]} with an explicit offset; matrices are dense and row-major.</li>
 *   <li><b>Batch layout.</b> A batch of {@code B} columns ("streams") of a K-vector is the K×B
 *       matrix {@code x[xOff + k*B + b]}: one row holds the B stream values. Backends vectorize
 *       lane-per-column, so each output element is computed by its own sequential chain.</li>
 *   <li>"fma" means {@link Math#fma(float, float, float)} (one rounding); "a·b + c" without fma means
 *       two roundings. Sums run in the stated order; nothing depends on the vector width.</li>
 *   <li>Arguments are checked before any work: a negative dimension or a range outside an array
 *       throws {@link IllegalArgumentException} / {@link IndexOutOfBoundsException} naming the
 *       argument. Outputs of matrix kernels must not overlap their inputs
 *       ({@link IllegalArgumentException}); element-wise kernels allow an output that is exactly an
 *       input range (same array and offset), not a partial overlap.</li>
 *   <li>Kernels allocate nothing and keep no state: one instance may be shared by threads working
 *       on disjoint outputs.</li>
 * </ul>
 *
 * <h2>Backend selection</h2>
 * {@link #get()} returns a process-wide instance chosen once from the system property
 * {@value #PROPERTY}: {@code auto} (default), {@code vector}, {@code scalar} or {@code native}
 * ({@link NativeTensorOps}: the C kernels of {@code native/} through {@code java.lang.foreign}, when
 * the build packed them and the JVM allows native access). {@code auto} picks {@code native} where
 * its AVX-512 path runs (measured faster there) or the Vector API is unusable, else {@code vector}
 * when the module {@code jdk.incubator.vector} is in the boot layer and its preferred float species
 * has at least 8 lanes, else {@code scalar}, and logs its choice once. The vector class is loaded
 * only when it is chosen, so the scalar backend runs without {@code --add-modules}. To add a backend,
 * register it in {@link #BACKENDS} (and, if it should win, in {@link #autoChoice()}).
 */
public abstract class TensorOps {

    /** System property that selects the backend of {@link #get()}. */
    public static final String PROPERTY = "nzip.ops";
    /** The value of {@value #PROPERTY} that picks the best available backend. */
    public static final String AUTO = "auto";

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger("org.nzip.tensor");

    /** Backends by name, in the order they are listed to users. Suppliers must not load other backends' classes. */
    private static final Map<String, Supplier<TensorOps>> BACKENDS = new LinkedHashMap<>();

    static {
        BACKENDS.put("vector", TensorOps::newVectorOps);
        BACKENDS.put("scalar", ScalarTensorOps::new);
        BACKENDS.put("native", NativeTensorOps::best); // throws IllegalStateException naming why it cannot run
    }

    /** Backends live in this package (their kernels are package-private). */
    TensorOps() {}

    // =============================================================================================
    // Selection
    // =============================================================================================

    private static volatile TensorOps instance;

    private static TensorOps selectAndLog() {
        String value = System.getProperty(PROPERTY, AUTO);
        TensorOps ops = select(value);
        LOG.log(Level.DEBUG, () -> "TensorOps backend: " + ops.description() + " (" + PROPERTY + "=" + value + ")");
        return ops;
    }

    /**
     * The process-wide backend, chosen on first use from the system property {@value #PROPERTY}.
     *
     * @throws IllegalArgumentException if the property has an unknown value (the message lists the
     *     valid ones)
     * @throws IllegalStateException if the requested backend cannot run in this JVM
     */
    public static TensorOps get() {
        TensorOps ops = instance;
        if (ops == null) {
            synchronized (TensorOps.class) {
                ops = instance;
                if (ops == null) {
                    ops = selectAndLog(); // throws (and retries on the next call) for a bad property value
                    instance = ops;
                }
            }
        }
        return ops;
    }

    /** The process-wide backend if {@link #get()} has chosen it already, else null (chooses nothing). */
    public static TensorOps current() {
        return instance;
    }

    /** The accepted values of {@value #PROPERTY} and {@link #named}: {@code auto} first, then the backends. */
    public static List<String> choices() {
        var all = new java.util.ArrayList<String>();
        all.add(AUTO);
        all.addAll(BACKENDS.keySet());
        return List.copyOf(all);
    }

    /**
     * A new instance of the named backend ({@code auto} resolves as for {@link #get()}). Names are
     * case-insensitive and trimmed.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the valid values
     * @throws IllegalStateException if the backend cannot run in this JVM (e.g. {@code vector}
     *     without {@code --add-modules jdk.incubator.vector})
     */
    public static TensorOps named(String name) {
        return select(name);
    }

    static TensorOps select(String value) {
        String key = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (key.equals(AUTO)) {
            key = autoChoice();
        }
        Supplier<TensorOps> backend = BACKENDS.get(key);
        if (backend == null) {
            throw new IllegalArgumentException("unknown TensorOps backend '" + value + "' (" + PROPERTY
                    + "): valid values are " + String.join(", ", choices()));
        }
        return backend.get();
    }

    /**
     * Kernel paths of the native library that {@code auto} prefers to the Vector API: only those where
     * the JMH comparison (bench/README.md, "Native kernels") measured the C kernels faster at the
     * presets' shapes. Elsewhere the native backend is used only when asked for ({@code native}).
     */
    static final java.util.Set<String> NATIVE_PREFERRED_ISAS = java.util.Set.of("avx512");

    private static volatile boolean nativeFallbackLogged;

    /** The backend {@code auto} stands for in this JVM. */
    static String autoChoice() {
        String nativeIsa = NativeTensorOps.bestIsa(); // loads the library once; null when unavailable
        if (nativeIsa == null) {
            if (!nativeFallbackLogged) {
                // The one record a library user sees when the JVM lacks nzip's options: what is missing
                // and which kernels run instead (the slowest, scalar, when the Vector API is missing too).
                nativeFallbackLogged = true;
                LOG.log(Level.INFO, "nzip: native kernels unavailable (" + NativeTensorOps.unavailableReason()
                        + "); using the Java kernels" + (vectorModulePresent() ? ""
                        : ", scalar, as the Vector API is missing too (run java with --add-modules " + VECTOR_MODULE + ")"));
            }
        } else if (NATIVE_PREFERRED_ISAS.contains(nativeIsa)) {
            return "native";
        }
        if (vectorModulePresent()) {
            try {
                if (VectorTensorOps.preferredLanes() >= 8) { // loads the class only here
                    return "vector";
                }
            } catch (LinkageError e) {
                LOG.log(Level.DEBUG, "Vector API unusable, falling back to scalar", e);
            }
        }
        return nativeIsa != null ? "native" : "scalar"; // any C path beats the scalar Java loops
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static TensorOps newVectorOps() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the 'vector' TensorOps backend needs the JVM option --add-modules "
                    + VECTOR_MODULE + " (or use -D" + PROPERTY + "=scalar)");
        }
        return VectorTensorOps.preferred();
    }

    /** Short backend name as accepted by {@link #named}, e.g. {@code "vector"}. */
    public abstract String name();

    /** Human-readable description for diagnostics, e.g. {@code "vector (512-bit, 16 lanes)"}. */
    public abstract String description();

    @Override
    public String toString() {
        return description();
    }

    // =============================================================================================
    // Batched products (lane-per-column layout)
    // =============================================================================================

    /**
     * Batched matrix product with bias {@code Y = bias + W·X}: W is M×K row-major at
     * {@code w[wOff + m*K + k]}, X is K×B at {@code x[xOff + k*B + b]}, Y is M×B at
     * {@code y[yOff + m*B + b]}; bias has M elements at {@code bias[biasOff + m]}.
     *
     * <p>Canonical order, for every (m, b) independently (the bias is the starting value of the chain,
     * not added at the end): {@code acc = bias[m]; for k = 0..K−1: acc = fma(W[m][k], X[k][b], acc); Y[m][b] = acc}.
     */
    public final void matmulBias(float[] w, int wOff, int m, int k, float[] bias, int biasOff,
                                 float[] x, int xOff, int b, float[] y, int yOff) {
        checkMatmulBias("w", w, wOff, m, k, bias, biasOff, x, xOff, b, y, yOff);
        if (m == 0 || b == 0) {
            return;
        }
        matmulKernel(w, wOff, k, 1, m, k, bias, biasOff, x, xOff, b, y, yOff, INIT_BIAS);
    }

    /**
     * {@link #matmulBias} with the matrix given transposed: W is M×K, stored K×M row-major at
     * {@code wt[wtOff + k*M + m]}; X, bias and Y as in {@link #matmulBias}, and the same canonical
     * order, so the same W gives the same bits either way. Backends may vectorize a narrow batch (fewer
     * columns than a vector has lanes) across the rows of W, which this layout makes adjacent.
     */
    public final void matmulBiasTransposed(float[] wt, int wtOff, int m, int k, float[] bias, int biasOff,
                                           float[] x, int xOff, int b, float[] y, int yOff) {
        checkMatmulBias("wt", wt, wtOff, m, k, bias, biasOff, x, xOff, b, y, yOff);
        if (m == 0 || b == 0) {
            return;
        }
        matmulKernel(wt, wtOff, 1, m, m, k, bias, biasOff, x, xOff, b, y, yOff, INIT_BIAS);
    }

    /**
     * Batched matrix product {@code Y = W·X} without bias: W is M×K row-major at {@code w[wOff + m*K + k]},
     * X is K×B, Y is M×B, laid out as in {@link #matmulBias}. Canonical order, for every (m, b)
     * independently: {@code acc = 0; for k = 0..K−1: acc = fma(W[m][k], X[k][b], acc); Y[m][b] = acc}.
     * Given a transposed matrix (Wᵀ stored row-major), its rows {@code [kFrom, kTo)} give exactly the bits
     * of {@link #matmulTransposedRows} over those rows without accumulation.
     */
    public final void matmul(float[] w, int wOff, int m, int k, float[] x, int xOff, int b, float[] y, int yOff) {
        checkColumns(w, wOff, m, k, 0, k, null, 0, x, xOff, b, y, yOff); // all columns, no bias
        if (m == 0 || b == 0) {
            return;
        }
        matmulKernel(w, wOff, k, 1, m, k, null, 0, x, xOff, b, y, yOff, INIT_ZERO);
    }

    /**
     * Part of a batched product, over columns {@code [kFrom, kTo)} of W only, for a sum split in two
     * pieces computed at different times: {@code Y = bias + W[:, kFrom:kTo]·X}, or, with {@code bias}
     * null, {@code Y += W[:, kFrom:kTo]·X}. W is M×K row-major at {@code w[wOff + m*K + k]}; X holds just
     * those columns' inputs, (kTo − kFrom)×B at {@code x[xOff + (k − kFrom)*B + b]}; Y is M×B.
     *
     * <p>Canonical order, for every (m, b) independently: {@code acc = bias != null ? bias[m] : Y[m][b];
     * for k = kFrom..kTo−1: acc = fma(W[m][k], X[k − kFrom][b], acc); Y[m][b] = acc}. So the two pieces
     * {@code [kA, K)} with the bias and then {@code [0, kA)} without give the chain of a product over the
     * columns in that order.
     */
    public final void matmulColumns(float[] w, int wOff, int m, int k, int kFrom, int kTo, float[] bias, int biasOff,
                                    float[] x, int xOff, int b, float[] y, int yOff) {
        checkColumns(w, wOff, m, k, kFrom, kTo, bias, biasOff, x, xOff, b, y, yOff);
        if (m == 0 || b == 0) {
            return;
        }
        matmulKernel(w, wOff + kFrom, k, 1, m, kTo - kFrom, bias, biasOff, x, xOff, b, y, yOff,
                bias != null ? INIT_BIAS : INIT_OUTPUT);
    }

    /**
     * {@link #matmulColumns} with the matrix given transposed: W is M×K, stored K×M row-major at
     * {@code wt[wtOff + k*M + m]}; the same canonical order, so the same W gives the same bits either way.
     */
    public final void matmulColumnsTransposed(float[] wt, int wtOff, int m, int k, int kFrom, int kTo,
                                              float[] bias, int biasOff, float[] x, int xOff, int b,
                                              float[] y, int yOff) {
        checkColumns(wt, wtOff, m, k, kFrom, kTo, bias, biasOff, x, xOff, b, y, yOff);
        if (m == 0 || b == 0) {
            return;
        }
        matmulKernel(wt, wtOff + kFrom * m, 1, m, m, kTo - kFrom, bias, biasOff, x, xOff, b, y, yOff,
                bias != null ? INIT_BIAS : INIT_OUTPUT);
    }

    private static void checkColumns(float[] w, int wOff, int m, int k, int kFrom, int kTo, float[] bias, int biasOff,
                                     float[] x, int xOff, int b, float[] y, int yOff) {
        checkDims(m, "m", k, "k", b, "b");
        if (kFrom < 0 || kFrom > kTo || kTo > k) {
            throw new IllegalArgumentException("column range [" + kFrom + ", " + kTo + ") outside [0, " + k + "]");
        }
        long width = kTo - kFrom;
        checkRange("w", w, wOff, (long) m * k);
        checkRange("x", x, xOff, width * b);
        checkRange("y", y, yOff, (long) m * b);
        checkNoOverlap("y", y, yOff, (long) m * b, "w", w, wOff, (long) m * k);
        checkNoOverlap("y", y, yOff, (long) m * b, "x", x, xOff, width * b);
        if (bias != null) {
            checkRange("bias", bias, biasOff, m);
            checkNoOverlap("y", y, yOff, (long) m * b, "bias", bias, biasOff, m);
        }
    }

    /** The arguments of {@link #matmulBias} and {@link #matmulBiasTransposed} (the matrix named {@code wName}). */
    private static void checkMatmulBias(String wName, float[] w, int wOff, int m, int k, float[] bias, int biasOff,
                                        float[] x, int xOff, int b, float[] y, int yOff) {
        checkDims(m, "m", k, "k", b, "b");
        checkRange(wName, w, wOff, (long) m * k);
        checkRange("bias", bias, biasOff, m);
        checkRange("x", x, xOff, (long) k * b);
        checkRange("y", y, yOff, (long) m * b);
        checkNoOverlap("y", y, yOff, (long) m * b, wName, w, wOff, (long) m * k);
        checkNoOverlap("y", y, yOff, (long) m * b, "x", x, xOff, (long) k * b);
        checkNoOverlap("y", y, yOff, (long) m * b, "bias", bias, biasOff, m);
    }

    /**
     * Rows {@code [kFrom, kTo)} of the batched product with the transposed matrix, for
     * back-propagation: {@code dX = Wᵀ·dY} (or {@code dX += Wᵀ·dY}). W is M×K row-major at
     * {@code w[wOff + m*K + k]}, dY is M×B at {@code dy[dyOff + m*B + b]}, dX is K×B at
     * {@code dx[dxOff + k*B + b]}, and {@code 0 <= kFrom <= kTo <= k}. The other rows of dX are left
     * untouched: lets threads share one product by output rows, the pieces giving exactly the bits of
     * the whole.
     *
     * <p>Canonical order, for every (k, b) with {@code kFrom <= k < kTo} independently:
     * {@code acc = accumulate ? dX[k][b] : 0; for m = 0..M−1: acc = fma(W[m][k], dY[m][b], acc); dX[k][b] = acc}.
     */
    public final void matmulTransposedRows(float[] w, int wOff, int m, int k, int kFrom, int kTo,
                                           float[] dy, int dyOff, int b, float[] dx, int dxOff, boolean accumulate) {
        checkDims(m, "m", k, "k", b, "b");
        if (kFrom < 0 || kFrom > kTo || kTo > k) {
            throw new IllegalArgumentException("row range [" + kFrom + ", " + kTo + ") outside [0, " + k + "]");
        }
        checkRange("w", w, wOff, (long) m * k);
        checkRange("dy", dy, dyOff, (long) m * b);
        checkRange("dx", dx, dxOff, (long) k * b);
        checkNoOverlap("dx", dx, dxOff, (long) k * b, "w", w, wOff, (long) m * k);
        checkNoOverlap("dx", dx, dxOff, (long) k * b, "dy", dy, dyOff, (long) m * b);
        if (kFrom == kTo || b == 0) {
            return;
        }
        matmulKernel(w, wOff + kFrom, 1, k, kTo - kFrom, m, null, 0, dy, dyOff, b, dx, dxOff + kFrom * b,
                accumulate ? INIT_OUTPUT : INIT_ZERO);
    }

    /**
     * Weight-gradient accumulation {@code dW += dY·Xᵀ}: dY is M×B at {@code dy[dyOff + m*B + b]}, the
     * inputs are given <b>transposed</b> as B×K at {@code xT[xtOff + b*K + k]} (see {@link #transpose};
     * X itself is K×B), dW is M×K row-major at {@code dw[dwOff + m*K + k]}.
     *
     * <p>Canonical order, for every (m, k) independently (the old value is the start of the chain):
     * {@code acc = dW[m][k]; for b = 0..B−1: acc = fma(dY[m][b], Xᵀ[b][k], acc); dW[m][k] = acc}.
     */
    public final void outerAccumulate(float[] dy, int dyOff, int m, float[] xT, int xtOff, int k, int b,
                                      float[] dw, int dwOff) {
        checkDims(m, "m", k, "k", b, "b");
        checkRange("dy", dy, dyOff, (long) m * b);
        checkRange("xT", xT, xtOff, (long) b * k);
        checkRange("dw", dw, dwOff, (long) m * k);
        checkNoOverlap("dw", dw, dwOff, (long) m * k, "dy", dy, dyOff, (long) m * b);
        checkNoOverlap("dw", dw, dwOff, (long) m * k, "xT", xT, xtOff, (long) b * k);
        if (m == 0 || k == 0 || b == 0) {
            return;
        }
        outerAccumulateKernel(dy, dyOff, m, xT, xtOff, k, b, dw, dwOff);
    }

    /**
     * Matrix transpose (exact copy): {@code dst[dstOff + c*rows + r] = src[srcOff + r*cols + c]} for a
     * rows×cols source. Source and destination must not overlap.
     */
    public final void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff) {
        checkDims(rows, "rows", cols, "cols", 0, "-");
        long size = (long) rows * cols;
        checkRange("src", src, srcOff, size);
        checkRange("dst", dst, dstOff, size);
        checkNoOverlap("dst", dst, dstOff, size, "src", src, srcOff, size);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * cols;
            for (int c = 0; c < cols; c++) {
                dst[dstOff + c * rows + r] = src[s + c];
            }
        }
    }

    /**
     * Row sums, e.g. the bias gradient {@code db += Σ_b dY[m][b]}: for a rows×cols matrix,
     * {@code acc = accumulate ? out[r] : 0; for c = 0..cols−1: acc = acc + x[r][c]; out[r] = acc}
     * (plain additions, increasing c).
     */
    public final void rowSums(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        checkDims(rows, "rows", cols, "cols", 0, "-");
        checkRange("x", x, xOff, (long) rows * cols);
        checkRange("out", out, outOff, rows);
        checkNoOverlap("out", out, outOff, rows, "x", x, xOff, (long) rows * cols);
        for (int r = 0; r < rows; r++) {
            float acc = accumulate ? out[outOff + r] : 0f;
            int s = xOff + r * cols;
            for (int c = 0; c < cols; c++) {
                acc = acc + x[s + c];
            }
            out[outOff + r] = acc;
        }
    }

    // =============================================================================================
    // Element-wise (output may be exactly an input range)
    // =============================================================================================

    /** {@code out[i] = FloatMath.tanh(a[i])} for i &lt; n. */
    public final void tanh(float[] a, int aOff, float[] out, int outOff, int n) {
        checkUnary(a, aOff, out, outOff, n);
        unaryKernel(OP_TANH, a, aOff, out, outOff, n);
    }

    /** {@code out[i] = FloatMath.sigmoid(a[i])} for i &lt; n. */
    public final void sigmoid(float[] a, int aOff, float[] out, int outOff, int n) {
        checkUnary(a, aOff, out, outOff, n);
        unaryKernel(OP_SIGMOID, a, aOff, out, outOff, n);
    }

    // =============================================================================================
    // Column-wise (batch layout [rows][B]); output may be exactly the input range
    // =============================================================================================

    /**
     * Softmax down each column of a rows×B matrix ({@code x[xOff + r*B + b]}, e.g. rows = 256
     * symbols). Canonical order for each column b:
     * <pre>
     * mx  = max over r of x[r][b]                         (Math.max; order-free)
     * e_r = FloatMath.exp(x[r][b] − mx);  out[r][b] = e_r
     * sum = 0; for r = 0..rows−1: sum = sum + e_r           (plain additions, increasing r)
     * inv = 1 / sum;  out[r][b] = e_r · inv
     * </pre>
     * Inputs should be finite (a +∞ or an all-−∞ column gives NaN).
     */
    public final void softmax(float[] x, int xOff, int rows, int b, float[] out, int outOff) {
        checkDims(rows, "rows", b, "b", 0, "-");
        long size = (long) rows * b;
        checkRange("x", x, xOff, size);
        checkRange("out", out, outOff, size);
        checkElementwiseAlias("out", out, outOff, "x", x, xOff, size);
        if (rows == 0 || b == 0) {
            return;
        }
        softmaxKernel(x, xOff, rows, b, out, outOff);
    }

    // =============================================================================================
    // Transformer layers (batch layout [rows][B], lane per stream)
    // =============================================================================================

    /**
     * Attention scores of one head over a span of {@code n} cached positions: q is d×B at
     * {@code q[qOff + i*B + b]}, the keys are n blocks of d×B, block j at
     * {@code keys[kOff + j*keyStride + i*B + b]}; the scores are n×B at {@code out[outOff + j*B + b]}.
     * Also the backward pass's {@code dP = dOutᵀ·V} (scale 1).
     *
     * <p>Canonical order, for every (j, b) independently:
     * {@code acc = 0; for i = 0..d−1: acc = fma(q[i][b], key_j[i][b], acc); out[j][b] = acc · scale}.
     */
    public final void attentionScores(float[] q, int qOff, float[] keys, int kOff, int keyStride, int n, int d,
                                      int b, float scale, float[] out, int outOff) {
        checkAttention("keys", keys, kOff, keyStride, n, d, b, "q", q, qOff, (long) d * b, out, outOff, (long) n * b);
        if (n == 0 || b == 0) {
            return;
        }
        attentionScoresKernel(q, qOff, keys, kOff, keyStride, n, d, b, scale, out, outOff);
    }

    /**
     * The attention-weighted sum of a span of n cached d×B blocks: p is n×B at
     * {@code p[pOff + j*B + b]}, block j at {@code values[vOff + j*valueStride + i*B + b]}, the result
     * d×B at {@code out[outOff + i*B + b]}. Also the backward pass's {@code dQ = Σ_j dS_j·K_j}.
     *
     * <p>Canonical order, for every (i, b) independently:
     * {@code acc = accumulate ? out[i][b] : 0; for j = 0..n−1: acc = fma(p[j][b], value_j[i][b], acc); out[i][b] = acc}.
     */
    public final void attentionMix(float[] p, int pOff, float[] values, int vOff, int valueStride, int n, int d,
                                   int b, float[] out, int outOff, boolean accumulate) {
        checkAttention("values", values, vOff, valueStride, n, d, b, "p", p, pOff, (long) n * b, out, outOff,
                (long) d * b);
        if (d == 0 || b == 0) {
            return;
        }
        attentionMixKernel(p, pOff, values, vOff, valueStride, n, d, b, out, outOff, accumulate);
    }

    /**
     * The backward pass's outer products into a span of n d×B blocks (the gradients of cached keys
     * or values): {@code dst_j[i][b] += p[j][b] · x[i][b]}, p n×B at {@code p[pOff + j*B + b]}, x
     * d×B at {@code x[xOff + i*B + b]}, block j at {@code dst[dOff + j*dstStride + i*B + b]}.
     *
     * <p>Canonical order: every element is one {@code dst = fma(p[j][b], x[i][b], dst)}.
     */
    public final void attentionOuter(float[] p, int pOff, float[] x, int xOff, int n, int d, int b,
                                     float[] dst, int dOff, int dstStride) {
        checkDims(n, "n", d, "d", b, "b");
        checkSpan("dst", dst, dOff, dstStride, n, d, b);
        checkRange("p", p, pOff, (long) n * b);
        checkRange("x", x, xOff, (long) d * b);
        long span = spanLength(dstStride, n, d, b);
        checkNoOverlap("dst", dst, dOff, span, "p", p, pOff, (long) n * b);
        checkNoOverlap("dst", dst, dOff, span, "x", x, xOff, (long) d * b);
        if (n == 0 || d == 0 || b == 0) {
            return;
        }
        attentionOuterKernel(p, pOff, x, xOff, n, d, b, dst, dOff, dstStride);
    }

    /**
     * The gradient through a softmax down each column of a rows×B matrix: p the softmax's output, dp
     * the gradient of its output, dx the gradient of its input. Final Java code for every backend (a
     * few operations per attention score). Canonical order for each column b:
     * <pre>
     * s = 0; for r = 0..rows−1: s = fma(p[r][b], dp[r][b], s)
     * dx[r][b] = p[r][b] · (dp[r][b] − s)
     * </pre>
     * dx may be exactly dp.
     */
    public final void softmaxBackward(float[] p, int pOff, float[] dp, int dpOff, int rows, int b, float[] dx,
                                      int dxOff) {
        checkDims(rows, "rows", b, "b", 0, "-");
        long size = (long) rows * b;
        checkRange("p", p, pOff, size);
        checkRange("dp", dp, dpOff, size);
        checkRange("dx", dx, dxOff, size);
        checkNoOverlap("dx", dx, dxOff, size, "p", p, pOff, size);
        checkElementwiseAlias("dx", dx, dxOff, "dp", dp, dpOff, size);
        for (int c = 0; c < b; c++) {
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s = Math.fma(p[pOff + r * b + c], dp[dpOff + r * b + c], s);
            }
            for (int r = 0; r < rows; r++) {
                dx[dxOff + r * b + c] = p[pOff + r * b + c] * (dp[dpOff + r * b + c] - s);
            }
        }
    }

    /**
     * RMSNorm down each column of a rows×B matrix, with a gain per row: final Java code for every
     * backend (one pass over the rows, a small share of a layer). Canonical order for each column b:
     * <pre>
     * ss = 0; for r = 0..rows−1: ss = fma(x[r][b], x[r][b], ss)
     * inv[b] = 1 / sqrt(ss / rows + eps)              (float division, correctly rounded sqrt)
     * out[r][b] = (x[r][b] · inv[b]) · gain[r]
     * </pre>
     * {@code inv} (B elements) is kept for {@link #rmsNormBackward}; out must not overlap x.
     */
    public final void rmsNorm(float[] x, int xOff, int rows, int b, float[] gain, int gOff, float eps, float[] out,
                              int outOff, float[] inv, int invOff) {
        long size = checkNorm(x, xOff, rows, b, gain, gOff, inv, invOff);
        checkRange("out", out, outOff, size);
        checkNoOverlap("out", out, outOff, size, "x", x, xOff, size);
        checkNoOverlap("out", out, outOff, size, "gain", gain, gOff, rows);
        checkNoOverlap("inv", inv, invOff, b, "x", x, xOff, size);
        float fr = rows;
        for (int c = 0; c < b; c++) {
            float ss = 0f;
            for (int r = 0; r < rows; r++) {
                float v = x[xOff + r * b + c];
                ss = Math.fma(v, v, ss);
            }
            float k = 1f / ScalarTensorOps.sqrtf(ss / fr + eps);
            inv[invOff + c] = k;
            for (int r = 0; r < rows; r++) {
                out[outOff + r * b + c] = (x[xOff + r * b + c] * k) * gain[gOff + r];
            }
        }
    }

    /**
     * The gradient through {@link #rmsNorm}, added to {@code dx} (the residual stream's gradient)
     * and to {@code dGain}. With n = x·inv (as the forward pass rounds it) and g = dy·gain, for each
     * column b:
     * <pre>
     * s = 0; for r = 0..rows−1: s = fma(g[r][b], n[r][b], s)
     * m = s / rows
     * dx[r][b] = fma(inv[b], fma(−n[r][b], m, g[r][b]), dx[r][b])
     * </pre>
     * and for each row r, over the columns in order: {@code dGain[r] = fma(dy[r][b], n[r][b], dGain[r])}.
     * Final Java code for every backend.
     */
    public final void rmsNormBackward(float[] x, int xOff, int rows, int b, float[] gain, int gOff, float[] inv,
                                      int invOff, float[] dy, int dyOff, float[] dx, int dxOff, float[] dGain,
                                      int dgOff) {
        long size = checkNorm(x, xOff, rows, b, gain, gOff, inv, invOff);
        checkRange("dy", dy, dyOff, size);
        checkRange("dx", dx, dxOff, size);
        checkRange("dGain", dGain, dgOff, rows);
        checkNoOverlap("dx", dx, dxOff, size, "x", x, xOff, size);
        checkNoOverlap("dx", dx, dxOff, size, "dy", dy, dyOff, size);
        checkNoOverlap("dGain", dGain, dgOff, rows, "dy", dy, dyOff, size);
        float fr = rows;
        for (int c = 0; c < b; c++) {
            float k = inv[invOff + c];
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s = Math.fma(dy[dyOff + r * b + c] * gain[gOff + r], x[xOff + r * b + c] * k, s);
            }
            float m = s / fr;
            for (int r = 0; r < rows; r++) {
                float g = dy[dyOff + r * b + c] * gain[gOff + r];
                float nr = x[xOff + r * b + c] * k;
                int i = dxOff + r * b + c;
                dx[i] = Math.fma(k, Math.fma(-nr, m, g), dx[i]);
            }
        }
        for (int r = 0; r < rows; r++) {
            float acc = dGain[dgOff + r];
            for (int c = 0; c < b; c++) {
                acc = Math.fma(dy[dyOff + r * b + c], x[xOff + r * b + c] * inv[invOff + c], acc);
            }
            dGain[dgOff + r] = acc;
        }
    }

    /**
     * SwiGLU, element-wise over n: the linear half a at {@code u[uOff + i]}, the gate half g at
     * {@code u[uOff + n + i]} (in the batch layout: the first and the second F×B rows of a 2F×B
     * matrix, n = F·B). Canonical order:
     * <pre>
     * s = FloatMath.sigmoid(g);  out[i] = a · (g · s)
     * </pre>
     * out must not overlap u.
     */
    public final void swiglu(float[] u, int uOff, int n, float[] out, int outOff) {
        checkDims(n, "n", 0, "-", 0, "-");
        checkRange("u", u, uOff, 2L * n);
        checkRange("out", out, outOff, n);
        checkNoOverlap("out", out, outOff, n, "u", u, uOff, 2L * n);
        if (n == 0) {
            return;
        }
        swigluKernel(u, uOff, n, out, outOff);
    }

    /**
     * The gradient through {@link #swiglu}: dh at {@code dh[dhOff + i]}, the gradients of a and g to
     * {@code du[duOff + i]} and {@code du[duOff + n + i]}. Canonical order:
     * <pre>
     * s = FloatMath.sigmoid(g);  silu = g · s;  d = dh · a
     * du_a = dh · silu;  du_g = d · fma(silu, 1 − s, s)
     * </pre>
     * du must not overlap u or dh.
     */
    public final void swigluBackward(float[] u, int uOff, int n, float[] dh, int dhOff, float[] du, int duOff) {
        checkDims(n, "n", 0, "-", 0, "-");
        checkRange("u", u, uOff, 2L * n);
        checkRange("dh", dh, dhOff, n);
        checkRange("du", du, duOff, 2L * n);
        checkNoOverlap("du", du, duOff, 2L * n, "u", u, uOff, 2L * n);
        checkNoOverlap("du", du, duOff, 2L * n, "dh", dh, dhOff, n);
        if (n == 0) {
            return;
        }
        swigluBackwardKernel(u, uOff, n, dh, dhOff, du, duOff);
    }

    /** The arguments the RMSNorm kernels share; returns the matrix's size, rows × b. */
    private static long checkNorm(float[] x, int xOff, int rows, int b, float[] gain, int gOff, float[] inv, int invOff) {
        checkDims(rows, "rows", b, "b", 0, "-");
        long size = (long) rows * b;
        checkRange("x", x, xOff, size);
        checkRange("gain", gain, gOff, rows);
        checkRange("inv", inv, invOff, b);
        return size;
    }

    /** The arguments of an attention kernel: a span of n d×B blocks, one other input, the output. */
    private static void checkAttention(String spanName, float[] span, int spanOff, int stride, int n, int d, int b,
                                       String inName, float[] in, int inOff, long inSize, float[] out, int outOff,
                                       long outSize) {
        checkDims(n, "n", d, "d", b, "b");
        checkSpan(spanName, span, spanOff, stride, n, d, b);
        checkRange(inName, in, inOff, inSize);
        checkRange("out", out, outOff, outSize);
        checkNoOverlap("out", out, outOff, outSize, inName, in, inOff, inSize);
        checkNoOverlap("out", out, outOff, outSize, spanName, span, spanOff, spanLength(stride, n, d, b));
    }

    /** Floats from the start of a span of n d×B blocks, {@code stride} apart, to the end of its last. */
    private static long spanLength(int stride, int n, int d, int b) {
        return n == 0 ? 0 : (long) (n - 1) * stride + (long) d * b;
    }

    private static void checkSpan(String name, float[] a, int off, int stride, int n, int d, int b) {
        if (n > 1 && stride < (long) d * b) {
            throw new IllegalArgumentException(name + ": block stride " + stride + " is less than a block, "
                    + d + "×" + b);
        }
        checkRange(name, a, off, spanLength(stride, n, d, b));
    }

    // =============================================================================================
    // Optimizer
    // =============================================================================================

    /**
     * Adam update with β1 = 0 (RMSprop-like, one moment buffer), element-wise for i &lt; n:
     * <pre>
     * gc = min(max(g[i], −clip), clip)          (pass clip = +∞ for no clipping)
     * v[i] = fma(beta2, v[i], (1 − beta2) · (gc · gc))   where (1 − beta2) is computed once in float
     * w[i] = w[i] − (lr · gc) / (sqrt(v[i]) + eps)        (correctly rounded float sqrt)
     * </pre>
     * Bias correction v̂ = v / (1 − β2<sup>t</sup>) is obtained by passing {@code lr·c} and
     * {@code eps·c} with c = sqrt(1 − β2<sup>t</sup>) computed by the caller. g is not modified.
     */
    public final void adamUpdate(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                                 float lr, float beta2, float eps, float clip) {
        checkDims(n, "n", 0, "-", 0, "-");
        checkRange("w", w, wOff, n);
        checkRange("g", g, gOff, n);
        checkRange("v", v, vOff, n);
        checkNoOverlap("w", w, wOff, n, "g", g, gOff, n);
        checkNoOverlap("w", w, wOff, n, "v", v, vOff, n);
        checkNoOverlap("v", v, vOff, n, "g", g, gOff, n);
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("clip must be >= 0 (or +Infinity for none): " + clip);
        }
        adamKernel(w, wOff, g, gOff, v, vOff, n, lr, beta2, 1f - beta2, eps, clip);
    }

    // =============================================================================================
    // Backend kernels: arguments already checked, sizes > 0 where noted
    // =============================================================================================

    static final int INIT_ZERO = 0;
    static final int INIT_OUTPUT = 1;
    static final int INIT_BIAS = 2;

    /**
     * General batched kernel: for i &lt; rows, b &lt; cols(B):
     * {@code acc = init; for j < inner: acc = fma(a[aOff + i*rowStride + j*innerStride], x[xOff + j*B + b], acc); y[yOff + i*B + b] = acc},
     * init per {@code initMode}: 0, the old y, or {@code bias[biasOff + i]}. rows, B &gt; 0.
     */
    abstract void matmulKernel(float[] a, int aOff, int rowStride, int innerStride, int rows, int inner,
                               float[] bias, int biasOff, float[] x, int xOff, int cols,
                               float[] y, int yOff, int initMode);

    abstract void outerAccumulateKernel(float[] dy, int dyOff, int m, float[] xT, int xtOff, int k, int b,
                                        float[] dw, int dwOff);

    static final int OP_TANH = 0;
    static final int OP_SIGMOID = 1;

    abstract void unaryKernel(int op, float[] a, int aOff, float[] out, int outOff, int n);

    abstract void softmaxKernel(float[] x, int xOff, int rows, int b, float[] out, int outOff);

    abstract void adamKernel(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int n,
                             float lr, float beta2, float oneMinusBeta2, float eps, float clip);

    abstract void attentionScoresKernel(float[] q, int qOff, float[] keys, int kOff, int keyStride, int n, int d,
                                        int b, float scale, float[] out, int outOff);

    abstract void attentionMixKernel(float[] p, int pOff, float[] values, int vOff, int valueStride, int n, int d,
                                     int b, float[] out, int outOff, boolean accumulate);

    abstract void attentionOuterKernel(float[] p, int pOff, float[] x, int xOff, int n, int d, int b,
                                       float[] dst, int dOff, int dstStride);

    abstract void swigluKernel(float[] u, int uOff, int n, float[] out, int outOff);

    abstract void swigluBackwardKernel(float[] u, int uOff, int n, float[] dh, int dhOff, float[] du, int duOff);

    // =============================================================================================
    // Argument checks
    // =============================================================================================

    private static void checkDims(int d1, String n1, int d2, String n2, int d3, String n3) {
        if (d1 < 0 || d2 < 0 || d3 < 0) {
            throw new IllegalArgumentException("negative dimension: " + n1 + "=" + d1
                    + (n2.equals("-") ? "" : ", " + n2 + "=" + d2) + (n3.equals("-") ? "" : ", " + n3 + "=" + d3));
        }
    }

    private static void checkRange(String name, float[] a, int off, long size) {
        if (a == null) {
            throw new NullPointerException(name + " is null");
        }
        if (off < 0 || off + size > a.length) {
            throw new IndexOutOfBoundsException(name + ": offset " + off + " + size " + size
                    + " is outside the array of length " + a.length);
        }
    }

    private static void checkNoOverlap(String outName, float[] out, int outOff, long outSize,
                                       String inName, float[] in, int inOff, long inSize) {
        if (out == in && outSize > 0 && inSize > 0 && outOff < inOff + inSize && inOff < outOff + outSize) {
            throw new IllegalArgumentException(outName + " [" + outOff + ", " + (outOff + outSize)
                    + ") overlaps " + inName + " [" + inOff + ", " + (inOff + inSize) + ") in the same array");
        }
    }

    /** Element-wise: the output may be exactly the input range, but not partially overlap it. */
    private static void checkElementwiseAlias(String outName, float[] out, int outOff, String inName, float[] in,
                                              int inOff, long n) {
        if (outOff != inOff) {
            checkNoOverlap(outName, out, outOff, n, inName, in, inOff, n);
        }
    }

    private static void checkUnary(float[] a, int aOff, float[] out, int outOff, int n) {
        checkDims(n, "n", 0, "-", 0, "-");
        checkRange("a", a, aOff, n);
        checkRange("out", out, outOff, n);
        checkElementwiseAlias("out", out, outOff, "a", a, aOff, n);
    }
}
