package org.nzip.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nzip.Nzip;
import org.nzip.NzipOptions;
import org.nzip.Preset;
import org.nzip.TestData;
import org.nzip.TestModels;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformMode;

/**
 * The fuzzer's starting points: valid files of every preset and of the tiny custom model, in 1 KiB
 * blocks so a few KB give several blocks, each model with an empty stream, a one-byte stream and a
 * stream with a stored block (a block of random bytes, whose coded form would not be smaller). The
 * LSTM presets {@code default} and {@code max} decode slowly (about 24 and 3 kB/s), so their files
 * are the smallest. {@code cm} and the tiny model also have a stream whose every block went
 * through the text transform. {@code cm} also has two segmented streams (with their index): three
 * segments of one block, and three segments of up to two transformed blocks whose later segments
 * define their own words (in their first block's header).
 */
public final class Seeds {

    /** The models, cheapest first. */
    public static final List<String> MODELS = List.of("cm", "tiny", "fast", "default", "max");

    /**
     * A valid file and what it decodes to.
     *
     * @param blockContents the original bytes of each block, in order
     */
    public record Seed(String name, String model, byte[] original, byte[] file, ContainerMap map,
                       List<byte[]> blockContents) {
        @Override
        public String toString() {
            return name + " (" + original.length + " -> " + file.length + " bytes, " + map.blocks.size() + " blocks)";
        }
    }

    private Seeds() {}

    /** The options of a model name, in 1 KiB blocks. */
    public static NzipOptions options(String model) {
        NzipOptions o = switch (model) {
            case "tiny" -> TestModels.tiny();
            default -> NzipOptions.of(Preset.of(model));
        };
        return o.blockSize(1024);
    }

    /** The seeds of one model. */
    public static List<Seed> of(String model) {
        List<Seed> seeds = new ArrayList<>();
        // Few bytes: decoding them is most of the fuzzer's time. Two blocks (1024 + 176), three for cm's text.
        seeds.add(seed(model, "salad", TestData.wordSalad(1200, 11)));
        seeds.add(seed(model, "empty", new byte[0]));
        seeds.add(seed(model, "one", new byte[] {'x'}));
        // A stored block of random bytes and a coded block after it (cm: a coded block before them too).
        byte[] mixed = model.equals("cm") ? concat(TestData.text(1024), TestData.random(1024, 5), TestData.wordSalad(60, 12))
                : concat(TestData.random(1024, 5), TestData.wordSalad(60, 12));
        Seed stored = seed(model, "stored", mixed);
        if (storedBlocks(stored.file()) == 0) {
            throw new IllegalStateException(stored + " has no stored block");
        }
        seeds.add(stored);
        if (model.equals("cm")) {
            seeds.add(seed(model, "text", TestData.text(2100)));
        }
        if (model.equals("cm") || model.equals("tiny")) { // the text transform: its roles, defines, codes and flags
            seeds.add(seed(model, "transformed", TestData.text(1500), TransformMode.TEXT)); // two blocks, the shipped words
            seeds.add(seed(model, "transformed-file", TestData.text(1500), TransformMode.TEXT, TextDictionary.FILE));
        }
        if (model.equals("cm")) { // segments: their headers' fields, the words of a later segment, the index
            seeds.add(seed(model, "segments", TestData.wordSalad(2600, 15), TransformMode.AUTO, TextDictionary.ENGLISH, 1024));
            Seed words = seed(model, "segments-file", TestData.text(4200), TransformMode.TEXT, TextDictionary.FILE, 2048);
            if (words.map().blocks.stream().noneMatch(b -> b.wordsAt() >= 0)) {
                throw new IllegalStateException(words + ": no later segment defines words");
            }
            seeds.add(words);
            // the shipped list's code order: promoted words and an added one
            seeds.add(seed(model, "transformed-promoted", promotingText(), TransformMode.TEXT));
        }
        return seeds;
    }

    /** Text whose first KiB promotes words of the shipped list and adds a word it lacks ({@code zorbo}) to the stream's codes. */
    public static byte[] promotingText() {
        return "The cat and Zorbo saw the dog. ".repeat(45).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The seeds of several models. */
    public static List<Seed> of(List<String> models) {
        List<Seed> all = new ArrayList<>();
        for (String m : models) {
            all.addAll(of(m));
        }
        return all;
    }

    static Seed seed(String model, String what, byte[] original) {
        return seed(model, what, original, TransformMode.AUTO);
    }

    static Seed seed(String model, String what, byte[] original, TransformMode transform) {
        return seed(model, what, original, transform, TextDictionary.ENGLISH);
    }

    static Seed seed(String model, String what, byte[] original, TransformMode transform, TextDictionary dictionary) {
        return seed(model, what, original, transform, dictionary, 0);
    }

    /** {@code segmentSize}: 0 for a stream without segments. */
    static Seed seed(String model, String what, byte[] original, TransformMode transform, TextDictionary dictionary, long segmentSize) {
        NzipOptions options = options(model).transform(transform).dictionary(dictionary);
        if (segmentSize > 0) {
            options.segmentSize(segmentSize);
        }
        byte[] file = Nzip.compress(original, options);
        if (segmentSize > 0 && ContainerMap.of(file).index == null) {
            throw new IllegalStateException(model + "-" + what + ": no segment index mapped");
        }
        if (transform == TransformMode.TEXT && !ContainerMap.of(file).blocks.getFirst().transformed()) {
            throw new IllegalStateException(model + "-" + what + ": the first block is not transformed");
        }
        ContainerMap map = ContainerMap.of(file);
        if (!map.complete() || map.trailing() != 0 || map.declaredRaw() != original.length) {
            throw new IllegalStateException(model + "-" + what + ": the map does not cover the file: " + map.stop);
        }
        List<byte[]> contents = new ArrayList<>();
        int at = 0;
        for (ContainerMap.Block b : map.blocks) {
            contents.add(Arrays.copyOfRange(original, at, at + (int) b.rawLength()));
            at += (int) b.rawLength();
        }
        return new Seed(model + "-" + what, model, original, file, map, contents);
    }

    static int storedBlocks(byte[] file) {
        try {
            return Nzip.inspect(new ByteArrayInputStream(file)).storedBlocks();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
