package org.nzip.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.nzip.Nzip;
import org.nzip.NzipInputStream;
import org.nzip.NzipOptions;
import org.nzip.Preset;
import org.nzip.TestData;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the whole codec through the public API, per preset and thread count: {@code compress}
 * is {@code Nzip.compress(input, NzipOptions.of(preset).threads(t))}, {@code decompress} reads the
 * result back through {@code new NzipInputStream(in, options)} with the same options (that is
 * {@code Nzip.decompress} with a thread count: {@code Nzip.decompress(byte[])} always uses the
 * default, all cores).
 *
 * <p><b>Reading the result.</b> The primary score is whole (de)compressions per second. The
 * secondary result {@code :bytes} counts uncompressed input bytes, so it is in bytes per second:
 * divide by 1000 for kB/s (1 kB = 1000 bytes, as in bench/enwik). Equivalently
 * kB/s = score × input bytes / 1000.
 *
 * <p><b>Input.</b> The first bytes of the tests' frozen text ({@link TestData#text(int)}, from
 * {@code src/test/resources/corpus/}: Java source with English comments): the same bytes on every
 * machine and at every commit. Size: 64 KiB, except 16 KiB for {@code max} (about 1.6 kB/s); the
 * {@code kib} parameter overrides it. The LSTM's cost per byte does not depend on the text; the
 * context model's barely does.
 *
 * <p><b>What is included.</b> Every invocation is a complete, real call: building the model
 * (weight initialisation, Adam buffers), the worker thread for {@code threads > 1}, the container
 * and checksums. For 64 KiB with the LSTM presets that set-up is small against the seconds of
 * coding; for {@code cm} it is part of what a short input costs in real use.
 *
 * <p>One LSTM invocation takes seconds, longer than the 1 s iteration: JMH then runs exactly one
 * invocation per iteration, which is why warm-up and measurement are short by default.
 *
 * <pre>
 * bench/jmh/run CodecBenchmark                          # annotation defaults: 1 fork, 1 warm-up + 3 iterations
 * bench/jmh/run CodecBenchmark -p preset=fast -p threads=1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class CodecBenchmark {

    @Param({"cm", "fast", "default", "max"})
    public String preset;

    @Param({"1", "2"})
    public int threads;

    /** Input size in KiB; 0 chooses per preset (64, or 16 for max). */
    @Param({"0"})
    public int kib;

    byte[] input;
    NzipOptions options;
    private byte[] lastOutput;

    /** Secondary result: uncompressed bytes per second (the input bytes each call processed). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** The compressed input, made once per trial, for the decompression benchmark only. */
    @State(Scope.Thread)
    public static class Packed {
        byte[] data;

        @Setup(Level.Trial)
        public void pack(CodecBenchmark b) {
            data = Nzip.compress(b.input, b.options);
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        Preset p = Preset.of(preset);
        int size = (kib > 0 ? kib : p == Preset.MAX ? 16 : 64) * 1024;
        input = TestData.text(size);
        options = NzipOptions.of(p).threads(threads);
    }

    @Benchmark
    public byte[] compress(Bytes counter) {
        byte[] out = Nzip.compress(input, options);
        counter.bytes += input.length;
        return out;
    }

    @Benchmark
    public byte[] decompress(Packed packed, Bytes counter) throws IOException {
        byte[] out;
        try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(packed.data), options)) {
            out = in.readAllBytes();
        }
        counter.bytes += out.length;
        lastOutput = out;
        return out;
    }

    /** Outside the measured time: the last decompressed output must equal the input. */
    @TearDown(Level.Iteration)
    public void check() {
        if (lastOutput != null && !Arrays.equals(lastOutput, input)) {
            throw new IllegalStateException("round trip failed for preset " + preset + ", threads " + threads);
        }
        lastOutput = null;
    }
}
