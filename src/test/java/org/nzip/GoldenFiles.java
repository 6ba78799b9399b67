package org.nzip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes the golden files of {@link GoldenFileTest}: one .nz per preset in
 * {@code src/test/resources/golden/} and the SHA-256 of each one's content in {@code SHA256SUMS}.
 * Run it only on purpose, when a change to the model's arithmetic is meant to change the format
 * (and then say so in the commit message):
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

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        StringBuilder sums = new StringBuilder();
        for (Preset p : Preset.values()) {
            byte[] input = TestData.wordSalad(size(p), 1234);
            // Blocks of 1 KiB so that every golden file has several blocks.
            byte[] packed = Nzip.compress(input, NzipOptions.of(p).blockSize(1024));
            Files.write(dir.resolve(p.label() + ".nz"), packed);
            sums.append(sha256(input)).append("  ").append(p.label()).append('\n');
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums.toString(), StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
