package org.nzip.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nzip.tensor.TensorOps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The transformer's kernels at one head's shape: scores of a query against a span of cached keys,
 * the weighted sum of the values, the outer products of the backward pass (calls per second; each
 * call is span × head width × B fmas, so flop/s = 2 × that × calls/s), and SwiGLU forward and
 * backward (elements/s). The shapes are those of the presets' transformers: {@code fast} a span of
 * 2T = 16 positions, heads of width 16, 32 streams; {@code default} a span of 32, width 32, 16
 * streams; {@code max} a span of 32, width 24, 16 streams. Run with
 * {@code bench/jmh/run AttentionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class AttentionBenchmark {

    private static final int SWIGLU = 4096;

    @Param({"vector", "scalar"})
    public String backend;

    /** span × head width × streams. */
    @Param({"16x16x32", "32x32x16", "32x24x16"})
    public String shape;

    private int span;
    private int width;
    private int b;

    private TensorOps ops;
    private float[] q;
    private float[] cache;
    private float[] p;
    private float[] out;
    private float[] u;
    private float[] h;
    private float[] du;

    @Setup
    public void setup() {
        ops = TensorOps.named(backend);
        String[] dims = shape.split("x");
        span = Integer.parseInt(dims[0]);
        width = Integer.parseInt(dims[1]);
        b = Integer.parseInt(dims[2]);
        SplittableRandom r = new SplittableRandom(5);
        q = random(r, width * b);
        cache = random(r, span * width * b);
        p = random(r, span * b);
        out = new float[Math.max(span, width) * b];
        u = random(r, 2 * SWIGLU);
        h = random(r, SWIGLU);
        du = new float[2 * SWIGLU];
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-2, 2);
        }
        return a;
    }

    @Benchmark
    public float[] scores() {
        ops.attentionScores(q, 0, cache, 0, width * b, span, width, b, 0.25f, out, 0);
        return out;
    }

    @Benchmark
    public float[] mix() {
        ops.attentionMix(p, 0, cache, 0, width * b, span, width, b, out, 0, false);
        return out;
    }

    @Benchmark
    public float[] outer() {
        ops.attentionOuter(p, 0, q, 0, span, width, b, cache, 0, width * b);
        return cache;
    }

    @Benchmark
    @OperationsPerInvocation(SWIGLU)
    public float[] swiglu() {
        ops.swiglu(u, 0, SWIGLU, h, 0);
        return h;
    }

    @Benchmark
    @OperationsPerInvocation(SWIGLU)
    public float[] swigluBackward() {
        ops.swigluBackward(u, 0, SWIGLU, h, 0, du, 0);
        return du;
    }
}
