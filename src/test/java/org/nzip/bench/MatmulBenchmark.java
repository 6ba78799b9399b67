package org.nzip.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nzip.tensor.TensorOps;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched products of {@link TensorOps} at LSTM shapes. Besides the primary score (calls per
 * second) every benchmark reports the secondary result {@code :flops}, in flop/s (one fma = 2 flops):
 * divide by 1e9 for GFLOP/s. Equivalently GFLOP/s = score × 2·M·K·B / 1e9.
 *
 * <p>Shapes ("MxK"): 1408x704 is one layer of a 352-cell LSTM (4 gates × 352, input 352 + hidden
 * 352), 1408x1056 the same with a skip input (352·3), 1024x1024 the square reference.
 *
 * <p>The exact shapes of the LSTM presets ({@code org.nzip.Preset}; B = 16 streams, 32 for fast): layer
 * {@code l} multiplies the gates matrix 4H × K, K = embed + (l &gt; 0 ? H : 0) + H, and the output
 * layer 256 × (layers·H):
 * <ul>
 *   <li>fast (1 × 64, embed 16): 256x80, output 256x64 (512x144 and 256x128 when it was 1 × 128,
 *       768x208 and 256x192 when it was 1 × 192);
 *   <li>default (2 × 160, embed 32): 640x192, 640x352, output 256x320 (768x224, 768x416, 256x384
 *       when it was 2 × 192; 1024x288, 1024x544 and 256x512 when it was 2 × 256);
 *   <li>max (4 × 352, embed 32): 1408x384, 1408x736 (layers 1–3), output 256x1408.
 * </ul>
 * The model's forward pass calls {@code matmulBias}, the backward pass {@code outerAccumulate} and
 * {@code matmulTransposedRows} (the model splits its rows between threads; here all rows in one call)
 * with these shapes. (Until the public {@code matmul} and {@code matmulTransposed} were removed as
 * uncalled, the first two benchmarks were named after them; they ran the same backend product with
 * the chain starting from 0 instead of the bias, and the same call over all rows.)
 *
 * <pre>
 * bench/jmh/run MatmulBenchmark -p b=16 -p shape=256x80,256x64,640x192,640x352,256x320,1408x384,1408x736,256x1408
 * </pre>
 *
 * <p>{@code backend}: {@code vector}, {@code scalar}, {@code native} (the C kernels' best path here), or
 * {@code native-avx2} / {@code native-generic} for one path of the C library ({@code -Dnzip.native.isa}).
 * With JMH's {@code -t 2} two threads run their own products at once (each its own arrays, as the
 * model's two halves of the rows do) and {@code :flops} is their sum.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MatmulBenchmark {

    @Param({"vector", "scalar", "native"})
    public String backend;

    @Param({"1408x704", "1408x1056", "1024x1024",
            "256x80", "256x64", "640x192", "640x352", "256x320", "768x224", "768x416", "256x384",
            "512x144", "256x128", "768x208", "256x192", "1024x288", "1024x544", "256x512", "1408x384", "1408x736", "256x1408"})
    public String shape;

    @Param({"1", "16", "32"})
    public int b;

    private TensorOps ops;
    private int m;
    private int k;
    private float[] w;
    private float[] bias;
    private float[] x;
    private float[] y;
    private float[] xT;
    private float[] dw;
    private long flopsPerCall;

    /** Secondary result: floating-point operations per second (2 per fma). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Setup
    public void setup() {
        String[] mk = shape.split("x");
        m = Integer.parseInt(mk[0]);
        k = Integer.parseInt(mk[1]);
        if (backend.startsWith("native-")) { // one path of the C library
            System.setProperty("nzip.native.isa", backend.substring("native-".length()));
            ops = TensorOps.named("native");
        } else {
            ops = TensorOps.named(backend);
        }
        SplittableRandom rnd = new SplittableRandom(42);
        w = fill(rnd, m * k);
        x = fill(rnd, Math.max(k, m) * b);
        y = fill(rnd, Math.max(k, m) * b);
        xT = fill(rnd, k * b);
        bias = fill(rnd, m);
        dw = new float[m * k];
        flopsPerCall = 2L * m * k * b;
    }

    static float[] fill(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
        }
        return a;
    }

    /** Forward: Y[M×B] = bias + W[M×K]·X[K×B]. */
    @Benchmark
    public float[] matmulBias(Flops f) {
        ops.matmulBias(w, 0, m, k, bias, 0, x, 0, b, y, 0);
        f.flops += flopsPerCall;
        return y;
    }

    /** Backward, input gradient: dX[K×B] = Wᵀ·dY[M×B], all K rows in one call. */
    @Benchmark
    public float[] matmulTransposedRows(Flops f) {
        ops.matmulTransposedRows(w, 0, m, k, 0, k, x, 0, b, y, 0, false);
        f.flops += flopsPerCall;
        return y;
    }

    /** Backward, weight gradient: dW[M×K] += dY[M×B]·Xᵀ (inputs pre-transposed). */
    @Benchmark
    public float[] outerAccumulate(Flops f) {
        ops.outerAccumulate(x, 0, m, xT, 0, k, b, dw, 0);
        f.flops += flopsPerCall;
        return dw;
    }
}
