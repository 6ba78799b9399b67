package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The round-trip suite every preset (and, through subclasses, every backend) must pass. Subclasses
 * say which options to compress with and how large the "large" inputs may be for that model's speed.
 */
public abstract class AbstractRoundTripTest {

    /** Options to compress with; a fresh instance per call. */
    protected abstract NzipOptions options();

    /** Size of the large mixed input ("a few MB"); slow models use less. */
    protected int largeSize() {
        return 3 << 20;
    }

    /** Size of the random, run-length and text inputs; slow models use less. */
    protected int mediumSize() {
        return 300_000;
    }

    /** Largest length for the every-length test (the issue asks for 1–300). */
    protected int maxEveryLength() {
        return 300;
    }

    protected final void assertRoundTrip(byte[] data) throws IOException {
        assertRoundTrip(data, options());
    }

    protected static void assertRoundTrip(byte[] data, NzipOptions options) throws IOException {
        byte[] packed = Nzip.compress(data, options);
        byte[] back = Nzip.decompress(packed);
        assertEquals(data.length, back.length, "length after round trip");
        assertArrayEquals(data, back);
    }

    @Test
    void emptyInput() throws IOException {
        assertRoundTrip(new byte[0]);
    }

    @Test
    void everyLengthUpTo300() throws IOException {
        byte[] text = TestData.text(maxEveryLength());
        byte[] noise = TestData.random(maxEveryLength(), 11);
        for (int n = 1; n <= maxEveryLength(); n++) {
            assertRoundTrip(java.util.Arrays.copyOf(n % 2 == 0 ? text : noise, n));
        }
    }

    @Test
    void allByteValues() throws IOException {
        byte[] up = new byte[256 * 4];
        for (int i = 0; i < up.length; i++) {
            up[i] = (byte) (i % 2 == 0 ? i / 2 : 255 - i / 2);
        }
        assertRoundTrip(up);
    }

    @Test
    void randomBytes() throws IOException {
        assertRoundTrip(TestData.random(mediumSize(), 5));
    }

    @Test
    void longRunsOfOneByte() throws IOException {
        byte[] zeros = new byte[mediumSize()];
        assertRoundTrip(zeros);
        byte[] runs = new byte[mediumSize()];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < runs.length; ) {
            int len = 1 + r.nextInt(Math.max(2, mediumSize() / 60));
            byte v = (byte) r.nextInt(256);
            for (int j = 0; j < len && i < runs.length; j++) {
                runs[i++] = v;
            }
        }
        assertRoundTrip(runs);
    }

    @Test
    void projectSourceText() throws IOException {
        byte[] text = TestData.projectText();
        assertRoundTrip(java.util.Arrays.copyOf(text, Math.min(text.length, mediumSize())));
    }

    @Test
    void largeInputThroughStreamsInOddChunks() throws IOException {
        int n = largeSize();
        byte[] data = new byte[n];
        byte[] text = TestData.wordSalad(n, 17);
        byte[] noise = TestData.random(n, 19);
        for (int i = 0; i < n; i++) {
            data[i] = (i / Math.max(1, n / 12)) % 4 == 3 ? noise[i] : text[i]; // text with stretches of noise
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SplittableRandom r = new SplittableRandom(23);
        try (NzipOutputStream out = new NzipOutputStream(sink, options())) {
            for (int i = 0; i < n; ) {
                if (r.nextInt(50) == 0) {
                    out.write(data[i++]);
                } else {
                    int len = Math.min(n - i, r.nextInt(Math.max(2, n / 40)));
                    out.write(data, i, len);
                    i += len;
                }
            }
        }
        try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(sink.toByteArray()))) {
            byte[] back = new byte[n];
            int pos = 0;
            while (pos < n) {
                int got;
                if (r.nextInt(10) == 0) { // the single-byte path
                    int b = in.read();
                    got = b < 0 ? -1 : 1;
                    if (b >= 0) {
                        back[pos] = (byte) b;
                    }
                } else {
                    got = in.read(back, pos, Math.min(n - pos, 1 + r.nextInt(Math.max(2, n / 30))));
                }
                if (got < 0) {
                    break;
                }
                pos += got;
            }
            assertEquals(n, pos);
            assertEquals(-1, in.read());
            assertArrayEquals(data, back);
        }
        assertArrayEquals(data, Nzip.decompress(sink.toByteArray()));
    }

    @Test
    void manySmallBlocksAroundBoundaries() throws IOException {
        byte[] text = TestData.wordSalad(5000, 29);
        for (int n : new int[] {1023, 1024, 1025, 2048, 2049, 5000}) {
            assertRoundTrip(java.util.Arrays.copyOf(text, n), options().blockSize(1024));
        }
    }

    /**
     * A coded block after a stored one: the models learn a stored block on both sides exactly as if
     * they coded it (the fuzzer found that they did not: the mixer's inputs for a bit are set by
     * {@code p1()}, which the learning-only path skipped, so the next coded block did not decode).
     */
    @Test
    void codedBlockAfterAStoredBlock() throws IOException {
        byte[] data = new byte[1024 + 1024 + 300];
        System.arraycopy(TestData.text(1024), 0, data, 0, 1024);
        System.arraycopy(TestData.random(1024, 5), 0, data, 1024, 1024);
        System.arraycopy(TestData.wordSalad(300, 12), 0, data, 2048, 300);
        NzipOptions options = options().blockSize(1024);
        byte[] packed = Nzip.compress(data, options);
        Nzip.StreamInfo info = Nzip.inspect(new ByteArrayInputStream(packed));
        assertEquals(3, info.blocks());
        assertEquals(1, info.storedBlocks(), "the random block is stored");
        assertArrayEquals(data, Nzip.decompress(packed));
    }

    @Test
    void streamStopsAtItsEndAndLeavesTheRestUnread() throws IOException {
        byte[] a = Nzip.compress(TestData.text(3000), options());
        byte[] b = Nzip.compress(TestData.random(500, 3), options());
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        InputStream source = new ByteArrayInputStream(both);
        assertArrayEquals(TestData.text(3000), new NzipInputStream(source).readAllBytes());
        assertArrayEquals(TestData.random(500, 3), new NzipInputStream(source).readAllBytes());
        assertEquals(-1, source.read());
    }

    @Test
    void trailingGarbageIsRejectedByDecompressAndZeroPaddingIsNot() throws IOException {
        byte[] a = Nzip.compress(TestData.text(100), options());
        byte[] padded = java.util.Arrays.copyOf(a, a.length + 3); // zero padding after a stream is skipped
        assertArrayEquals(TestData.text(100), Nzip.decompress(padded));
        byte[] withJunk = java.util.Arrays.copyOf(a, a.length + 1);
        withJunk[a.length] = 1;
        assertThrows(CorruptInputException.class, () -> Nzip.decompress(withJunk));
    }

    @Test
    void finishedStreamRefusesWrites() throws IOException {
        NzipOutputStream out = new NzipOutputStream(new ByteArrayOutputStream(), options());
        out.write(1);
        out.finish();
        out.finish(); // idempotent
        assertThrows(IOException.class, () -> out.write(2));
        out.close();
        out.close(); // idempotent
    }
}
