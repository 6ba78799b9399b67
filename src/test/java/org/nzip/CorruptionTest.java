package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nzip.fuzz.ContainerMap;
import org.nzip.fuzz.DecoderFuzzer;
import org.nzip.transform.TransformMode;

/**
 * Damage to a compressed file ends in an {@link NzipException} of the right type, never in wrong
 * output: every byte of the header, of every block header and of the end record under several XOR
 * masks, each also with the CRC that covers the changed field recomputed (so the check behind the
 * CRC runs: the header's fields, a block's layout); a seeded sample of payload bytes, plain and with
 * the block's covering CRC recomputed (garbage behind a valid coded CRC runs the range decoder and the
 * model on it; behind a valid raw CRC of a stored block, the models learn it and only the end record
 * can tell); every truncation. Each case goes through {@link DecoderFuzzer#check}: {@code decompress}
 * and a reader in odd chunks, which must agree, return no bytes of a damaged block and allocate no
 * more than the header declares.
 *
 * <p>Run time: 39 s for the whole class on the project's 2-core machine at a load of 5 (about 4
 * minutes beside a four-thread fuzz run), most of it the header cases of the tiny LSTM and every
 * truncation of the {@code cm} file (each decodes the blocks before the cut, twice).
 *
 * <p>Models: the bitwise context mixer ({@code cm}, with a stored block between two coded ones), the
 * LSTM with it through {@code fast}, and a tiny LSTM with the stream set of {@code default} and
 * {@code max} (the larger LSTM presets run the same code with larger matrices).
 */
@org.junit.jupiter.api.Tag("slow") // minutes: every byte of several files flipped and cut
class CorruptionTest {

    /** XOR masks for every structure byte: the low bit, a middle one, the varint continuation bit, all. */
    private static final int[] MASKS = {0x01, 0x08, 0x40, 0x80, 0xFF};
    /** Payload positions sampled per block, each with two masks. */
    private static final int PAYLOAD_SAMPLES = 12;
    private static final String CORRUPT = "CorruptInputException";
    private static final String UNSUPPORTED = "UnsupportedFormatException";
    private static final String NOT_NZIP = "NzipFormatException";
    private static final String MEMORY = "MemoryLimitException";
    private static final String DECODED = "ok";

    /** Name, options and input: a few 1 KiB blocks (fewer for the LSTMs, whose decoding costs more). */
    static Stream<Arguments> models() {
        byte[] mixed = new byte[2548];
        System.arraycopy(TestData.text(1024), 0, mixed, 0, 1024);
        System.arraycopy(TestData.random(1024, 5), 0, mixed, 1024, 1024); // stored: it does not shrink
        System.arraycopy(TestData.text(1524), 1024, mixed, 2048, 500);
        return Stream.of(
                Arguments.of("cm", NzipOptions.of(Preset.CM), mixed),
                Arguments.of("cm text transform", NzipOptions.of(Preset.CM).transform(TransformMode.TEXT), TestData.text(1500)),
                Arguments.of("fast", NzipOptions.of(Preset.FAST).modelBySize(false), TestData.text(1100)),
                Arguments.of("tiny-lstm+cm stream set", TestModels.tiny(), TestData.text(1100)));
    }

    /** A small multi-block file of text in 1 KiB blocks. */
    private static byte[] sample(Preset preset) {
        return Nzip.compress(TestData.text(2600), NzipOptions.of(preset).blockSize(1024));
    }

    /** One damaged file and what it may end in. */
    private record Case(String what, byte[] data, Set<String> allowed) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyStructureByteUnderEveryMaskIsDetected(String name, NzipOptions options, byte[] original) {
        byte[] good = Nzip.compress(original, options.blockSize(1024));
        ContainerMap map = ContainerMap.of(good);
        assertTrue(map.complete() && map.blocks.size() >= 2, name + ": several blocks");
        List<Case> cases = new ArrayList<>();
        ContainerMap.Header h = map.header;
        for (int at : map.structureOffsets()) {
            for (int mask : MASKS) {
                byte[] bad = good.clone();
                bad[at] ^= (byte) mask;
                String what = "flip 0x" + Integer.toHexString(mask) + " at byte " + at + " of " + good.length;
                if (at < 4) {
                    cases.add(new Case(what + " (magic)", bad, Set.of(NOT_NZIP)));
                } else if (at == ContainerMap.VERSION_AT) {
                    cases.add(new Case(what + " (version)", bad, Set.of(UNSUPPORTED)));
                } else if (at < h.end()) {
                    cases.add(new Case(what + " (header)", bad, Set.of(CORRUPT)));
                    if (at < h.crcAt()) {
                        byte[] fixed = withHeaderCrc(bad);
                        if (fixed != null) {
                            // the transform byte: another value is unsupported, 0 and 1 move the header's CRC
                            Set<String> allowed = at == ContainerMap.FLAGS_AT ? Set.of(UNSUPPORTED, CORRUPT)
                                    : at == ContainerMap.PRESET_AT ? Set.of(DECODED) // the preset code is for display only
                                    : Set.of(CORRUPT, UNSUPPORTED, MEMORY, DECODED); // a parameter that does not matter here
                            cases.add(new Case(what + " (header), header CRC recomputed", fixed, allowed));
                        }
                    }
                } else if (map.end != null && at >= map.end.start()) {
                    // a changed marker makes a block header of the end record: its method may be unknown
                    cases.add(new Case(what + " (end record)", bad, Set.of(CORRUPT, UNSUPPORTED)));
                } else {
                    ContainerMap.Block b = blockAt(map, at);
                    // a changed length may make another byte the method, and an unknown method is unsupported
                    Set<String> allowed = Set.of(CORRUPT, UNSUPPORTED);
                    cases.add(new Case(what + " (block " + b.index() + " header)", bad, allowed));
                    if (at < (b.stored() ? b.rawCrcAt() : b.codedCrcAt())) { // a length or the method
                        byte[] fixed = withPayloadCrc(bad, b.start());
                        if (fixed != null) {
                            cases.add(new Case(what + " (block " + b.index() + " header), payload CRC recomputed", fixed, allowed));
                        }
                    }
                }
            }
        }
        run(name, cases, original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sampledPayloadDamageIsDetectedBehindValidCrcs(String name, NzipOptions options, byte[] original) {
        byte[] good = Nzip.compress(original, options.blockSize(1024));
        ContainerMap map = ContainerMap.of(good);
        SplittableRandom r = new SplittableRandom(name.hashCode());
        List<Case> cases = new ArrayList<>();
        boolean sawStored = false;
        for (ContainerMap.Block b : map.blocks) {
            sawStored |= b.stored();
            int n = (int) b.payloadLength();
            for (int k = 0; k < PAYLOAD_SAMPLES; k++) {
                // the first and last bytes always, then seeded positions
                int at = b.payloadAt() + (k == 0 ? 0 : k == 1 ? n - 1 : r.nextInt(n));
                for (int mask : new int[] {1 << r.nextInt(8), 0xFF}) {
                    byte[] bad = good.clone();
                    bad[at] ^= (byte) mask;
                    String what = "flip 0x" + Integer.toHexString(mask) + " at byte " + at + " (block " + b.index()
                            + (b.stored() ? ", stored" : "") + " payload byte " + (at - b.payloadAt()) + " of " + n + ")";
                    cases.add(new Case(what, bad, Set.of(CORRUPT)));
                    byte[] fixed = withPayloadCrc(bad, b.start());
                    String w = what + ", " + (b.stored() ? "raw" : "coded") + " CRC recomputed";
                    cases.add(new Case(w, fixed, Set.of(CORRUPT)));
                }
            }
        }
        assertTrue(name.equals("cm") == sawStored, name + ": the cm sample has a stored block");
        assertTrue(!name.contains("transform") || map.blocks.getFirst().transformed(), name + ": the transformed sample is transformed");
        List<String> decoded = run(name, cases, original);
        if (!decoded.isEmpty()) {
            System.out.println(name + ": " + decoded.size() + " changes at the end of a coded payload decoded to the original"
                    + " (no canonical end check yet): " + decoded);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyTruncationIsDetected(String name, NzipOptions options, byte[] original) {
        byte[] good = Nzip.compress(original, options.blockSize(1024));
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < good.length; n++) {
            cases.add(new Case("truncated to " + n + " of " + good.length, Arrays.copyOf(good, n),
                    n == 0 ? Set.of(NOT_NZIP) : Set.of(CORRUPT)));
        }
        run(name, cases, original);
    }

    /**
     * Checks every case; returns the names of those that decoded (where allowed). A decode is allowed
     * to return the original bytes only.
     */
    private static List<String> run(String name, List<Case> cases, byte[] original) {
        List<String> failures = new ArrayList<>();
        List<String> decoded = new ArrayList<>();
        for (Case c : cases) {
            List<byte[]> acceptable = c.allowed().contains(DECODED) ? List.of(original) : List.of();
            DecoderFuzzer.Outcome o = DecoderFuzzer.check(c.data(), acceptable, null);
            if (o.problem() != null) {
                failures.add(c.what() + ": " + o.problem());
            } else if (!c.allowed().contains(o.result())) {
                failures.add(c.what() + ": " + o.result() + (o.error() != null ? " (" + o.error().getMessage() + ")" : "")
                        + ", expected one of " + c.allowed());
            } else if (o.result().equals(DECODED)) {
                decoded.add(c.what());
            }
        }
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " of " + cases.size() + " cases failed:\n"
                + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        return decoded;
    }

    private static ContainerMap.Block blockAt(ContainerMap map, int at) {
        for (ContainerMap.Block b : map.blocks) {
            if (at >= b.start() && at < b.payloadAt()) {
                return b;
            }
        }
        throw new IllegalArgumentException("no block header at " + at);
    }

    /** {@code bad} with the header CRC recomputed where the decoder will look for it, or null if the header no longer parses. */
    private static byte[] withHeaderCrc(byte[] bad) {
        ContainerMap.Header h = ContainerMap.of(bad).header;
        if (h == null) {
            return null;
        }
        byte[] fixed = bad.clone();
        putInt(fixed, h.crcAt(), crc(fixed, 0, h.crcAt()));
        return fixed;
    }

    /**
     * {@code bad} with the CRC that covers the payload of the block at {@code start} recomputed for the
     * block's (possibly changed) layout: the coded CRC of a coded block, the raw CRC of a stored one;
     * null if the block header no longer parses or the file is too short for its payload.
     */
    private static byte[] withPayloadCrc(byte[] bad, int start) {
        for (ContainerMap.Block b : ContainerMap.of(bad).blocks) {
            if (b.start() == start) {
                if (b.end() > bad.length) {
                    return null;
                }
                byte[] fixed = bad.clone();
                putInt(fixed, b.stored() ? b.rawCrcAt() : b.codedCrcAt(), crc(fixed, b.payloadAt(), (int) b.payloadLength()));
                return fixed;
            }
        }
        return null;
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Test
    void corruptionOffsetPointsIntoTheDamagedBlock() {
        byte[] good = sample(Preset.CM);
        byte[] bad = good.clone();
        bad[bad.length - 40] ^= 0x10; // inside the last block's coded bytes
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> Nzip.decompress(bad));
        assertTrue(e.offset() > 0 && e.offset() < good.length, "offset " + e.offset());
        assertTrue(e.getMessage().contains("block 2"), e.getMessage());
        ContainerMap.Block last = ContainerMap.of(good).blocks.get(2);
        assertTrue(e.offset() >= last.start() && e.offset() <= last.end(), "offset " + e.offset() + " in block 2");
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
        assertArrayEquals(Arrays.copyOf(data, 2048), got);
        assertThrows(CorruptInputException.class, in::read);
        assertThrows(CorruptInputException.class, in::read); // and it stays failed
    }

    @Test
    void unknownVersionIsUnsupportedNotCorrupt() {
        byte[] bad = sample(Preset.CM);
        bad[4] = 2; // the version before this one
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Nzip.decompress(bad));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void notAnNzipFileIsNamedAsSuch() {
        NzipFormatException e = assertThrows(NzipFormatException.class,
                () -> Nzip.decompress("hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("not in .nz format"), e.getMessage());
    }
}
