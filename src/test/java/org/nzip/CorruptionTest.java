package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nzip.codec.LstmCmConfig;

/**
 * Every single-byte change and every truncation of a compressed file ends in an {@link NzipException}.
 * Each model kind is covered: the bitwise context mixer ({@code cm}), the LSTM with it through the
 * {@code fast} preset (base model set), a tiny LSTM with the stream set of {@code default} and
 * {@code max}, the older kinds 1 and 3 as custom models, and a tiny LSTM alone (the larger LSTM
 * presets run the same code with larger matrices; decoding them a few hundred times would only cost
 * time).
 */
@org.junit.jupiter.api.Tag("slow") // minutes: every byte of several files flipped and cut
class CorruptionTest {

    /** Name, options and input size: a few 1 KiB blocks (fewer for the LSTM, whose decoding costs more). */
    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("cm", NzipOptions.of(Preset.CM), 2600),
                Arguments.of("fast", NzipOptions.of(Preset.FAST), 1100),
                Arguments.of("tiny-lstm+cm stream set", new NzipOptions().customModel(
                        new LstmCmConfig(DeterminismProbe.TINY, DeterminismProbe.TINY_BITS)), 1100));
    }

    /** A small multi-block file of text in 1 KiB blocks. */
    private static byte[] sample(NzipOptions options, int size) {
        return Nzip.compress(TestData.text(size), options.blockSize(1024));
    }

    private static byte[] sample(Preset preset) {
        return sample(NzipOptions.of(preset), 2600);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everySingleByteFlipIsDetected(String name, NzipOptions options, int size) {
        byte[] good = sample(options, size);
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                int at = i;
                expectNzipException(bad, "flip 0x" + Integer.toHexString(mask) + " at byte " + at + " of " + good.length);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyTruncationIsDetected(String name, NzipOptions options, int size) {
        byte[] good = sample(options, size);
        for (int n = 0; n < good.length; n++) {
            expectNzipException(java.util.Arrays.copyOf(good, n), "truncated to " + n + " of " + good.length);
        }
    }

    private static void expectNzipException(byte[] bad, String what) {
        assertTimeoutSafely(what, () -> {
            try {
                byte[] out = Nzip.decompress(bad);
                fail(what + ": decoded " + out.length + " bytes without an error");
            } catch (NzipException expected) {
                assertTrue(expected instanceof CorruptInputException || expected instanceof UnsupportedFormatException
                        || expected instanceof NzipFormatException, what);
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), what);
            } catch (Throwable other) {
                throw new AssertionError(what + ": wrong exception type " + other, other);
            }
        });
    }

    private static void assertTimeoutSafely(String what, Runnable r) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), r::run, what + ": hangs");
    }

    @Test
    void corruptionOffsetPointsIntoTheDamagedBlock() {
        byte[] good = sample(Preset.CM);
        byte[] bad = good.clone();
        bad[bad.length - 40] ^= 0x10; // inside the last block's coded bytes
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> Nzip.decompress(bad));
        assertTrue(e.offset() > 0 && e.offset() < good.length, "offset " + e.offset());
        assertTrue(e.getMessage().contains("block 2"), e.getMessage());
    }

    @Test
    void readerNeverSeesBytesOfADamagedBlock() throws IOException {
        byte[] data = TestData.text(2600);
        byte[] good = sample(Preset.CM);
        byte[] bad = good.clone();
        bad[bad.length - 40] ^= 0x10;
        NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(bad));
        byte[] got = new byte[2048];
        assertEquals(2048, in.readNBytes(got, 0, 2048)); // blocks 0 and 1 are intact
        assertArrayEquals(java.util.Arrays.copyOf(data, 2048), got);
        assertThrows(CorruptInputException.class, in::read);
        assertThrows(CorruptInputException.class, in::read); // and it stays failed
    }

    @Test
    void unknownVersionIsUnsupportedNotCorrupt() {
        byte[] bad = sample(Preset.CM);
        bad[4] = 3;
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Nzip.decompress(bad));
        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }

    @Test
    void notAnNzipFileIsNamedAsSuch() {
        NzipFormatException e = assertThrows(NzipFormatException.class,
                () -> Nzip.decompress("hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("not in .nz format"), e.getMessage());
    }
}
