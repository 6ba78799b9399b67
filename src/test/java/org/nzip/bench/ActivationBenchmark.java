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
 * Element-wise activations (tanh, sigmoid) and the 256×B softmax. Scores are elements per second
 * ({@code @OperationsPerInvocation}); run with {@code bench/jmh/run ActivationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ActivationBenchmark {

    private static final int N = 4096;
    private static final int ROWS = 256;
    private static final int B = 16;

    @Param({"vector", "scalar"})
    public String backend;

    private TensorOps ops;
    private float[] in;
    private float[] out;

    @Setup
    public void setup() {
        ops = TensorOps.named(backend);
        SplittableRandom rnd = new SplittableRandom(3);
        in = new float[N];
        for (int i = 0; i < N; i++) {
            in[i] = (float) rnd.nextDouble(-8, 8);
        }
        out = new float[N];
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public float[] tanh() {
        ops.tanh(in, 0, out, 0, N);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public float[] sigmoid() {
        ops.sigmoid(in, 0, out, 0, N);
        return out;
    }

    /** Softmax over 256 rows for each of 16 columns (4096 elements). */
    @Benchmark
    @OperationsPerInvocation(ROWS * B)
    public float[] softmax256x16() {
        ops.softmax(in, 0, ROWS, B, out, 0);
        return out;
    }
}
