package org.nzip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.format.Container;
import org.nzip.format.FormatException;
import org.nzip.format.SegmentIndex;
import org.nzip.transform.TransformDecoder;

/** One-call helpers around {@link NzipOutputStream} and {@link NzipInputStream}. */
public final class Nzip {

    /** The container format version this build writes (and the only one it reads). */
    public static final int FORMAT_VERSION = Container.VERSION;

    /** The file name suffix of compressed files. */
    public static final String SUFFIX = ".nz";

    private Nzip() {}

    /** Compresses {@code data} with the default preset. */
    public static byte[] compress(byte[] data) {
        return compress(data, new NzipOptions());
    }

    /** Compresses {@code data} with the given options. */
    public static byte[] compress(byte[] data, NzipOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 3 + 64);
        try (NzipOutputStream out = new NzipOutputStream(bytes, options)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decompresses nzip data: one stream, or several concatenated (the result is the concatenation
     * of their data), each optionally followed by zero bytes of padding; see
     * {@link NzipMultiInputStream} for the rule.
     *
     * @throws NzipFormatException if it is not nzip data
     * @throws CorruptInputException if the data is damaged, truncated or followed by bytes that are
     *         neither zero padding nor another nzip stream
     * @throws UnsupportedFormatException if it needs a newer nzip
     * @throws MemoryLimitException if it needs more memory than the JVM can give
     */
    public static byte[] decompress(byte[] compressed) throws NzipException {
        try (NzipMultiInputStream in = new NzipMultiInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (NzipException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
    }

    /**
     * Reads the structure of a stream without decoding it: the header, every block header (skipping
     * the coded bytes), the end record and a segmented stream's index (checked against the blocks).
     * Checksums of the data are not verified (that needs a full decode).
     */
    public static StreamInfo inspect(InputStream in) throws IOException {
        try {
            Container.Header header = Container.readHeader(in);
            ModelConfig model = ModelConfig.read(header.kind(), header.params(), header.paramsOffset());
            long position = header.size();
            int blocks = 0;
            int stored = 0;
            int transformed = 0;
            int firstBlock = 0;
            Container.End[] end = new Container.End[1];
            long rawTotal = 0;
            int previous = header.blockSize();
            int perSegment = header.segmented() ? header.segmentBlocks() : Integer.MAX_VALUE;
            java.util.List<Segment> segments = new java.util.ArrayList<>();
            long segmentStart = position;
            long segmentRawStart = 0;
            boolean shipped = header.transform() == Container.TRANSFORM_TEXT_SHIPPED;
            // Segments after the first define their own words, unless the header names a shipped dictionary.
            boolean segmentTransformed = header.transform() != Container.TRANSFORM_NONE;
            while (true) {
                boolean segmentStarts = blocks > 0 && blocks % perSegment == 0;
                if (segmentStarts) {
                    segments.add(new Segment(segmentStart, position - segmentStart, segmentRawStart, rawTotal - segmentRawStart));
                    segmentStart = position;
                    segmentRawStart = rawTotal;
                }
                Container.BlockHeader b = Container.readBlockOrEnd(in, header.blockSize(), segmentStarts && !shipped, position, end);
                if (b == null) {
                    if (header.segmented() && rawTotal > segmentRawStart) {
                        segments.add(new Segment(segmentStart, position - segmentStart, segmentRawStart, rawTotal - segmentRawStart));
                    }
                    position += end[0].size();
                    break;
                }
                if (segmentStarts) {
                    segmentTransformed = b.transformed();
                }
                if (previous < header.blockSize()) {
                    throw FormatException.corrupt("block " + blocks + " follows a short block", position);
                }
                position += b.size();
                long skipped = skipFully(in, b.codedLength());
                if (skipped < b.codedLength()) {
                    throw FormatException.corrupt("truncated input: block " + blocks + " data ends early", position + skipped);
                }
                position += b.codedLength();
                rawTotal += b.rawLength();
                firstBlock = blocks == 0 ? b.rawLength() : firstBlock;
                previous = b.rawLength();
                if (b.transformed() && !segmentTransformed) {
                    throw FormatException.corrupt("block " + blocks + " is transformed in a " + (segments.isEmpty() ? "stream" : "segment")
                            + " without a transform", position - b.size() - b.codedLength());
                }
                stored += b.stored() ? 1 : 0;
                transformed += b.transformed() ? 1 : 0;
                blocks++;
            }
            if (end[0].originalLength() != rawTotal) {
                throw FormatException.corrupt("end record says " + end[0].originalLength()
                        + " bytes but the blocks hold " + rawTotal, position - end[0].size() + 1);
            }
            if (header.segmented()) {
                long[] coded = segments.stream().mapToLong(Segment::compressedLength).toArray();
                long[] raw = segments.stream().mapToLong(Segment::originalLength).toArray();
                SegmentIndex index = SegmentIndex.of(header.size(), coded, raw);
                SegmentIndex.readAndCheck(in, index, position);
                position += index.size();
            }
            Preset preset = Preset.ofCode(header.preset());
            TransformDecoder decoder = NzipInputStream.transformDecoder(header);
            long memory = blocks == 0 ? 0 : BlockCoder.memoryUsage(model, firstBlock)
                    + (decoder != null || header.segmented() ? TransformDecoder.memoryUsage(firstBlock) : 0);
            return new StreamInfo(Container.VERSION, preset == null ? "custom" : preset.label(),
                    model.describe(), header.blockSize(), blocks, stored, rawTotal, position,
                    end[0].crc() & 0xFFFFFFFFL, memory, NzipInputStream.transformName(header),
                    decoder == null ? 0 : decoder.dictionaryWords(), transformed,
                    (long) header.segmentBlocks() * header.blockSize(), List.copyOf(segments));
        } catch (FormatException e) {
            throw NzipInputStream.translate(e);
        }
    }

    /**
     * {@link #inspect} for each stream of a concatenation, with zero padding after any stream skipped
     * (the rule of {@link NzipMultiInputStream}); reads {@code in} to its end. Offsets in a
     * {@link CorruptInputException} count from the start of {@code in}.
     *
     * @throws NzipFormatException if the input does not start with an nzip stream
     * @throws CorruptInputException if a stream is damaged or truncated, or the input goes on with
     *         bytes that are neither zero padding nor another stream ("trailing garbage")
     */
    public static java.util.List<StreamInfo> inspectAll(InputStream in) throws IOException {
        java.io.PushbackInputStream src = new java.io.PushbackInputStream(in, 1);
        java.util.List<StreamInfo> streams = new java.util.ArrayList<>();
        long base = 0;
        while (true) {
            StreamInfo info;
            try {
                info = inspect(src);
            } catch (NzipFormatException e) {
                if (streams.isEmpty()) {
                    throw e;
                }
                throw new CorruptInputException("trailing garbage after the end of the compressed data", base);
            } catch (CorruptInputException e) {
                throw base > 0 ? e.shifted(base) : e;
            }
            streams.add(info);
            base += info.compressedSize();
            int c;
            while ((c = src.read()) == 0) {
                base++;
            }
            if (c < 0) {
                return streams;
            }
            src.unread(c);
        }
    }

    private static long skipFully(InputStream in, long n) throws IOException {
        long done = 0;
        byte[] scratch = null;
        while (done < n) {
            long s = in.skip(n - done);
            if (s <= 0) {
                if (scratch == null) {
                    scratch = new byte[8192];
                }
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (r < 0) {
                    break;
                }
                s = r;
            }
            done += s;
        }
        return done;
    }

    /**
     * A segment of a segmented stream: where its blocks are in the stream (from the stream's first
     * byte) and which original bytes they hold.
     *
     * @param compressedOffset offset of its first block in the stream
     * @param compressedLength bytes of its blocks
     * @param originalOffset   offset of its first byte in the original data
     * @param originalLength   bytes of original data it holds
     */
    public record Segment(long compressedOffset, long compressedLength, long originalOffset, long originalLength) {}

    /**
     * What {@link #inspect} found.
     *
     * @param formatVersion   container format version
     * @param preset          preset name, or "custom"
     * @param model           readable model description
     * @param blockSize       block size in bytes
     * @param blocks          number of blocks
     * @param storedBlocks    how many of them are stored (their coded form would not have been smaller)
     * @param originalSize    uncompressed size in bytes
     * @param compressedSize  size of the stream in bytes
     * @param crc32c          CRC32C of the uncompressed data, as stored
     * @param memoryNeeded    bytes of memory decoding needs (0 for an empty stream)
     * @param transform       the transform before the models: "none", "text" (its dictionary built
     *                        from the stream) or "text-english" (the dictionary shipped with nzip); in a
     *                        segmented stream the first segment's, but "text-english" is every segment's
     * @param dictionaryWords words of the text transform's dictionary (0 without one)
     * @param transformedBlocks how many blocks the models saw transformed
     * @param segmentSize     bytes of a segment (each coded with a fresh model), 0 if the stream is not segmented
     * @param segmentList     the segments, empty if the stream is not segmented
     */
    public record StreamInfo(int formatVersion, String preset, String model, int blockSize, int blocks,
                             int storedBlocks, long originalSize, long compressedSize, long crc32c, long memoryNeeded,
                             String transform, int dictionaryWords, int transformedBlocks, long segmentSize,
                             List<Segment> segmentList) {

        /** Number of segments (0 if the stream is not segmented; an empty segmented stream has none either). */
        public int segments() {
            return segmentList.size();
        }

        /** Compressed bits per uncompressed byte (0 for empty data). */
        public double bitsPerByte() {
            return originalSize == 0 ? 0 : compressedSize * 8.0 / originalSize;
        }
    }
}
