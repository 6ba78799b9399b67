package org.nzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files written by an earlier build must keep decoding to the same content: a change to the model's
 * arithmetic, a kernel's summation order or the coder shows up here. (Regenerate with
 * {@link GoldenFiles} only when the format is meant to change.)
 */
class GoldenFileTest {

    private static Map<String, String> sums() throws IOException {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/SHA256SUMS")) {
            assertNotNull(in, "golden/SHA256SUMS missing from the test resources");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2) {
                    m.put(f[1], f[0]);
                }
            }
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void goldenFileOfEveryPresetDecodesToItsChecksum(Preset preset) throws IOException {
        String expected = sums().get(preset.label());
        assertNotNull(expected, "no golden checksum for preset " + preset + ": run GoldenFiles");
        byte[] packed;
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + preset.label() + ".nz")) {
            assertNotNull(in, "no golden file for preset " + preset);
            packed = in.readAllBytes();
        }
        Nzip.StreamInfo info = Nzip.inspect(new java.io.ByteArrayInputStream(packed));
        assertEquals(preset.label(), info.preset());
        assertTrue(info.blocks() > 1, "golden files span several blocks");
        byte[] data = Nzip.decompress(packed);
        assertEquals(GoldenFiles.size(preset), data.length);
        assertEquals(expected, GoldenFiles.sha256(data));
    }
}
