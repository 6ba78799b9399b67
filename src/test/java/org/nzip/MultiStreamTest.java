package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concatenated streams and zero padding: NzipMultiInputStream, Nzip.decompress and Nzip.inspectAll. */
class MultiStreamTest {

    private static final NzipOptions CM = NzipOptions.of(Preset.CM).blockSize(1024);
    private final byte[] a = TestData.text(2500);
    private final byte[] b = TestData.wordSalad(700, 7);
    private final byte[] packedA = Nzip.compress(a, CM);
    private final byte[] packedB = Nzip.compress(b, CM);
    private final byte[] packedEmpty = Nzip.compress(new byte[0], CM);

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void concatenationDecodesToTheConcatenation() throws IOException {
        assertArrayEquals(cat(a, b), Nzip.decompress(cat(packedA, packedB)));
        assertArrayEquals(cat(a, b, a), Nzip.decompress(cat(packedA, packedEmpty, packedB, packedA)));
        try (NzipMultiInputStream in = new NzipMultiInputStream(new ByteArrayInputStream(cat(packedA, packedB)))) {
            byte[] got = new byte[a.length + b.length];
            int n = 0;
            for (int r; (r = in.read(got, n, Math.min(333, got.length - n))) > 0; ) {
                n += r; // odd chunks cross the boundary between the streams
            }
            assertEquals(got.length, n);
            assertArrayEquals(cat(a, b), got);
            assertEquals(-1, in.read());
            assertEquals(2, in.streams());
            assertEquals(packedA.length + packedB.length, in.compressedBytes());
        }
    }

    @Test
    void zeroPaddingAfterAnyStreamIsSkipped() throws IOException {
        byte[] z1 = new byte[1];
        byte[] z5 = new byte[5];
        assertArrayEquals(a, Nzip.decompress(cat(packedA, z1)));
        assertArrayEquals(a, Nzip.decompress(cat(packedA, new byte[4096])));
        assertArrayEquals(cat(a, b), Nzip.decompress(cat(packedA, z5, packedB, z1)));
        List<Nzip.StreamInfo> infos = Nzip.inspectAll(new ByteArrayInputStream(cat(packedA, z5, packedB, z1)));
        assertEquals(2, infos.size());
        assertEquals(a.length, infos.get(0).originalSize());
        assertEquals(packedA.length, infos.get(0).compressedSize());
        assertEquals(b.length, infos.get(1).originalSize());
    }

    @Test
    void anythingElseIsTrailingGarbageAtItsOffset() {
        for (byte[] tail : List.of(new byte[] {1}, new byte[] {0, 0, 'x'}, "NZIQ".getBytes(), "garbage".getBytes())) {
            byte[] input = cat(packedA, tail);
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> Nzip.decompress(input));
            assertTrue(e.getMessage().contains("trailing garbage"), e.getMessage());
            int at = packedA.length;
            while (input[at] == 0) {
                at++;
            }
            assertEquals(at, e.offset());
            e = assertThrows(CorruptInputException.class, () -> Nzip.inspectAll(new ByteArrayInputStream(input)));
            assertTrue(e.getMessage().contains("trailing garbage"), e.getMessage());
        }
    }

    @Test
    void aDamagedOrCutSecondStreamIsCorruptWithAnOffsetInTheWholeInput() {
        byte[] damaged = cat(packedA, packedB);
        damaged[packedA.length + packedB.length / 2] ^= 0x10;
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> Nzip.decompress(damaged));
        assertTrue(e.offset() >= packedA.length, e.getMessage());
        assertThrows(CorruptInputException.class, () -> Nzip.inspectAll(new ByteArrayInputStream(
                cat(packedA, Arrays.copyOf(packedB, packedB.length - 3)))));
        e = assertThrows(CorruptInputException.class, () -> Nzip.decompress(cat(packedA, "NZ".getBytes())));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void theSingleStreamReaderStillStopsAtItsEndRecord() throws IOException {
        ByteArrayInputStream source = new ByteArrayInputStream(cat(packedA, packedB));
        NzipInputStream in = new NzipInputStream(source);
        assertArrayEquals(a, in.readAllBytes());
        assertEquals(packedB.length, source.available());
    }

    @Test
    void inputThatDoesNotStartWithAStreamIsNotNzip() {
        assertThrows(NzipFormatException.class, () -> Nzip.decompress(new byte[0]));
        assertThrows(NzipFormatException.class, () -> Nzip.decompress(cat(new byte[] {0}, packedA)));
        assertThrows(NzipFormatException.class, () -> Nzip.inspectAll(new ByteArrayInputStream("gzip".getBytes())));
    }
}
