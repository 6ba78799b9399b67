package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nzip.format.Container;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformEncoder;
import org.nzip.transform.TransformMode;

/**
 * The text transform inside the container, with the {@code cm} preset in 1 KiB blocks (a few KB
 * each): round trips, what {@code auto} leaves alone, what {@link Nzip#inspect} reports, and a stored
 * transformed block, which the writer makes only when the models cannot shrink the transformed block.
 */
class TransformStreamTest {

    private static NzipOptions cm(TransformMode mode) {
        return NzipOptions.of(Preset.CM).blockSize(1024).transform(mode).threads(1);
    }

    private static Nzip.StreamInfo inspect(byte[] packed) throws IOException {
        return Nzip.inspect(new ByteArrayInputStream(packed));
    }

    @Test
    void textRoundTripsTransformedInEveryMode() throws IOException {
        byte[] text = TestData.text(10_000);
        for (TransformMode mode : new TransformMode[] {TransformMode.TEXT, TransformMode.AUTO}) {
            // auto needs blocks of a few KiB: a 1 KiB block pays for the roles and the defines
            byte[] packed = Nzip.compress(text, cm(mode).blockSize(4096));
            assertArrayEquals(text, Nzip.decompress(packed), mode.label());
            Nzip.StreamInfo info = inspect(packed);
            assertEquals("text-english", info.transform(), mode.label());
            assertTrue(info.dictionaryWords() == 88_961 && info.transformedBlocks() > 0, mode.label());
            byte[] file = Nzip.compress(text, cm(mode).blockSize(4096).dictionary(TextDictionary.FILE));
            assertArrayEquals(text, Nzip.decompress(file), mode.label());
            info = inspect(file);
            assertEquals("text", info.transform(), mode.label());
            assertTrue(info.dictionaryWords() > 0 && info.dictionaryWords() <= 128 && info.transformedBlocks() > 0, mode.label());
            assertTrue(packed.length < file.length, "the shipped words pay: " + packed.length + " against " + file.length);
        }
        byte[] none = Nzip.compress(text, cm(TransformMode.NONE));
        assertEquals("none", inspect(none).transform());
        assertEquals(0, inspect(none).transformedBlocks());
        assertArrayEquals(text, Nzip.decompress(none));
    }

    @Test
    void autoLeavesBinaryDataAsNoneWouldWriteIt() throws IOException {
        byte[] random = TestData.random(3000, 21);
        assertArrayEquals(Nzip.compress(random, cm(TransformMode.NONE)), Nzip.compress(random, cm(TransformMode.AUTO)));
        byte[] zeros = new byte[2500];
        assertArrayEquals(Nzip.compress(zeros, cm(TransformMode.NONE)), Nzip.compress(zeros, cm(TransformMode.AUTO)));
    }

    @Test
    void mixedBlocksEdgeCasesAndTinyStreamsRoundTrip() throws IOException {
        byte[] text = TestData.text(1024);
        byte[] random = TestData.random(1024, 3);
        byte[] roles = new byte[1024]; // every byte value, in runs that make words of them
        for (int i = 0; i < roles.length; i++) {
            roles[i] = (byte) (i % 7 == 6 ? ' ' : i * 37);
        }
        byte[] words = ("Mixed CASE words, McDonald, ÜBER straße, " + "x".repeat(40) + " THE The the\n")
                .repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] all = concat(text, random, roles, words, text, new byte[] {'A'});
        for (TransformMode mode : TransformMode.values()) {
            assertArrayEquals(all, Nzip.decompress(Nzip.compress(all, cm(mode))), mode.label());
            assertArrayEquals(new byte[0], Nzip.decompress(Nzip.compress(new byte[0], cm(mode))), mode.label());
            assertArrayEquals(new byte[] {'A'}, Nzip.decompress(Nzip.compress(new byte[] {'A'}, cm(mode))), mode.label());
        }
        Nzip.StreamInfo info = inspect(Nzip.compress(all, cm(TransformMode.TEXT)));
        assertTrue(info.transformedBlocks() > 1 && info.transformedBlocks() < info.blocks(),
                "random bytes are never transformed, text is: " + info.transformedBlocks() + " of " + info.blocks());
    }

    @Test
    void aStoredTransformedBlockDecodesAndTeachesTheModels() throws IOException {
        byte[] first = TestData.text(1024);
        byte[] second = TestData.text(2048);
        second = java.util.Arrays.copyOfRange(second, 1024, 2048);
        TransformEncoder enc = new TransformEncoder(TransformMode.TEXT);
        int m = enc.apply(first, first.length);
        assertTrue(m > 0);
        byte[] model = java.util.Arrays.copyOf(enc.output(), m);
        // The second block coded after the first one's model bytes, as the writer would have.
        NzipOptions options = cm(TransformMode.TEXT);
        byte[] reference = Nzip.compress(concat(first, second), options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Container.Header h = new Container.Header(Preset.CM.model().kind(), Preset.CM.code(), 1024, Preset.CM.model().params(),
                Container.TRANSFORM_TEXT_SHIPPED, 0, TextDictionary.ENGLISH.id());
        Container.writeHeader(out, h);
        Container.writeBlockHeader(out, Container.BlockHeader.storedTransformed(first.length, m, Container.crc(first, 0, first.length)));
        out.write(model);
        // the rest of the reference stream: its second block and end record
        org.nzip.fuzz.ContainerMap map = org.nzip.fuzz.ContainerMap.of(reference);
        out.write(reference, map.blocks.get(1).start(), reference.length - map.blocks.get(1).start());
        byte[] built = out.toByteArray();
        assertArrayEquals(concat(first, second), Nzip.decompress(built));
        assertEquals(1, inspect(built).storedBlocks());
        // The same block stored with a wrong raw CRC, or with its model bytes damaged, is corrupt.
        byte[] bad = built.clone();
        bad[map.header.end() + 10] ^= 1;
        assertThrows(CorruptInputException.class, () -> Nzip.decompress(bad));
    }

    @Test
    void aShippedDictionaryThisNzipLacksIsUnsupported() throws IOException {
        byte[] text = TestData.text(3000);
        byte[] packed = Nzip.compress(text, cm(TransformMode.TEXT));
        org.nzip.fuzz.ContainerMap.Header h = org.nzip.fuzz.ContainerMap.of(packed).header;
        assertEquals(Container.TRANSFORM_TEXT_SHIPPED, packed[org.nzip.fuzz.ContainerMap.FLAGS_AT]);
        assertEquals(TextDictionary.ENGLISH.id(), packed[h.crcAt() - 1], "the id is the header's last byte before its CRC");
        byte[] other = packed.clone();
        other[h.crcAt() - 1] = 2; // a dictionary id no nzip has yet, under a valid header CRC
        int crc = Container.crc(other, 0, h.crcAt());
        for (int i = 0; i < 4; i++) {
            other[h.crcAt() + i] = (byte) (crc >>> (24 - 8 * i));
        }
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Nzip.decompress(other));
        assertTrue(e.getMessage().contains("shipped dictionary 2"), e.getMessage());
        assertThrows(UnsupportedFormatException.class, () -> inspect(other));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
