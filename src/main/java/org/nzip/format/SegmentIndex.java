package org.nzip.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The index that ends a segmented stream, after its end record: where each segment's blocks are,
 * in the compressed stream and in the original data, so that a reader can start at any segment.
 *
 * <pre>
 * index   : segments varint | header length varint | (coded length varint | raw length varint) per segment
 * trailer : index length u32 | CRC32C of the index bytes and the index length u32 | "NZIX"
 * </pre>
 *
 * The trailer's fixed 12 bytes end the stream, so the index is found from the end of a file. Segment
 * {@code k} starts, in the stream, at the header length plus the coded lengths of the segments
 * before it, and in the original data at the sum of their raw lengths.
 */
public final class SegmentIndex {

    /** Last four bytes of a segmented stream. */
    public static final byte[] MAGIC = {'N', 'Z', 'I', 'X'};
    /** Bytes of the trailer: index length, CRC, magic. */
    public static final int TRAILER = 12;

    /** One segment: its position and length in the stream (its blocks) and in the original data. */
    public record Segment(long codedOffset, long codedLength, long rawOffset, long rawLength) {}

    private final int headerLength;
    private final List<Segment> segments;

    private SegmentIndex(int headerLength, List<Segment> segments) {
        this.headerLength = headerLength;
        this.segments = List.copyOf(segments);
    }

    /** The index of segments of the given coded and raw lengths, after a header of {@code headerLength} bytes. */
    public static SegmentIndex of(int headerLength, long[] codedLengths, long[] rawLengths) {
        List<Segment> list = new ArrayList<>(codedLengths.length);
        long coded = headerLength;
        long raw = 0;
        for (int i = 0; i < codedLengths.length; i++) {
            list.add(new Segment(coded, codedLengths[i], raw, rawLengths[i]));
            coded += codedLengths[i];
            raw += rawLengths[i];
        }
        return new SegmentIndex(headerLength, list);
    }

    /** The segments in stream order. */
    public List<Segment> segments() {
        return segments;
    }

    /** Length of the stream's header, where the first segment starts. */
    public int headerLength() {
        return headerLength;
    }

    /** Original bytes of all segments. */
    public long rawLength() {
        return segments.isEmpty() ? 0 : segments.getLast().rawOffset() + segments.getLast().rawLength();
    }

    /** Bytes from the stream's first byte to the end of its last segment (where the end record starts). */
    public long blocksEnd() {
        return segments.isEmpty() ? headerLength : segments.getLast().codedOffset() + segments.getLast().codedLength();
    }

    /** The segment that holds original byte {@code offset} (0 ≤ offset < {@link #rawLength()}). */
    public int segmentAt(long offset) {
        if (offset < 0 || offset >= rawLength()) {
            throw new IllegalArgumentException("offset " + offset + " outside the data's " + rawLength() + " bytes");
        }
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segments.get(mid).rawOffset() <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Bytes of the whole index, trailer included. */
    public int size() {
        return body().length + TRAILER;
    }

    private byte[] body() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] v = new byte[Varint.MAX_BYTES];
        b.write(v, 0, Varint.put(v, 0, segments.size()));
        b.write(v, 0, Varint.put(v, 0, headerLength));
        for (Segment s : segments) {
            b.write(v, 0, Varint.put(v, 0, s.codedLength()));
            b.write(v, 0, Varint.put(v, 0, s.rawLength()));
        }
        return b.toByteArray();
    }

    /** The index and its trailer, as written. */
    private byte[] encoded() {
        byte[] body = body();
        byte[] all = new byte[body.length + TRAILER];
        System.arraycopy(body, 0, all, 0, body.length);
        Container.putInt(all, body.length, body.length);
        Container.putInt(all, body.length + 4, Container.crc(all, 0, body.length + 4));
        System.arraycopy(MAGIC, 0, all, body.length + 8, 4);
        return all;
    }

    /** Writes the index and its trailer. */
    public void write(OutputStream out) throws IOException {
        out.write(encoded());
    }

    /**
     * Reads the index that follows a segmented stream's end record at {@code offset} and requires it
     * to be exactly {@code expected}, the segments the reader has just decoded: a sequential reader's
     * check that the index a later reader will trust is the stream's.
     */
    public static void readAndCheck(InputStream in, SegmentIndex expected, long offset) throws IOException {
        // Byte by byte against the expected index: a damaged count never makes the reader allocate.
        byte[] want = expected.encoded();
        for (int i = 0; i < want.length; i++) {
            int c = in.read();
            if (c < 0) {
                throw FormatException.corrupt("truncated input: the segment index ends after " + i + " bytes", offset + i);
            }
            if ((byte) c != want[i]) {
                throw FormatException.corrupt("the segment index does not match the stream's segments", offset + i);
            }
        }
    }

    /**
     * Reads the index of the segmented stream that ends at {@code end} in {@code channel} (a stream
     * alone in a file ends at the file's size). Checks the magic, the length, the CRC and that the
     * segments fit before the index; the reader that then decodes a segment checks the rest.
     *
     * @throws FormatException if there is no valid index there ({@link FormatException.Problem#NOT_NZIP}
     *         when the last bytes are not an index's trailer at all)
     */
    public static SegmentIndex readFromEnd(SeekableByteChannel channel, long end) throws IOException {
        if (end < TRAILER) {
            throw FormatException.notNzip("too short for a segmented nzip stream");
        }
        ByteBuffer trailer = readAt(channel, end - TRAILER, TRAILER);
        byte[] t = trailer.array();
        for (int i = 0; i < 4; i++) {
            if (t[8 + i] != MAGIC[i]) {
                throw FormatException.notNzip("no segment index at the end (not a segmented nzip stream)");
            }
        }
        long length = Container.getInt(t, 0) & 0xFFFFFFFFL;
        long start = end - TRAILER - length;
        if (length < 2 || start < 0) {
            throw FormatException.corrupt("segment index of " + length + " bytes does not fit the input", end - TRAILER);
        }
        byte[] all = new byte[(int) length + 8]; // paid for: these bytes are in the input
        readAt(channel, start, (int) length).get(all, 0, (int) length);
        System.arraycopy(t, 0, all, (int) length, 4);
        if (Container.crc(all, 0, (int) length + 4) != Container.getInt(t, 4)) {
            throw FormatException.corrupt("segment index checksum does not match", end - 8);
        }
        InputStream in = new java.io.ByteArrayInputStream(all, 0, (int) length);
        long count = Varint.read(in, length / 2, start, "segment count");
        long header = Varint.read(in, Integer.MAX_VALUE, start, "header length");
        long[] coded = new long[(int) count];
        long[] raw = new long[(int) count];
        long codedTotal = header;
        for (int i = 0; i < count; i++) {
            coded[i] = Varint.read(in, end, start, "segment length");
            raw[i] = Varint.read(in, Long.MAX_VALUE, start, "segment length");
            codedTotal += coded[i];
            if (coded[i] == 0 || raw[i] == 0 || codedTotal > start) {
                throw FormatException.corrupt("segment " + i + " of the index does not fit the stream", start);
            }
        }
        if (in.available() > 0) {
            throw FormatException.corrupt("segment index has " + in.available() + " bytes too many", start);
        }
        return of((int) header, coded, raw);
    }

    /** Reads {@code length} bytes at {@code position} of the channel, or reports truncation. */
    public static ByteBuffer readAt(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        channel.position(position);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw FormatException.corrupt("truncated input", position + b.position());
            }
        }
        b.flip();
        return b;
    }
}
