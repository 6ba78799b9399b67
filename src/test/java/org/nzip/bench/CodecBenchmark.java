package org.nzip.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nzip.Nzip;
import org.nzip.NzipInputStream;
import org.nzip.NzipOptions;
import org.nzip.Preset;
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
 * <p><b>Input.</b> English-like text from a seeded generator (fixed word list, Zipf-like word
 * frequencies, sentences, lines of at most 72 columns): the same bytes on every machine and at
 * every commit. Size: 64 KiB, except 16 KiB for {@code max} (about 1.6 kB/s); the {@code kib}
 * parameter overrides it. The LSTM's cost per byte does not depend on the text; the context
 * model's barely does.
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
        input = text(size, 20240601L);
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

    private static final String[] WORDS = (
            "the of and to a in is it that was he for on are as with his they at be this from I have or by "
            + "one had not but what all were when we there can an your which their said if do will each about "
            + "how up out them then she many some so these would other into has more her two like him see time "
            + "could no make than first been its who now people my made over did down only way find use may "
            + "water long little very after words called just where most know get through back much before go "
            + "good new write our used me man too any day same right look think also around another came come "
            + "work three word must because does part even place well such here take why things help put years "
            + "different away again off went old number great tell men say small every found still between name "
            + "should home big give air line set own under read last never us left end along while might next "
            + "sound below saw something thought both few those always looked show large often together asked "
            + "house world going want school important until form food keep children feet land side without boy "
            + "once animals life enough took sometimes four head above kind began almost live page got earth "
            + "need far hand high year mother light parts country father let night following picture being study "
            + "second eyes soon times story boys since white days ever paper hard near sentence better best across "
            + "during today others however sure means knew try told young miles sun ways thing whole hear example "
            + "heard several change answer room sea against top turned learn point city play toward five using "
            + "himself usually compression model stream neural network byte probability coder entropy").split(" ");

    /** Deterministic English-like text of exactly {@code size} bytes (ASCII). */
    static byte[] text(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 128);
        int column = 0;
        boolean sentenceStart = true;
        int wordsInSentence = 0;
        int sentenceLength = 6 + rnd.nextInt(14);
        while (sb.length() < size) {
            // Zipf-like choice: the square of a uniform number favours the front of the list.
            double u = rnd.nextDouble();
            String w = WORDS[(int) (u * u * WORDS.length)];
            if (sentenceStart) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            wordsInSentence++;
            boolean end = wordsInSentence >= sentenceLength;
            String token = w + (end ? (rnd.nextInt(8) == 0 ? "?" : ".") : (rnd.nextInt(12) == 0 ? "," : ""));
            if (column > 0 && column + 1 + token.length() > 72) {
                sb.append('\n');
                column = 0;
            } else if (column > 0) {
                sb.append(' ');
                column++;
            }
            sb.append(token);
            column += token.length();
            sentenceStart = end;
            if (end) {
                wordsInSentence = 0;
                sentenceLength = 6 + rnd.nextInt(14);
                if (rnd.nextInt(6) == 0) { // a new paragraph
                    sb.append("\n\n");
                    column = 0;
                }
            }
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
    }
}
