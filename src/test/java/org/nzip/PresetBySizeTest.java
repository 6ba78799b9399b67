package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** The choice of the model by the input's size: a small input gets the context models without a network. */
class PresetBySizeTest {

    @Test
    void belowItsThresholdEveryPresetCodesWithoutItsNetwork() {
        for (Preset p : Preset.values()) {
            int min = p.networkMinInput();
            assertSame(p, p.forInputLength(min), p + " at its threshold");
            assertSame(p, p.forInputLength(Long.MAX_VALUE), p + " on a large input");
            assertSame(p.model(), p.modelForInputLength(min, null));
            assertTrue(!p.withoutNetwork(min) && !p.withoutNetwork(Long.MAX_VALUE));
            if (p != Preset.CM) {
                assertTrue(min > 0, p + " has a threshold");
                assertTrue(p.withoutNetwork(min - 1L) && p.withoutNetwork(0));
                assertTrue(p.modelForInputLength(min - 1L, null) instanceof org.nzip.codec.CmConfig, p + ": no network below its threshold");
                assertSame(p.modelForInputLength(0, null), p.modelForInputLength(min - 1L, null));
                // fast and default use cm's models there; max its own, heavier ones.
                assertSame(p == Preset.MAX ? Preset.MAX : Preset.CM, p.forInputLength(min - 1L), p + " below its threshold");
                assertEquals(p == Preset.MAX, p.modelForInputLength(0, null) != Preset.CM.model());
            }
        }
        assertTrue(Preset.MAX.networkMinInput() <= Preset.DEFAULT.networkMinInput(),
                "max starts its network no later than default");
    }

    @Test
    void aSmallInputWithTheDefaultPresetIsCodedExactlyAsWithCm() throws Exception {
        byte[] data = TestData.text(10_000);
        byte[] withDefault = Nzip.compress(data, new NzipOptions());
        assertArrayEquals(Nzip.compress(data, NzipOptions.of(Preset.CM)), withDefault,
                "the same model, so the same bytes: never larger than cm");
        assertEquals("cm", Nzip.inspect(new ByteArrayInputStream(withDefault)).preset(), "the header says what was used");
        assertArrayEquals(data, Nzip.decompress(withDefault));
        assertEquals(NzipOutputStream.memoryNeeded(NzipOptions.of(Preset.CM), data.length),
                NzipOutputStream.memoryNeeded(new NzipOptions(), data.length));
    }

    @Test
    void aSmallInputWithMaxGetsMaxsContextModelsWithoutItsNetwork() throws Exception {
        byte[] data = TestData.text(10_000);
        byte[] withMax = Nzip.compress(data, NzipOptions.of(Preset.MAX));
        Nzip.StreamInfo info = Nzip.inspect(new ByteArrayInputStream(withMax));
        assertEquals("max", info.preset());
        assertTrue(info.model().contains("cm max set"), info.model());
        assertArrayEquals(data, Nzip.decompress(withMax));
    }

    @Test
    void theRuleCanBeTurnedOffAndNeedsAWholeInputShorterThanABlock() throws Exception {
        byte[] data = TestData.text(3_000);
        NzipOptions own = NzipOptions.of(Preset.FAST).modelBySize(false);
        byte[] lstm = Nzip.compress(data, own);
        assertEquals("fast", Nzip.inspect(new ByteArrayInputStream(lstm)).preset());
        assertNotEquals(Nzip.inspect(new ByteArrayInputStream(Nzip.compress(data, NzipOptions.of(Preset.CM)))).model(),
                Nzip.inspect(new ByteArrayInputStream(lstm)).model());
        assertArrayEquals(data, Nzip.decompress(lstm));
        // A first block that fills up does not tell the input's length: the preset's own model.
        byte[] blocks = Nzip.compress(data, NzipOptions.of(Preset.FAST).blockSize(1024));
        assertEquals("fast", Nzip.inspect(new ByteArrayInputStream(blocks)).preset());
        assertArrayEquals(data, Nzip.decompress(blocks));
        assertTrue(own.copy().modelBySize() == false && new NzipOptions().modelBySize(), "copied, on by default");
    }
}
