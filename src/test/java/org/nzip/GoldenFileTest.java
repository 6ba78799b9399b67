package org.nzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by an earlier build must keep decoding to the same content: a change to the model's
 * arithmetic, a kernel's summation order or the coder shows up here. Every file listed in
 * {@code golden/SHA256SUMS} is decoded, including those of model kinds no preset uses any more, and
 * every current preset must have one. (Add files with {@link GoldenFiles}; never rewrite old ones.)
 */
class GoldenFileTest {

    static Stream<String> goldenNames() throws IOException {
        return GoldenFiles.readSums(resource("SHA256SUMS")).keySet().stream();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden/" + name + " missing from the test resources");
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @MethodSource("goldenNames")
    void everyGoldenFileDecodesToItsChecksum(String name) throws IOException {
        Map<String, String> sums = GoldenFiles.readSums(resource("SHA256SUMS"));
        byte[] packed = resource(name + ".nz");
        Nzip.StreamInfo info = Nzip.inspect(new java.io.ByteArrayInputStream(packed));
        assertTrue(info.blocks() > 1, "golden files span several blocks");
        assertTrue(name.startsWith(info.preset() + "-"), name + " holds preset " + info.preset());
        byte[] data = Nzip.decompress(packed);
        assertEquals(GoldenFiles.size(Preset.of(info.preset())), data.length);
        assertEquals(sums.get(name), GoldenFiles.sha256(data));
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetHasAGoldenFileOfItsCurrentModel(Preset preset) throws IOException {
        List<String> names = goldenNames().toList();
        assertTrue(names.contains(GoldenFiles.name(preset)),
                "no golden file " + GoldenFiles.name(preset) + " for preset " + preset + ": run GoldenFiles");
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyNeuralPresetsTransformerHasAGoldenFile(Preset preset) throws IOException {
        if (preset.network() != null) {
            String name = GoldenFiles.name(preset, Network.TRANSFORMER);
            assertTrue(goldenNames().toList().contains(name), "no golden file " + name + ": run GoldenFiles");
        }
    }

    @Test
    void theTextTransformHasAGoldenFile() throws IOException {
        String name = GoldenFiles.transformedName();
        assertTrue(goldenNames().toList().contains(name), "no golden file " + name + ": run GoldenFiles");
        Nzip.StreamInfo info = Nzip.inspect(new java.io.ByteArrayInputStream(resource(name + ".nz")));
        assertEquals("text", info.transform());
        assertEquals(info.blocks(), info.transformedBlocks());
        name = GoldenFiles.englishName();
        assertTrue(goldenNames().toList().contains(name), "no golden file " + name + ": run GoldenFiles");
        info = Nzip.inspect(new java.io.ByteArrayInputStream(resource(name + ".nz")));
        assertEquals("text-english", info.transform());
        assertEquals(info.blocks(), info.transformedBlocks());
    }

    @Test
    void segmentsHaveAGoldenFile() throws IOException {
        String name = GoldenFiles.segmentedName();
        assertTrue(goldenNames().toList().contains(name), "no golden file " + name + ": run GoldenFiles");
        Nzip.StreamInfo info = Nzip.inspect(new java.io.ByteArrayInputStream(resource(name + ".nz")));
        assertEquals(GoldenFiles.GOLDEN_SEGMENT, info.segmentSize());
        assertEquals((GoldenFiles.size(Preset.CM) + GoldenFiles.GOLDEN_SEGMENT - 1) / GoldenFiles.GOLDEN_SEGMENT, info.segments());
        assertEquals("text", info.transform(), "each segment defines its words");
        assertTrue(info.transformedBlocks() > info.segments(), "later segments are transformed too");
    }
}
