package org.nzip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.nzip.TestData;
import org.nzip.transform.DictionaryBuilder;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformDecoder;
import org.nzip.transform.TransformEncoder;
import org.nzip.transform.TransformException;
import org.nzip.transform.TransformMode;
import org.nzip.transform.WordDictionary;
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
 * The text transform of a 1,000,000-byte block (enwik6 when {@code ../shared/corpus} has it,
 * else the test corpus text): forward and inverse with a stream's dictionary already made (the
 * shipped English one, or one built from the block: {@code -p dictionary=english,file}), and the
 * first block's dictionary pass (built from the block). Scores are input bytes per second; the issue asks ≥ 20 MB/s each
 * way. Run with {@code bench/jmh/run TransformBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TransformBenchmark {

    private static final int N = 1_000_000;
    private static final Path ENWIK6 = Path.of("../shared/corpus/enwik8/enwik6"); // bench/jmh/run works in the project root

    @Param({"english", "file"})
    public String dictionary;

    private byte[] block;
    private TransformEncoder encoder;
    private TransformDecoder decoder;
    private byte[] model;
    private int modelLength;
    private byte[] restored;

    @Setup
    public void setup() throws IOException, TransformException {
        block = Files.isRegularFile(ENWIK6) ? Arrays.copyOf(Files.readAllBytes(ENWIK6), N) : TestData.text(N);
        TextDictionary source = TextDictionary.of(dictionary);
        encoder = new TransformEncoder(TransformMode.TEXT, source);
        int first = encoder.apply(block, N); // makes the dictionary and defines its words
        if (first < 0) {
            throw new IllegalStateException("the block is not transformed");
        }
        decoder = source == TextDictionary.FILE ? new TransformDecoder(encoder.dictionaryWords()) : new TransformDecoder(source);
        restored = new byte[N];
        decoder.inverse(encoder.output(), first, restored, N);
        modelLength = encoder.apply(block, N); // the same block again: as a later block, all words defined
        model = Arrays.copyOf(encoder.output(), modelLength);
    }

    /**
     * A stream's first block: the byte roles, the code order and (with the shipped list) the layout
     * of the promoted words are chosen from it before it is transformed, once per stream.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int firstBlock() {
        return new TransformEncoder(TransformMode.TEXT, TextDictionary.of(dictionary)).apply(block, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int forward() {
        return encoder.apply(block, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public byte[] inverse() throws TransformException {
        decoder.inverse(model, modelLength, restored, N);
        return restored;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public WordDictionary build() {
        return DictionaryBuilder.build(block, N);
    }
}
