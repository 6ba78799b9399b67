package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nzip.format.Container;

/** The container's fixed costs: incompressible data is stored with a few bytes around it, an empty stream is small. */
class OverheadTest {

    private static final int MIB = 1 << 20;

    /** What a stream of one stored block of {@code n} bytes costs beyond the data, for a preset. */
    private static int storedOverhead(Preset p, int n) {
        Container.Header h = new Container.Header(p.model().kind(), p.code(), p.blockSize(), p.model().params());
        return h.size() + Container.BlockHeader.stored(n, 0).size() + new Container.End(n, 0).size();
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void oneMibOfIncompressibleDataGrowsByAtMost64Bytes(Preset p) {
        int overhead = storedOverhead(p, MIB);
        System.out.printf("%s: header %d B, 1 MiB stored +%d B, empty stream %d B%n", p,
                new Container.Header(p.model().kind(), p.code(), p.blockSize(), p.model().params()).size(), overhead,
                Nzip.compress(new byte[0], NzipOptions.of(p)).length);
        assertTrue(overhead <= 64, p + ": " + overhead);
    }

    @Test
    void randomBytesAreStoredNotExpanded() throws IOException {
        int n = MIB / 4; // enough for the models' guess to settle; a whole MiB took a minute on a busy machine
        byte[] data = TestData.random(n, 11);
        byte[] packed = Nzip.compress(data, NzipOptions.of(Preset.CM));
        assertEquals(data.length + storedOverhead(Preset.CM, n), packed.length);
        Nzip.StreamInfo info = Nzip.inspect(new java.io.ByteArrayInputStream(packed));
        assertEquals(1, info.storedBlocks());
        assertArrayEquals(data, Nzip.decompress(packed));
    }

    @Test
    void storedAndCodedBlocksMixAndTheModelsKeepLearningAcrossThem() throws IOException {
        // text, noise, text again: the last text block must still benefit from what the first taught
        byte[] text = TestData.text(4096);
        byte[] data = new byte[3 * 4096];
        System.arraycopy(text, 0, data, 0, 4096);
        System.arraycopy(TestData.random(4096, 5), 0, data, 4096, 4096);
        System.arraycopy(text, 0, data, 8192, 4096);
        NzipOptions options = NzipOptions.of(Preset.CM).blockSize(4096);
        byte[] packed = Nzip.compress(data, options);
        Nzip.StreamInfo info = Nzip.inspect(new java.io.ByteArrayInputStream(packed));
        assertEquals(3, info.blocks());
        assertEquals(1, info.storedBlocks());
        assertArrayEquals(data, Nzip.decompress(packed));
        byte[] alone = Nzip.compress(text, options);
        assertTrue(packed.length - 4096 - alone.length < alone.length * 3 / 4,
                "the repeated text costs little: " + packed.length + " vs " + alone.length);
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void anEmptyStreamIsSmallAndDecodes(Preset p) throws IOException {
        byte[] packed = Nzip.compress(new byte[0], NzipOptions.of(p));
        assertTrue(packed.length <= 48, p + ": " + packed.length);
        assertEquals(0, Nzip.decompress(packed).length);
    }
}
