package org.nzip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.format.Container;
import org.nzip.format.FormatException;
import org.nzip.format.SegmentIndex;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformDecoder;

/**
 * Decompresses an nzip stream. Each block is decoded whole and checked against its CRC32C before any
 * of its bytes are returned, so a reader never sees damaged data; the end record's length and CRC of
 * the whole stream are checked before end-of-file is reported.
 *
 * <p>What is thrown when:
 * <ul>
 *   <li>{@link NzipFormatException} (from the constructor): the input is not nzip data at all;</li>
 *   <li>{@link UnsupportedFormatException}: the stream needs a newer nzip (version, flags, model kind
 *       or parameter), or a model larger than this build accepts;</li>
 *   <li>{@link MemoryLimitException}: the stream needs more memory than {@link NzipOptions#memoryLimit}
 *       (by default, what the JVM can give) — computed from the header and the first block's length
 *       at the first read, before the model is allocated (then the work per byte is checked);</li>
 *   <li>{@link CorruptInputException}: the data is damaged or truncated.</li>
 * </ul>
 * Any failure is final: every later call throws the same exception, and the model is released.
 * The model (and its worker thread) is also released as soon as the end of the stream is read.
 *
 * <p>The stream reads exactly up to the end of the nzip data and no further, so the underlying
 * stream is left positioned after it.
 *
 * <p>A segmented stream (see {@link NzipOptions#segmentSize}) is decoded up to
 * {@link #segmentsAtOnce()} segments at once, each on its own thread with its own model, read ahead
 * and buffered whole; its bytes are still handed out in order, and an error in a segment is thrown
 * when the reader reaches it. Its index is checked against the segments read. From a file,
 * {@link #openAt} starts decoding at the segment that holds a given offset.
 */
public final class NzipInputStream extends InputStream {

    private final InputStream in;
    private final Container.Header header;
    private final ModelConfig model;
    private final int threads;
    private final String backend;
    private final TextDictionary shipped; // the header's shipped dictionary (every segment's), or null
    private final long memoryLimit;
    private final CRC32C totalCrc = new CRC32C();
    private final ProgressListener listener;
    private final int parallel; // segments decoded at once; 1: block by block from the input
    private final int readAhead; // parallel: segments started and not yet handed out, at most
    private SegmentDecoder segment; // the segment being decoded block by block
    private final SegmentWorkers<DecodedSegment> workers;
    private boolean inputDone; // parallel: every block header has been read, and the end record
    private Exception afterSegment; // parallel: damage found after the segment being handed out, thrown next
    private Container.End endRecord;
    private long endStart;
    private final LongList codedLengths = new LongList();
    private final LongList rawLengths = new LongList();
    private long segmentCoded;
    private long segmentRaw;
    private int segmentBlock; // blocks of the current segment read
    private boolean partial; // opened at a later segment: the whole stream's CRC cannot be checked
    private byte[] out = new byte[0]; // the bytes being handed out: a block's or a segment's
    private int rawLength;
    private int rawPos;
    private long position; // bytes of compressed input consumed
    private long totalOut;
    private int blockIndex;
    private int previousLength; // of the last block read: only the last block may be short
    private boolean ended;
    private boolean closed;
    private NzipException failure;
    private final byte[] one = new byte[1];

    /** Reads the header from {@code in} and prepares to decode, with the default options. */
    public NzipInputStream(InputStream in) throws IOException {
        this(in, new NzipOptions());
    }

    /**
     * As {@link #NzipInputStream(InputStream)}, with the memory limit, thread count, backend and
     * progress listener of {@code options}; the model itself always comes from the stream's header.
     */
    public NzipInputStream(InputStream in, NzipOptions options) throws IOException {
        this(in, readHeader(in), options);
    }

    private NzipInputStream(InputStream in, Container.Header header, NzipOptions options) throws IOException {
        this.in = in;
        this.header = header;
        this.listener = options.progressListener();
        this.threads = options.threads();
        this.backend = options.backend();
        this.memoryLimit = options.memoryLimit();
        try {
            this.model = ModelConfig.read(header.kind(), header.params(), header.paramsOffset());
            this.shipped = header.transform() == Container.TRANSFORM_TEXT_SHIPPED ? shippedDictionary(header) : null;
        } catch (FormatException e) {
            throw translate(e);
        }
        position = header.size();
        previousLength = header.blockSize();
        parallel = segmentsAtOnce(header, memoryNeeded(header.blockSize()), threads, memoryLimit);
        readAhead = parallel == 1 ? 1 : parallel + (extraSegmentFits(header, memoryNeeded(header.blockSize()), parallel, memoryLimit) ? 1 : 0);
        workers = new SegmentWorkers<>(parallel);
    }

    private static Container.Header readHeader(InputStream in) throws IOException {
        try {
            return Container.readHeader(in);
        } catch (FormatException e) {
            throw translate(e);
        }
    }

    /** The decoder of the header's transform, null for none; a shipped dictionary this nzip lacks is unsupported. */
    static TransformDecoder transformDecoder(Container.Header header) throws FormatException {
        return switch (header.transform()) {
            case Container.TRANSFORM_TEXT -> new TransformDecoder(header.dictionaryWords());
            case Container.TRANSFORM_TEXT_SHIPPED -> new TransformDecoder(shippedDictionary(header));
            default -> null;
        };
    }

    private static TextDictionary shippedDictionary(Container.Header header) throws FormatException {
        TextDictionary d = TextDictionary.ofId(header.dictionaryId());
        if (d == null) {
            throw FormatException.unsupported("the stream's text transform needs shipped dictionary " + header.dictionaryId()
                    + ", which this nzip does not have", header.paramsOffset() + header.params().length);
        }
        return d;
    }

    /** Name of a header's transform: "none", "text" (its dictionary built from the stream) or "text-" and a shipped dictionary's name. */
    static String transformName(Container.Header header) throws FormatException {
        return switch (header.transform()) {
            case Container.TRANSFORM_TEXT -> "text";
            case Container.TRANSFORM_TEXT_SHIPPED -> "text-" + shippedDictionary(header).label();
            default -> "none";
        };
    }

    /** As {@link #NzipInputStream(InputStream)}, refusing a stream that needs more than {@code memoryLimit} bytes. */
    public NzipInputStream(InputStream in, long memoryLimit) throws IOException {
        this(in, new NzipOptions().memoryLimit(memoryLimit));
    }

    /**
     * Opens the segmented stream that fills {@code file} (from position 0 to its end) at the segment
     * that holds original byte {@code offset}, and skips to that byte: reading then returns the data
     * from {@code offset} to the end, decoding only the segments from there on. The index at the end
     * of the file says where the segments are, the header at the start how to decode them. Every
     * block read is checked as usual, and the index against the segments read; the checksum of the
     * whole data is not (it needs the segments before {@code offset}). Decoding from the start of an
     * unsegmented stream needs no index: use the constructor.
     *
     * @param file a file (or any seekable channel) holding one segmented stream; read from its position on
     * @param offset 0 ..= the data's length
     * @param options as for {@link #NzipInputStream(InputStream, NzipOptions)}
     * @return a stream whose next byte is original byte {@code offset}
     * @throws NzipFormatException if the file does not end with a segment index (not a segmented stream)
     * @throws CorruptInputException if the index, or the header it points to, is damaged
     * @throws IllegalArgumentException if {@code offset} is outside the data
     */
    public static NzipInputStream openAt(SeekableByteChannel file, long offset, NzipOptions options) throws IOException {
        SegmentIndex index;
        try {
            index = SegmentIndex.readFromEnd(file, file.size());
        } catch (FormatException e) {
            throw translate(e);
        }
        if (offset < 0 || offset > index.rawLength()) {
            throw new IllegalArgumentException("offset " + offset + " outside the data's " + index.rawLength() + " bytes");
        }
        file.position(0);
        Container.Header header = readHeader(Channels.newInputStream(file));
        if (!header.segmented() || header.size() != index.headerLength()) {
            throw new CorruptInputException("the segment index does not match the stream's header", 0);
        }
        List<SegmentIndex.Segment> segments = index.segments();
        long full = (long) header.segmentBlocks() * header.blockSize();
        for (int k = 0; k < segments.size(); k++) {
            long raw = segments.get(k).rawLength();
            if (k < segments.size() - 1 ? raw != full : raw > full) {
                throw new CorruptInputException("the segment index does not match the stream's header (segment " + k + ")",
                        file.size() - SegmentIndex.TRAILER);
            }
        }
        int k = offset == index.rawLength() ? segments.size() : index.segmentAt(offset);
        long start = k < segments.size() ? segments.get(k).codedOffset() : index.blocksEnd();
        long rawStart = k < segments.size() ? segments.get(k).rawOffset() : index.rawLength();
        file.position(start);
        NzipInputStream s = new NzipInputStream(new java.io.BufferedInputStream(Channels.newInputStream(file), 1 << 16), header, options);
        s.position = start;
        s.blockIndex = k * header.segmentBlocks();
        s.totalOut = rawStart;
        s.partial = k > 0;
        for (int i = 0; i < k; i++) { // the segments skipped, as the index says, for the index check at the end
            s.codedLengths.add(segments.get(i).codedLength());
            s.rawLengths.add(segments.get(i).rawLength());
        }
        s.skipNBytes(offset - rawStart);
        return s;
    }

    /** Name of the preset the stream was written with, or "custom". */
    public String presetName() {
        Preset p = Preset.ofCode(header.preset());
        return p == null ? "custom" : p.label();
    }

    /**
     * Bytes of memory decoding this stream needs if its first block is a full one (a stream of
     * one shorter block needs less); what {@link MemoryLimitException} compares with the limit.
     * With segments decoded at once, each needs this and the buffers of its segment.
     */
    public long memoryNeeded() {
        return memoryNeeded(header.blockSize());
    }

    private long memoryNeeded(int firstBlock) {
        return BlockCoder.memoryUsage(model, firstBlock)
                + (header.transform() != Container.TRANSFORM_NONE || header.segmented() ? TransformDecoder.memoryUsage(firstBlock) : 0);
    }

    /** Whether the stream is cut into segments (and ends with an index). */
    public boolean segmented() {
        return header.segmented();
    }

    /** How many segments are decoded at once: 1 for a stream without segments (see {@link NzipOutputStream#segmentsAtOnce}). */
    public int segmentsAtOnce() {
        return parallel;
    }

    /**
     * Bytes of memory each segment decoded at once needs: {@link #memoryNeeded()} and, in a segmented
     * stream, its coded and decoded bytes (read ahead and handed out whole).
     */
    public long memoryPerSegment() {
        return memoryPerSegment(header, memoryNeeded());
    }

    private static long memoryPerSegment(Container.Header header, long modelNeed) {
        return modelNeed + (header.segmented() ? 2L * header.segmentBlocks() * header.blockSize() : 0);
    }

    private static int segmentsAtOnce(Container.Header header, long modelNeed, int threads, long limit) {
        // A segment is buffered whole only when it fits an array, as a writer's segments do.
        if (!header.segmented() || threads == 1 || (long) header.segmentBlocks() * header.blockSize() > NzipOptions.MAX_SEGMENT) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads, limit / memoryPerSegment(header, modelNeed)));
    }

    /** The most segments that were decoded at once so far, each with its model (for tests of the memory bound). */
    int peakSegmentsDecoding() {
        return workers.peakRunning();
    }

    /** The most segments started and not yet handed out at once so far: decoding, or decoded and waiting (for tests). */
    int peakSegmentsAhead() {
        return workers.peakPending();
    }

    /** Whether the buffers of one more segment than {@code parallel} (read ahead, decoded, waiting) fit the limit beside them. */
    private static boolean extraSegmentFits(Container.Header header, long modelNeed, int parallel, long limit) {
        long buffers = 2L * header.segmentBlocks() * header.blockSize();
        return limit / memoryPerSegment(header, modelNeed) >= parallel
                && limit - parallel * memoryPerSegment(header, modelNeed) >= buffers;
    }

    /**
     * Name of the stream's transform: "none", "text" (its dictionary built from the stream) or
     * "text-english" (the shipped one); in a segmented stream, the first segment's, except that a
     * shipped dictionary is every segment's.
     */
    public String transformName() {
        try {
            return transformName(header);
        } catch (FormatException e) {
            throw new IllegalStateException(e); // the constructor checked the dictionary
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (NzipInputStream.nothingToRead(b, off, len, closed, failure)) {
            return 0;
        }
        while (rawPos == rawLength) {
            if (ended) {
                return -1;
            }
            try {
                if (parallel > 1) {
                    nextSegment();
                } else {
                    nextBlock();
                }
            } catch (FormatException e) {
                throw fail(translate(e));
            } catch (NzipException e) {
                throw fail(e);
            } catch (IOException e) {
                throw fail(new NzipException("reading the compressed input failed: " + e.getMessage(), e));
            } catch (OutOfMemoryError e) {
                throw fail(new NzipException("out of memory while decoding (the stream needs about "
                        + (memoryNeeded() >> 20) + " MiB; raise -Xmx)", e));
            } catch (RuntimeException e) {
                throw fail(new NzipException("internal error while decoding block " + blockIndex + ": " + e, e));
            }
        }
        int n = Math.min(len, rawLength - rawPos);
        System.arraycopy(out, rawPos, b, off, n);
        rawPos += n;
        return n;
    }

    /**
     * The checks every {@code read(b, off, len)} of nzip's readers starts with: the range, then a
     * closed or failed stream (the failure is rethrown); true when {@code len} is 0.
     */
    static boolean nothingToRead(byte[] b, int off, int len, boolean closed, IOException failure) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure != null) {
            throw failure;
        }
        return len == 0;
    }

    /** Makes {@code e} this stream's final state and releases the model. */
    private NzipException fail(NzipException e) {
        failure = e;
        release();
        out = new byte[0];
        rawPos = rawLength = 0;
        return e;
    }

    private void release() {
        if (segment != null) {
            segment.close();
            segment = null;
        }
        workers.close();
    }

    @Override
    public int available() {
        return rawLength - rawPos;
    }

    /** The segment of the next block: its number, and whether it starts with that block. */
    private int segmentNumber() {
        return header.segmented() ? blockIndex / header.segmentBlocks() : 0;
    }

    private String segmentPrefix(int k) {
        return header.segmented() ? "segment " + k + ", " : "";
    }

    /** A decoder for segment {@code k}, after checking that its first block of {@code firstBlock} bytes fits the memory limit. */
    private SegmentDecoder newSegment(int k, int firstBlock, int threadsEach) throws IOException {
        long need = memoryNeeded(firstBlock);
        if (need > memoryLimit) {
            throw new MemoryLimitException(need, memoryLimit);
        }
        try {
            model.checkWork();
        } catch (IllegalArgumentException e) {
            throw FormatException.unsupported("model kind " + model.kind() + ": " + e.getMessage(), header.paramsOffset());
        }
        return new SegmentDecoder(model, threadsEach, backend, header, shipped, k > 0, segmentPrefix(k));
    }

    /**
     * Reads the next block header, or the end record into {@link #endRecord} (returning null), and
     * checks what the header alone shows.
     */
    private Container.BlockHeader readBlockHeader(InputStream from) throws IOException {
        long blockStart = position;
        // The first block of a later segment defines its words, unless the header names a shipped dictionary.
        boolean laterStart = header.segmented() && blockIndex > 0 && blockIndex % header.segmentBlocks() == 0 && shipped == null;
        Container.End[] end = new Container.End[1];
        Container.BlockHeader h = Container.readBlockOrEnd(from, header.blockSize(), laterStart, blockStart, end);
        if (h == null) {
            endStart = blockStart;
            endRecord = end[0];
            position += end[0].size();
            return null;
        }
        if (blockIndex > 0 && previousLength < header.blockSize()) {
            throw FormatException.corrupt(segmentPrefix(segmentNumber()) + "block " + blockIndex
                    + " follows a short block (only the last block may be short)", blockStart);
        }
        previousLength = h.rawLength();
        position += h.size();
        return h;
    }

    private void nextBlock() throws IOException {
        long blockStart = position;
        Container.BlockHeader h = readBlockHeader(in);
        if (h == null) {
            endSegment();
            endOfStream();
            return;
        }
        if (segment == null) { // the first block of a segment: its length sizes the tables, no later block is longer
            segment = newSegment(segmentNumber(), h.rawLength(), threads);
        }
        segment.checkHeader(h, blockStart);
        segment.decode(h, in, position, progress(h.modelLength(), position, h.codedLength()));
        position += h.codedLength();
        int n = h.rawLength();
        out = segment.raw();
        totalCrc.update(out, 0, n);
        totalOut += n;
        rawLength = n;
        rawPos = 0;
        blockIndex++;
        segmentCoded += position - blockStart;
        segmentRaw += n;
        if (header.segmented() && ++segmentBlock == header.segmentBlocks()) {
            endSegment();
        }
    }

    /** Records the segment read (if any) for the index check and releases its model. */
    private void endSegment() {
        if (segment != null) {
            segment.close();
            segment = null;
        }
        if (segmentRaw > 0) {
            codedLengths.add(segmentCoded);
            rawLengths.add(segmentRaw);
        }
        segmentCoded = segmentRaw = segmentBlock = 0;
    }

    /** After the end record: the stream's length and CRC, and a segmented stream's index. */
    private void endOfStream() throws IOException {
        if (endRecord.originalLength() != totalOut) {
            throw FormatException.corrupt("end record says " + endRecord.originalLength()
                    + " bytes but the blocks hold " + totalOut, endStart + 1);
        }
        if (!partial && endRecord.crc() != (int) totalCrc.getValue()) {
            throw FormatException.corrupt("checksum of the whole stream does not match", position - 4);
        }
        if (header.segmented()) {
            SegmentIndex expected = SegmentIndex.of(header.size(), codedLengths.toArray(), rawLengths.toArray());
            SegmentIndex.readAndCheck(in, expected, position);
            position += expected.size();
        }
        ended = true;
        rawPos = rawLength = 0;
        release();
    }

    /**
     * A segment decoded on its own thread; {@code failure}: what reading the segment's next block
     * found (damage after these blocks), thrown once they are handed out, or null.
     */
    private record DecodedSegment(byte[] bytes, int length, Exception failure) {}

    /**
     * The blocks of a segment as read ahead: their headers, where each starts, and their payloads one
     * after another; {@code failure}: what reading its next block threw, or null. Its blocks decode
     * before that failure is thrown, so the reader fails on the first damage in stream order, as it
     * does block by block.
     */
    private record ReadSegment(int number, SegmentDecoder decoder, List<Container.BlockHeader> headers, List<Long> starts,
                               byte[] payloads, long coded, Exception failure) {}

    /**
     * Parallel: hands out the next decoded segment. Up to {@link #parallel} segments are decoded at
     * once; when one ends before the oldest (whose bytes come next), the next segment is read and
     * started at once on the free thread, so that no thread waits for the reader: one segment more
     * ({@link #readAhead}) may then wait decoded, its model already released.
     */
    private void nextSegment() throws IOException {
        if (afterSegment != null) { // damage after the blocks just handed out
            switch (afterSegment) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                default -> throw new IOException(afterSegment);
            }
        }
        for (;;) {
            while (!inputDone && workers.running() < parallel && workers.pending() < readAhead) {
                try {
                    ReadSegment r = readSegment();
                    if (r == null) {
                        inputDone = true;
                        break;
                    }
                    codedLengths.add(r.coded());
                    workers.submit(() -> decodeSegment(r.decoder(), r));
                } catch (IOException | RuntimeException e) {
                    inputDone = true; // thrown when the reader gets there, after the segments before it
                    workers.fail(e);
                }
            }
            if (inputDone || workers.pending() >= readAhead) {
                break; // nothing more to start before the oldest is taken
            }
            workers.awaitOldestOrFreeThread(parallel); // the oldest is done, or a thread is free for the next segment
            if (workers.running() >= parallel) {
                break; // the oldest is done
            }
        }
        if (workers.pending() == 0) {
            endOfStream();
            return;
        }
        DecodedSegment d = workers.takeOldest();
        afterSegment = d.failure();
        out = d.bytes();
        rawLength = d.length();
        rawPos = 0;
        totalCrc.update(out, 0, rawLength);
        totalOut += rawLength;
        rawLengths.add(rawLength);
        if (listener != null) {
            listener.progress(totalOut, position);
        }
    }

    /**
     * Reads the next segment's blocks (without decoding them), or the end record (null). Its decoder is
     * made at its first block header, which checks the memory limit as the reader block by block does.
     */
    private ReadSegment readSegment() throws IOException {
        SegmentDecoder decoder = null;
        int number = segmentNumber();
        List<Container.BlockHeader> headers = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        ByteArrayOutputStream payloads = new ByteArrayOutputStream();
        long first = position;
        long last = position; // after the last block's payload
        byte[] buf = new byte[0];
        Exception failure = null;
        while (headers.size() < header.segmentBlocks()) {
            long blockStart = position;
            Container.BlockHeader h;
            try {
                h = readBlockHeader(in);
                if (h != null && headers.isEmpty()) {
                    decoder = newSegment(number, h.rawLength(), Math.max(1, threads / parallel));
                }
                if (h != null) {
                    buf = SegmentDecoder.readPayload(in, buf, h.codedLength(), segmentPrefix(number) + "block " + headers.size(), position);
                }
            } catch (IOException | RuntimeException e) {
                if (headers.isEmpty()) {
                    throw e; // thrown after the segments before
                }
                failure = e; // thrown after this segment's blocks before it, which may fail first
                inputDone = true;
                break;
            }
            if (h == null) {
                inputDone = true;
                break;
            }
            payloads.write(buf, 0, h.codedLength());
            position += h.codedLength();
            last = position;
            headers.add(h);
            starts.add(blockStart);
            blockIndex++;
        }
        return headers.isEmpty() ? null : new ReadSegment(number, decoder, headers, starts, payloads.toByteArray(), last - first, failure);
    }

    /** Decodes a segment read ahead, on a worker thread. */
    private static DecodedSegment decodeSegment(SegmentDecoder dec, ReadSegment r) throws IOException {
        try (dec) {
            long raw = 0;
            for (Container.BlockHeader h : r.headers()) {
                raw += h.rawLength();
            }
            byte[] bytes = new byte[(int) raw];
            ByteArrayInputStream payloads = new ByteArrayInputStream(r.payloads());
            int at = 0;
            for (int i = 0; i < r.headers().size(); i++) {
                Container.BlockHeader h = r.headers().get(i);
                long start = r.starts().get(i);
                dec.checkHeader(h, start);
                dec.decode(h, payloads, start + h.size(), BlockCoder.Progress.NONE);
                System.arraycopy(dec.raw(), 0, bytes, at, h.rawLength());
                at += h.rawLength();
            }
            return new DecodedSegment(bytes, at, r.failure());
        }
    }

    private BlockCoder.Progress progress(int n, long payloadStart, int payloadLength) {
        if (listener == null) {
            return BlockCoder.Progress.NONE;
        }
        long doneBefore = totalOut;
        return (symbols, c) -> listener.progress(doneBefore + symbols, payloadStart + (long) payloadLength * symbols / n);
    }

    static NzipException translate(FormatException e) {
        return switch (e.problem()) {
            case NOT_NZIP -> new NzipFormatException(e.getMessage());
            case UNSUPPORTED -> new UnsupportedFormatException(e.getMessage());
            case CORRUPT -> new CorruptInputException(e.getMessage(), e.offset());
        };
    }

    /** Closes this stream and the underlying one, releasing the model. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            release();
            in.close();
        }
    }
}
