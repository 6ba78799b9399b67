package org.nzip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformMode;

/**
 * Writes the golden files of {@link GoldenFileTest}: for each preset, {@code <preset>-k<model kind>s<set>.nz}
 * (and for each neural preset the same with its transformer)
 * in {@code src/test/resources/golden/} and the SHA-256 of its content in {@code SHA256SUMS}. Files
 * already listed are kept as they are, so files of earlier model kinds stay pinned; run it when a
 * preset moves to a new model kind (and say so in the commit message):
 * <pre>java ... org.nzip.GoldenFiles src/test/resources/golden</pre>
 */
public final class GoldenFiles {

    private GoldenFiles() {}

    /** Input size per preset: small enough to decode in seconds even for {@code max}. */
    static int size(Preset p) {
        return switch (p) {
            case CM -> 20_000;
            case FAST -> 9_000;
            case DEFAULT -> 6_000;
            case MAX -> 3_000;
        };
    }

    /**
     * The golden file name (without .nz) of a preset's current model: preset, model kind and the
     * bitwise mixer's model set.
     */
    static String name(Preset p) {
        return name(p, null);
    }

    /** The golden file name of a preset's model with {@code network} (null: its own). */
    static String name(Preset p, Network network) {
        return p.label() + "-k" + p.model(network).kind() + "s" + p.model(network).mixer().modelSet();
    }

    /** The golden file of the text transform with a dictionary built from the stream: {@code cm}'s stream with every block transformed. */
    static String transformedName() {
        return name(Preset.CM) + "-text";
    }

    /**
     * The golden file of segments: {@code cm}'s stream in segments of two blocks, every block
     * transformed with a dictionary built from each segment, so that later segments' first blocks
     * carry their dictionaries' sizes.
     */
    static String segmentedName() {
        return name(Preset.CM) + "-seg";
    }

    /** Bytes of a segment in the segmented golden file. */
    static final int GOLDEN_SEGMENT = 2048;

    /** The golden file of the text transform with the shipped English dictionary. */
    static String englishName() {
        return name(Preset.CM) + "-text-english";
    }

    /** Writes a golden file unless {@code sums} lists it. */
    private static void write(Path dir, Map<String, String> sums, String name, Preset p, TransformMode transform,
            TextDictionary dictionary) throws IOException {
        write(dir, sums, name, p, transform, dictionary, 0);
    }

    private static void write(Path dir, Map<String, String> sums, String name, Preset p, TransformMode transform,
            TextDictionary dictionary, long segment) throws IOException {
        write(dir, sums, name, NzipOptions.of(p), transform, dictionary, segment);
    }

    private static void write(Path dir, Map<String, String> sums, String name, NzipOptions options, TransformMode transform,
            TextDictionary dictionary, long segment) throws IOException {
        if (sums.containsKey(name)) {
            return;
        }
        byte[] input = TestData.wordSalad(size(options.preset()), 1234);
        // Blocks of 1 KiB so that every golden file has several blocks.
        byte[] packed = Nzip.compress(input, options.blockSize(1024).transform(transform).dictionary(dictionary)
                .segmentSize(segment));
        Files.write(dir.resolve(name + ".nz"), packed);
        sums.put(name, sha256(input));
        System.out.println("wrote " + name + ".nz");
    }

    /** Parses a SHA256SUMS file: name to hex digest, in file order. */
    static Map<String, String> readSums(byte[] file) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : new String(file, StandardCharsets.US_ASCII).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                m.put(f[1], f[0]);
            }
        }
        return m;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path sumsFile = dir.resolve("SHA256SUMS");
        Map<String, String> sums = Files.exists(sumsFile) ? readSums(Files.readAllBytes(sumsFile)) : new LinkedHashMap<>();
        for (Preset p : Preset.values()) {
            write(dir, sums, name(p), p, TransformMode.NONE, TextDictionary.ENGLISH);
            if (p.network() != null) {
                write(dir, sums, name(p, Network.TRANSFORMER), NzipOptions.of(p).network(Network.TRANSFORMER),
                        TransformMode.NONE, TextDictionary.ENGLISH, 0);
            }
        }
        write(dir, sums, transformedName(), Preset.CM, TransformMode.TEXT, TextDictionary.FILE);
        write(dir, sums, englishName(), Preset.CM, TransformMode.TEXT, TextDictionary.ENGLISH);
        write(dir, sums, segmentedName(), Preset.CM, TransformMode.TEXT, TextDictionary.FILE, GOLDEN_SEGMENT);
        StringBuilder text = new StringBuilder();
        sums.forEach((name, sum) -> text.append(sum).append("  ").append(name).append('\n'));
        Files.writeString(sumsFile, text.toString(), StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
