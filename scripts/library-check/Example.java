package example;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.nzip.Nzip;
import org.nzip.NzipInputStream;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;
import org.nzip.Preset;
import org.nzip.compress.NzipCompressorProvider;

/** The README's library examples, as a program a project depending on nzip compiles and runs (scripts/library-check.sh). */
public class Example {
    public static void main(String[] args) throws Exception {
        byte[] data = "the README's library examples, run by a project that depends on nzip. ".repeat(200)
                .getBytes(StandardCharsets.UTF_8);
        Path source = Files.createTempFile("example", ".nz");
        Path target = source;

        // --- README, "Library" ---
        byte[] packed = Nzip.compress(data, NzipOptions.of(Preset.CM));
        byte[] back   = Nzip.decompress(packed);            // an NzipException subclass if it cannot

        InputStream in0 = new ByteArrayInputStream(data);
        try (var out = new NzipOutputStream(Files.newOutputStream(target), new NzipOptions().threads(2))) {
            in0.transferTo(out);                            // memory use is bounded by the block size
        }
        ByteArrayOutputStream restored = new ByteArrayOutputStream();
        try (var in = new NzipInputStream(Files.newInputStream(source), 512L << 20)) { // memory limit
            in.transferTo(restored);                        // every block is CRC-checked before it is released
        }

        // Commons Compress
        var factory = new CompressorStreamFactory();
        ByteArrayOutputStream viaCc = new ByteArrayOutputStream();
        try (OutputStream out = factory.createCompressorOutputStream("nzip", viaCc)) {
            out.write(data);
        }
        InputStream unknown = new BufferedInputStream(new ByteArrayInputStream(viaCc.toByteArray()));
        String format = NzipCompressorProvider.detect(unknown); // "nzip"
        byte[] viaCcBack;
        try (InputStream in = factory.createCompressorInputStream(format, unknown)) {
            viaCcBack = in.readAllBytes();
        }
        // --- end ---

        Files.delete(target);
        if (!Arrays.equals(data, back) || !Arrays.equals(data, restored.toByteArray()) || !Arrays.equals(data, viaCcBack)) {
            throw new AssertionError("round trip failed");
        }
        System.out.printf("ok: %d bytes -> %d (cm), %d (through Commons Compress, default preset), detected '%s'%n",
                data.length, packed.length, viaCc.size(), format);
    }
}
