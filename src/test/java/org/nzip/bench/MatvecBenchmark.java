package org.nzip.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nzip.tensor.TensorOps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matrix-vector product (B = 1, canonical 16-partial order) at LSTM shapes. Score in calls/s;
 * GFLOP/s = score × 2·M·K / 1e9 (also reported as the {@code :flops} secondary result, in flop/s).
 * Run with {@code bench/jmh/run MatvecBenchmark} (see {@link MatmulBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatvecBenchmark {

    @Param({"vector", "scalar"})
    public String backend;

    @Param({"1408x704", "1024x1024", "256x256"})
    public String shape;

    private TensorOps ops;
    private int m;
    private int k;
    private float[] w;
    private float[] x;
    private float[] y;
    private long flopsPerCall;

    @Setup
    public void setup() {
        String[] mk = shape.split("x");
        m = Integer.parseInt(mk[0]);
        k = Integer.parseInt(mk[1]);
        ops = TensorOps.named(backend);
        SplittableRandom rnd = new SplittableRandom(7);
        w = MatmulBenchmark.fill(rnd, m * k);
        x = MatmulBenchmark.fill(rnd, k);
        y = new float[m];
        flopsPerCall = 2L * m * k;
    }

    @Benchmark
    public float[] matvec(MatmulBenchmark.Flops f) {
        ops.matvec(w, 0, m, k, x, 0, y, 0, false);
        f.flops += flopsPerCall;
        return y;
    }
}
