package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.format.Container;
import org.nzip.format.SegmentIndex;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformMode;

/**
 * Segmented streams with the {@code cm} preset in 1 KiB blocks, two to a segment (small tables, so
 * that several models fit at once, and a few KB per test, as cm codes about 100 kB/s): round trips of
 * every shape, the same bytes for every thread count, the index, seeking, and damage that names its
 * segment.
 */
class SegmentTest {

    /** Bytes of a segment: two blocks of 1 KiB. */
    static final int SEGMENT = 2048;

    static NzipOptions segmented(int threads) {
        return NzipOptions.of(Preset.CM).blockSize(1024).segmentSize(SEGMENT).threads(threads);
    }

    private static byte[] decode(byte[] packed, int threads) throws IOException {
        try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(packed), new NzipOptions().threads(threads))) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsEveryShapeWithTheSameBytesForEveryThreadCount() throws IOException {
        byte[] text = TestData.wordSalad(10_250, 5);
        // empty, one short block, one segment, a whole number of segments, a short last segment and block
        for (int n : new int[] {0, 100, SEGMENT, 4 * SEGMENT, 10_250}) {
            byte[] data = Arrays.copyOf(text, n);
            byte[] one = Nzip.compress(data, segmented(1));
            for (int t : new int[] {2, 4}) {
                assertArrayEquals(one, Nzip.compress(data, segmented(t)), n + " bytes, -T" + t);
            }
            for (int t : new int[] {1, 2, 4}) {
                assertArrayEquals(data, decode(one, t), n + " bytes decoded with -T" + t);
            }
            assertArrayEquals(data, Nzip.decompress(one));
        }
    }

    /**
     * The memory bound of parallel decoding: with -T2, a stream of four segments never has more than
     * two segments decoding (two models) nor more than three started and not handed out (the third
     * decoded and waiting, its model released); with -T1 one at a time; the bytes are the input's.
     */
    @Test
    void parallelDecodingHoldsAtMostItsThreadsModels() throws IOException {
        byte[] data = TestData.wordSalad(4 * SEGMENT, 21);
        byte[] packed = Nzip.compress(data, segmented(1));
        for (int t : new int[] {2, 3}) {
            for (int run = 0; run < 3; run++) { // the threads finish in another order each time
                try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(packed), new NzipOptions().threads(t))) {
                    assertEquals(t, in.segmentsAtOnce());
                    assertArrayEquals(data, in.readAllBytes(), "-T" + t);
                    assertTrue(in.peakSegmentsDecoding() >= 1 && in.peakSegmentsDecoding() <= t,
                            in.peakSegmentsDecoding() + " segments decoded at once with -T" + t);
                    assertTrue(in.peakSegmentsAhead() <= t + 1, in.peakSegmentsAhead() + " segments ahead with -T" + t);
                }
            }
        }
        // A limit that fits two segments' models and buffers but not a third segment's buffers: no extra segment ahead.
        try (NzipInputStream probe = new NzipInputStream(new ByteArrayInputStream(packed))) {
            long limit = 2 * probe.memoryPerSegment() + 1;
            try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(packed), new NzipOptions().threads(2).memoryLimit(limit))) {
                assertEquals(2, in.segmentsAtOnce());
                assertArrayEquals(data, in.readAllBytes());
                assertTrue(in.peakSegmentsAhead() <= 2, in.peakSegmentsAhead() + " segments ahead at the limit");
            }
        }
    }

    /** The writer's bound: with -T2, at most two segments coding and three not yet written; the bytes are -T1's. */
    @Test
    void parallelCodingHoldsAtMostItsThreadsModels() throws IOException {
        byte[] data = TestData.wordSalad(5 * SEGMENT, 22);
        byte[] one = Nzip.compress(data, segmented(1));
        for (int run = 0; run < 3; run++) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            NzipOutputStream out = new NzipOutputStream(packed, segmented(2));
            for (int at = 0; at < data.length; at += 700) { // in pieces, as a caller writes
                out.write(data, at, Math.min(700, data.length - at));
            }
            out.close();
            assertArrayEquals(one, packed.toByteArray(), "-T2 writes -T1's bytes");
            assertTrue(out.peakSegmentsCoding() >= 1 && out.peakSegmentsCoding() <= 2, out.peakSegmentsCoding() + " segments coded at once");
            assertTrue(out.peakSegmentsAhead() <= 3, out.peakSegmentsAhead() + " segments not yet written");
        }
    }

    @Test
    void segmentsRestartTheModelSoTheyCostBytesAndTheDefaultStaysOneSegment() throws IOException {
        byte[] data = TestData.wordSalad(4 * SEGMENT, 9);
        byte[] whole = Nzip.compress(data, NzipOptions.of(Preset.CM).blockSize(1024).threads(1));
        byte[] cut = Nzip.compress(data, segmented(1));
        assertTrue(cut.length > whole.length, cut.length + " vs " + whole.length);
        assertEquals(0, Nzip.inspect(new ByteArrayInputStream(whole)).segments());
        assertEquals(4, Nzip.inspect(new ByteArrayInputStream(cut)).segments());
    }

    @Test
    void laterSegmentsCarryTheirOwnDictionaryAndMixRawAndTransformedSegments() throws IOException {
        byte[] text = TestData.wordSalad(2 * SEGMENT, 3);
        byte[] random = TestData.random(2 * SEGMENT, 4);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes(random); // segments 0, 1: raw
        mixed.writeBytes(text); // segments 2, 3: transformed, each with its dictionary
        mixed.writeBytes(random);
        byte[] data = mixed.toByteArray();
        for (TransformMode mode : new TransformMode[] {TransformMode.TEXT}) { // auto needs larger blocks to pay
            byte[] packed = Nzip.compress(data, segmented(2).transform(mode).dictionary(TextDictionary.FILE));
            assertArrayEquals(packed, Nzip.compress(data, segmented(1).transform(mode).dictionary(TextDictionary.FILE)));
            assertArrayEquals(data, decode(packed, 1));
            assertArrayEquals(data, decode(packed, 3));
            Nzip.StreamInfo info = Nzip.inspect(new ByteArrayInputStream(packed));
            assertTrue(info.transformedBlocks() >= 4, mode.label());
            assertEquals("none", info.transform(), "the header names the first segment's transform");
        }
    }

    /**
     * The shipped dictionary in segments: every segment starts a fresh transform with the list the
     * header names (no segment defines words), whether or not the first segment is transformed; -T1
     * and -T2 write the same bytes, and decoding from a later segment needs nothing but the header.
     */
    @Test
    void segmentsUseTheShippedDictionaryTheHeaderNames(@TempDir Path dir) throws IOException {
        byte[] text = TestData.text(4 * SEGMENT);
        byte[] random = TestData.random(2 * SEGMENT, 11);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes(random); // segment 0: raw, and the header still names the dictionary
        mixed.writeBytes(text);
        byte[] mixedData = mixed.toByteArray();
        for (byte[] data : new byte[][] {text, mixedData}) {
            NzipOptions options = segmented(1).transform(TransformMode.TEXT).dictionary(TextDictionary.ENGLISH);
            byte[] packed = Nzip.compress(data, options);
            assertArrayEquals(packed, Nzip.compress(data, options.copy().threads(2)), "-T1 and -T2");
            assertEquals(Container.TRANSFORM_TEXT_SHIPPED | Container.SEGMENTED, packed[5] & 0xFF);
            assertArrayEquals(data, decode(packed, 1));
            assertArrayEquals(data, decode(packed, 2));
            Nzip.StreamInfo info = Nzip.inspect(new ByteArrayInputStream(packed));
            assertEquals("text-english", info.transform());
            assertEquals(88_961, info.dictionaryWords());
            assertTrue(info.transformedBlocks() >= 8, info.transformedBlocks() + " blocks transformed");
            // The same text with a dictionary built from each segment: later segments carry their words.
            byte[] file = Nzip.compress(data, options.copy().dictionary(TextDictionary.FILE));
            assertArrayEquals(data, Nzip.decompress(file));
            assertTrue(packed.length < file.length, "the shipped words pay: " + packed.length + " against " + file.length);

            Path f = dir.resolve("shipped.nz");
            Files.write(f, packed);
            long from = data.length - SEGMENT - 100; // inside the last but one segment
            try (FileChannel ch = FileChannel.open(f);
                 NzipInputStream in = NzipInputStream.openAt(ch, from, new NzipOptions())) {
                assertArrayEquals(Arrays.copyOfRange(data, (int) from, data.length), in.readAllBytes());
            }
        }
        // auto: a segment is transformed only where it pays (1 KiB blocks rarely do; the bytes must still agree)
        NzipOptions auto = segmented(1).dictionary(TextDictionary.ENGLISH);
        byte[] packed = Nzip.compress(mixedData, auto);
        assertArrayEquals(packed, Nzip.compress(mixedData, auto.copy().threads(2)));
        assertArrayEquals(mixedData, decode(packed, 2));
    }

    @Test
    void theIndexIsFoundFromTheEndAndAgreesWithTheStream(@TempDir Path dir) throws IOException {
        byte[] data = TestData.wordSalad(7500, 7);
        byte[] packed = Nzip.compress(data, segmented(2));
        Path file = dir.resolve("a.nz");
        Files.write(file, packed);
        try (FileChannel ch = FileChannel.open(file)) {
            SegmentIndex index = SegmentIndex.readFromEnd(ch, ch.size());
            assertEquals(4, index.segments().size());
            assertEquals(data.length, index.rawLength());
            for (int k = 0; k < 4; k++) {
                SegmentIndex.Segment s = index.segments().get(k);
                assertEquals((long) SEGMENT * k, s.rawOffset());
                assertEquals(k == 3 ? 7500 - 3 * SEGMENT : SEGMENT, s.rawLength());
            }
            assertEquals(2, index.segmentAt(SEGMENT * 2 + 5));
        }
    }

    /** Flips one bit in segment 2's payload: segments 0 and 1 decode, then the error names segment 2, for any thread count. */
    @Test
    void damageInASegmentNamesItAfterTheSegmentsBefore(@TempDir Path dir) throws IOException {
        byte[] data = TestData.wordSalad(4 * SEGMENT, 8);
        byte[] packed = Nzip.compress(data, segmented(1));
        SegmentIndex index;
        Path file = dir.resolve("b.nz");
        Files.write(file, packed);
        try (FileChannel ch = FileChannel.open(file)) {
            index = SegmentIndex.readFromEnd(ch, ch.size());
        }
        SegmentIndex.Segment s2 = index.segments().get(2);
        byte[] bad = packed.clone();
        bad[(int) (s2.codedOffset() + s2.codedLength() / 2)] ^= 0x10;
        for (int t : new int[] {1, 2, 4}) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> {
                try (InputStream in = new NzipInputStream(new ByteArrayInputStream(bad), new NzipOptions().threads(t))) {
                    in.transferTo(got);
                }
            });
            assertTrue(e.getMessage().contains("segment 2"), e.getMessage());
            assertArrayEquals(Arrays.copyOf(data, 2 * SEGMENT), got.toByteArray(), "-T" + t);
        }
    }

    /**
     * Damage in a segment's first block and an unknown method in its second block's header: every
     * thread count reports the first damage in stream order (the reader reads a segment's blocks ahead
     * of decoding them, and must not report the later header first).
     */
    @Test
    void theFirstDamageInStreamOrderIsReportedForEveryThreadCount() throws IOException {
        byte[] data = TestData.wordSalad(3 * SEGMENT, 16);
        byte[] packed = Nzip.compress(data, segmented(1));
        org.nzip.fuzz.ContainerMap map = org.nzip.fuzz.ContainerMap.of(packed);
        org.nzip.fuzz.ContainerMap.Block first = map.blocks.get(2); // segment 1, block 0
        org.nzip.fuzz.ContainerMap.Block second = map.blocks.get(3);
        assertTrue(!first.stored() && !second.stored(), "coded blocks");
        byte[] bad = packed.clone();
        bad[first.payloadAt() + 3] ^= 0x20;
        bad[second.methodAt()] = (byte) 0xDF;
        for (int t : new int[] {1, 2}) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> {
                try (InputStream in = new NzipInputStream(new ByteArrayInputStream(bad), new NzipOptions().threads(t))) {
                    in.transferTo(got);
                }
            }, "-T" + t);
            assertTrue(e.getMessage().contains("segment 1, block 0"), e.getMessage());
            assertArrayEquals(Arrays.copyOf(data, SEGMENT), got.toByteArray(), "-T" + t);
        }
        // The second block's header alone: segment 1's first block is handed out, then the header is refused.
        byte[] header = packed.clone();
        header[second.methodAt()] = (byte) 0xDF;
        for (int t : new int[] {1, 2}) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThrows(UnsupportedFormatException.class, () -> {
                try (InputStream in = new NzipInputStream(new ByteArrayInputStream(header), new NzipOptions().threads(t))) {
                    in.transferTo(got);
                }
            }, "-T" + t);
            assertArrayEquals(Arrays.copyOf(data, SEGMENT + 1024), got.toByteArray(), "-T" + t);
        }
    }

    @Test
    void aDamagedOrMissingIndexIsCorrupt() throws IOException {
        byte[] data = TestData.wordSalad(5000, 2);
        byte[] packed = Nzip.compress(data, segmented(1));
        // magic, CRC, length, the entries, the end record's CRC
        for (int back : new int[] {1, 4, 5, 8, 9, 12, 13, 16, 20}) {
            byte[] bad = packed.clone();
            bad[bad.length - back] ^= 1;
            int b = back;
            assertThrows(CorruptInputException.class, () -> Nzip.decompress(bad), "byte " + b + " from the end");
        }
        for (int cut : new int[] {1, 12, 13, 20}) {
            byte[] shortened = Arrays.copyOf(packed, packed.length - cut);
            assertThrows(CorruptInputException.class, () -> Nzip.decompress(shortened), "cut " + cut);
        }
    }

    @Test
    void segmentSizeRoundsToBlocksAndShrinksTheBlock() {
        NzipOptions o = NzipOptions.of(Preset.CM).segmentSize(3_000_000);
        assertEquals(3_000_000, o.blockSize());
        assertEquals(3_000_000, o.segmentSize());
        o = NzipOptions.of(Preset.CM).blockSize(1 << 20).segmentSize(5_500_000);
        assertEquals(5L << 20, o.segmentSize());
        assertNotEquals(0, o.segmentBlocks());
        assertThrows(IllegalArgumentException.class, () -> NzipOptions.of(Preset.CM).segmentSize(100));
    }

    @Test
    void openAtStartsFromTheSegmentThatHoldsTheOffset(@TempDir Path dir) throws IOException {
        byte[] data = TestData.wordSalad(7500, 12);
        Path file = dir.resolve("c.nz");
        Files.write(file, Nzip.compress(data, segmented(1)));
        for (int t : new int[] {1, 2}) {
            for (long offset : new long[] {0, 1, SEGMENT - 1, SEGMENT, 5000, 7499, 7500}) {
                try (FileChannel ch = FileChannel.open(file);
                     NzipInputStream in = NzipInputStream.openAt(ch, offset, new NzipOptions().threads(t))) {
                    assertArrayEquals(Arrays.copyOfRange(data, (int) offset, data.length), in.readAllBytes(), "from " + offset + ", -T" + t);
                }
            }
        }
        Path plain = dir.resolve("d.nz");
        Files.write(plain, Nzip.compress(data, NzipOptions.of(Preset.CM).blockSize(1024)));
        try (FileChannel ch = FileChannel.open(plain)) {
            assertThrows(NzipFormatException.class, () -> NzipInputStream.openAt(ch, 0, new NzipOptions()));
        }
    }

    /** Damage in segment 1 does not stop a reader that starts at segment 2; one that starts at 1 names it. */
    @Test
    void openAtReadsOnlyTheSegmentsItNeeds(@TempDir Path dir) throws IOException {
        byte[] data = TestData.wordSalad(4 * SEGMENT, 13);
        byte[] packed = Nzip.compress(data, segmented(1));
        Path file = dir.resolve("e.nz");
        Files.write(file, packed);
        SegmentIndex.Segment s1;
        try (FileChannel ch = FileChannel.open(file)) {
            s1 = SegmentIndex.readFromEnd(ch, ch.size()).segments().get(1);
        }
        packed[(int) (s1.codedOffset() + s1.codedLength() - 3)] ^= 4;
        Files.write(file, packed);
        try (FileChannel ch = FileChannel.open(file); NzipInputStream in = NzipInputStream.openAt(ch, 2 * SEGMENT, new NzipOptions())) {
            assertArrayEquals(Arrays.copyOfRange(data, 2 * SEGMENT, data.length), in.readAllBytes());
        }
        try (FileChannel ch = FileChannel.open(file)) {
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> NzipInputStream.openAt(ch, SEGMENT, new NzipOptions().threads(1)).readAllBytes());
            assertTrue(e.getMessage().contains("segment 1"), e.getMessage());
        }
    }

    /**
     * A small fuzz of the index and the end of a segmented stream: each mutation (a byte changed, a
     * byte removed or inserted, the file cut) in the last 40 bytes gives the original data or a
     * {@link NzipException} from both readers — never other data — and {@link SegmentIndex#readFromEnd}
     * either refuses it or returns segments that fit the file.
     */
    @Test
    void mutatedIndexesAreRefusedOrHarmless(@TempDir Path dir) throws IOException {
        byte[] data = TestData.wordSalad(2500, 14); // two segments: each decode is quick
        byte[] packed = Nzip.compress(data, segmented(1));
        java.util.SplittableRandom r = new java.util.SplittableRandom(77);
        Path file = dir.resolve("f.nz");
        for (int i = 0; i < 60; i++) {
            byte[] bad = mutate(packed, r);
            try {
                assertArrayEquals(data, Nzip.decompress(bad), "mutation " + i + " decoded to other data");
            } catch (NzipException e) {
                // refused: fine
            }
            Files.write(file, bad);
            try (FileChannel ch = FileChannel.open(file)) {
                SegmentIndex index = SegmentIndex.readFromEnd(ch, ch.size());
                assertTrue(index.blocksEnd() <= ch.size() - index.size(), "mutation " + i);
                try (NzipInputStream in = NzipInputStream.openAt(ch, index.rawLength() / 2, new NzipOptions().threads(1))) {
                    byte[] tail = in.readAllBytes();
                    assertArrayEquals(Arrays.copyOfRange(data, data.length - tail.length, data.length), tail, "mutation " + i);
                } catch (NzipException | IllegalArgumentException e) {
                    // refused: fine
                }
            } catch (org.nzip.format.FormatException e) {
                // refused: fine
            }
        }
    }

    private static byte[] mutate(byte[] packed, java.util.SplittableRandom r) {
        int at = packed.length - 1 - r.nextInt(40);
        return switch (r.nextInt(4)) {
            case 0 -> {
                byte[] b = packed.clone();
                b[at] ^= (byte) (1 + r.nextInt(255));
                yield b;
            }
            case 1 -> {
                byte[] b = new byte[packed.length - 1];
                System.arraycopy(packed, 0, b, 0, at);
                System.arraycopy(packed, at + 1, b, at, packed.length - at - 1);
                yield b;
            }
            case 2 -> {
                byte[] b = new byte[packed.length + 1];
                System.arraycopy(packed, 0, b, 0, at);
                b[at] = (byte) r.nextInt(256);
                System.arraycopy(packed, at, b, at + 1, packed.length - at);
                yield b;
            }
            default -> Arrays.copyOf(packed, at);
        };
    }
}
