package org.nzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.format.Container;
import org.nzip.format.SegmentIndex;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformEncoder;
import org.nzip.transform.TransformMode;

/**
 * Compresses what is written to it into the nzip format. Memory use is bounded by the block size
 * (plus the model), whatever the input length. {@link #finish()} or {@link #close()} must be called
 * to write the end of the stream; a stream that is never finished is not a valid .nz file.
 *
 * <p>Nothing is written and no model is built until the first block is full or the stream is
 * finished; then the memory the model and buffers need is checked against
 * {@link NzipOptions#memoryLimit} and, if it is over, {@link MemoryLimitException} is thrown with
 * nothing written. A block whose coded form would not be shorter than itself is stored as it is
 * (the models still learn it), so incompressible data grows by a few bytes per block only.
 *
 * <p>An input that ends within the first block has a known length when coding starts, and is coded
 * with the model its length calls for ({@link Preset#forInputLength}: {@code cm}'s below the
 * preset's {@link Preset#networkMinInput()}); the header says which, so decoding needs nothing else.
 *
 * <p>With {@linkplain NzipOptions#segmentSize segments}, each segment is coded with a fresh model
 * and the stream ends with an index of them. Then up to {@link #segmentsAtOnce} segments are coded at
 * once on their own threads ({@link NzipOptions#threads} of them, fewer if their memory would not fit
 * the limit), each segment buffered whole; the bytes written are the same for every thread count.
 *
 * <p>{@link #flush()} flushes the underlying stream only: ending a block early would change the
 * output, so buffered input is coded when a block fills or at {@link #finish()}.
 */
public final class NzipOutputStream extends OutputStream {

    private final OutputStream out;
    private final NzipOptions options;
    private Container.Header header; // chosen at start(), when the first block's length is known
    private ModelConfig model;
    private long firstBlock; // its length chose the model
    private final int blockSize;
    private final int segmentBlocks; // 0: not segmented
    private final int parallel; // segments coded at once; 1: block by block, as they fill
    private SegmentEncoder segment; // the segment being coded block by block
    private int segmentBlocksDone;
    private long segmentCoded;
    private long segmentRaw;
    private final LongList codedLengths = new LongList();
    private final LongList rawLengths = new LongList();
    private final SegmentWorkers<CodedSegment> workers;
    private final CRC32C totalCrc = new CRC32C();
    private byte[] block;
    private int fill;
    private final int bufferSize; // a block, or a whole segment when segments are coded in parallel
    private final int readAhead; // parallel: segments handed to the threads and not yet written, at most
    private long totalIn;
    private long totalOut;
    private boolean started;
    private boolean finished;
    private boolean closed;
    private IOException failure;
    private final byte[] one = new byte[1];

    /** Writes a stream with the default options to {@code out}. */
    public NzipOutputStream(OutputStream out) throws IOException {
        this(out, new NzipOptions());
    }

    /** Writes a stream with the given options to {@code out}. */
    public NzipOutputStream(OutputStream out, NzipOptions options) throws IOException {
        this.out = out;
        this.options = options.copy();
        this.blockSize = this.options.blockSize();
        this.segmentBlocks = this.options.segmentBlocks();
        this.options.model().checkWork(); // the heaviest model the stream may use; a small input may get a lighter one
        this.parallel = segmentsAtOnce(this.options);
        this.workers = new SegmentWorkers<>(parallel);
        this.bufferSize = parallel > 1 ? (int) this.options.segmentSize() : blockSize;
        this.readAhead = parallel == 1 ? 1 : parallel + (extraSegmentFits(this.options, parallel) ? 1 : 0);
        this.block = new byte[Math.min(blockSize, 1 << 16)];
    }

    /**
     * Bytes of memory compressing needs for a first block of {@code firstBlock} bytes (at most the
     * block size): the model, the block and its coded form. A first block shorter than a block is the
     * whole input, and its length may choose a lighter model ({@link NzipOptions#modelBySize}).
     * Segments coded at once need this each, and their buffers ({@link #segmentsAtOnce}).
     *
     * @param options the compression options
     * @param firstBlock the length of the first block, or of the whole input when it is shorter
     * @return bytes of heap
     */
    public static long memoryNeeded(NzipOptions options, long firstBlock) {
        int n = (int) Math.max(1, Math.min(options.blockSize(), firstBlock));
        long transform = options.transform() == TransformMode.NONE ? 0 : TransformEncoder.memoryUsage(n);
        return BlockCoder.memoryUsage(modelFor(options, firstBlock), n) + n + transform; // the encoder's buffer may grow to twice the block
    }

    /**
     * How many segments a stream with these options codes at once: {@link NzipOptions#threads}, as
     * far as that many segments' models and buffers (the segment and its coded form each, and one more
     * segment filling) fit {@link NzipOptions#memoryLimit}; 1 without segments. A caller that asked
     * for more threads may say that the limit lowered them.
     *
     * @param options the compression options
     * @return 1 ..= threads
     */
    public static int segmentsAtOnce(NzipOptions options) {
        long segment = options.segmentSize();
        if (segment == 0 || options.threads() == 1) {
            return 1;
        }
        long each = memoryNeeded(options, options.blockSize()) + 2 * segment;
        long fit = (options.memoryLimit() - segment) / each;
        return (int) Math.max(1, Math.min(options.threads(), fit));
    }

    /** The most segments that were coded at once so far, each with its model (for tests of the memory bound). */
    int peakSegmentsCoding() {
        return workers.peakRunning();
    }

    /** The most segments handed to the threads and not yet written at once so far (for tests). */
    int peakSegmentsAhead() {
        return workers.peakPending();
    }

    /**
     * Whether one segment more than {@code parallel} (coded, waiting to be written while a thread codes
     * the next) fits the memory limit beside {@code parallel} segments and the one filling.
     */
    private static boolean extraSegmentFits(NzipOptions options, int parallel) {
        long segment = options.segmentSize();
        long each = memoryNeeded(options, options.blockSize()) + 2 * segment;
        return options.memoryLimit() - segment - parallel * each >= segment;
    }

    /** The model of a stream whose first block has {@code firstBlock} bytes (a test's custom model as it is). */
    private static ModelConfig modelFor(NzipOptions options, long firstBlock) {
        return options.presetCode() == 0 ? options.model() : options.modelFor(firstBlock);
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + b.length);
        }
        while (len > 0) {
            if (fill == block.length && block.length < bufferSize) {
                block = Arrays.copyOf(block, (int) Math.min(bufferSize, block.length * 2L));
            }
            int n = Math.min(len, block.length - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == bufferSize) {
                flushBuffer();
            }
        }
    }

    private void flushBuffer() throws IOException {
        try {
            if (parallel > 1) {
                submitSegment();
            } else {
                writeBlock();
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            failure = e instanceof IOException io ? io : new IOException("compression failed: " + e, e);
            release();
            throw failure;
        }
    }

    /** Checks the memory limit for the first block (before anything large is allocated) and chooses the model. */
    private void chooseModel() throws IOException {
        if (model != null) {
            return;
        }
        firstBlock = Math.min(fill, blockSize);
        long need = memoryNeeded(options, firstBlock);
        if (firstBlock > 0 && need > options.memoryLimit()) { // an empty stream builds no model
            throw new MemoryLimitException(need, options.memoryLimit());
        }
        model = modelFor(options, firstBlock);
    }

    /**
     * Writes the header: the model, and the first segment's transform. With segments and the shipped
     * dictionary the header names it whether or not the first segment is transformed, since every
     * later segment that is uses it.
     */
    private void start(boolean transformed, int words) throws IOException {
        if (started) {
            return;
        }
        chooseModel();
        int presetCode = options.presetCode() == 0 ? 0 : options.presetFor(firstBlock).code();
        TextDictionary dictionary = options.dictionary();
        boolean shipped = dictionary != TextDictionary.FILE
                && (transformed || (segmentBlocks > 0 && firstBlock > 0 && options.transform() != TransformMode.NONE));
        int headerTransform = shipped ? Container.TRANSFORM_TEXT_SHIPPED
                : transformed ? Container.TRANSFORM_TEXT : Container.TRANSFORM_NONE;
        header = new Container.Header(model.kind(), presetCode, blockSize, model.params(), headerTransform,
                headerTransform == Container.TRANSFORM_TEXT ? words : 0, shipped ? dictionary.id() : 0, segmentBlocks);
        Container.writeHeader(out, header);
        totalOut = header.size();
        started = true;
    }

    /** Codes the buffered block into the current segment, as it fills (one segment at a time). */
    private void writeBlock() throws IOException {
        chooseModel();
        if (segment == null) {
            segment = new SegmentEncoder(model, options.transform(), options.dictionary(), options.threads(), options.backend(),
                    blockSize, codedLengths.size() > 0);
        }
        segment.prepare(block, fill); // the first block decides the header's transform
        start(segment.transformed(), segment.dictionaryWords());
        ProgressListener listener = options.progressListener();
        long inBefore = totalIn;
        long outBefore = totalOut;
        long raw = fill;
        int length = segment.modelLength();
        BlockCoder.Progress progress = listener == null ? BlockCoder.Progress.NONE
                : (symbols, coded) -> listener.progress(inBefore + symbols * raw / length, outBefore + coded);
        long written = segment.write(out, progress);
        totalCrc.update(block, 0, fill);
        totalIn += fill;
        totalOut += written;
        segmentCoded += written;
        segmentRaw += fill;
        fill = 0;
        if (++segmentBlocksDone == segmentBlocks) {
            endSegment();
        }
    }

    private void endSegment() {
        if (segment != null) {
            segment.close();
            segment = null;
        }
        codedLengths.add(segmentCoded);
        rawLengths.add(segmentRaw);
        segmentCoded = segmentRaw = segmentBlocksDone = 0;
    }

    /** A segment coded on its own thread: its blocks' records, and its first block's transform. */
    private record CodedSegment(byte[] bytes, int rawLength, boolean transformed, int words) {}

    /** Hands the buffered segment to a thread; writes out the oldest one when {@link #parallel} are under way. */
    private void submitSegment() throws IOException {
        chooseModel();
        byte[] data = block;
        int n = fill;
        boolean later = totalIn > 0;
        totalCrc.update(data, 0, n);
        totalIn += n;
        ModelConfig m = model;
        int threadsEach = Math.max(1, options.threads() / parallel);
        workers.submit(() -> {
            try (SegmentEncoder enc = new SegmentEncoder(m, options.transform(), options.dictionary(), threadsEach, options.backend(), blockSize, later)) {
                ByteArrayOutputStream coded = new ByteArrayOutputStream(n / 3 + 64);
                enc.writeSegment(data, n, coded);
                return new CodedSegment(coded.toByteArray(), n, enc.transformed(), enc.dictionaryWords());
            }
        });
        block = new byte[Math.min(bufferSize, 1 << 16)];
        fill = 0;
        // Back to the caller for the next segment's input as soon as a thread is free, so that a thread
        // that ends its segment before the oldest one does not wait for it; segments are written in order.
        for (;;) {
            while (workers.oldestDone()) {
                writeOldest();
            }
            if (workers.pending() >= readAhead) {
                writeOldest(); // waits for the oldest
            } else if (workers.running() < parallel) {
                return;
            } else {
                workers.awaitOldestOrFreeThread(parallel);
            }
        }
    }

    /** Waits for the oldest segment under way and writes it (after the header, for the first). */
    private void writeOldest() throws IOException {
        CodedSegment c = workers.takeOldest();
        start(c.transformed(), c.words());
        out.write(c.bytes());
        totalOut += c.bytes().length;
        codedLengths.add(c.bytes().length);
        rawLengths.add(c.rawLength());
        ProgressListener listener = options.progressListener();
        if (listener != null) {
            listener.progress(rawLengths.sum(), totalOut);
        }
    }

    private void release() {
        if (segment != null) {
            segment.close();
            segment = null;
        }
        workers.close();
    }

    /** Flushes the underlying stream; does not end the current block. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Codes the buffered input and writes the end of the stream, leaving the underlying stream open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        ensureUsable();
        if (fill > 0) {
            flushBuffer();
        }
        try {
            while (workers.pending() > 0) {
                writeOldest();
            }
            start(false, 0);
            if (segment != null) {
                endSegment();
            }
            Container.End end = new Container.End(totalIn, (int) totalCrc.getValue());
            Container.writeEnd(out, end);
            totalOut += end.size();
            if (segmentBlocks > 0) {
                SegmentIndex index = SegmentIndex.of(header.size(), codedLengths.toArray(), rawLengths.toArray());
                index.write(out);
                totalOut += index.size();
            }
            out.flush();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            failure = e instanceof IOException io ? io : new IOException("compression failed: " + e, e);
            throw failure;
        } finally {
            release();
        }
        finished = true;
    }

    /** Uncompressed bytes coded so far. */
    public long uncompressedBytes() {
        return totalIn;
    }

    /** Compressed bytes written so far. */
    public long compressedBytes() {
        return totalOut;
    }

    /** Finishes the stream (unless an earlier write failed) and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                finish();
            }
        } finally {
            closed = true;
            release();
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        ensureUsable();
        if (finished) {
            throw new IOException("stream already finished");
        }
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure != null) {
            throw new IOException("stream unusable after an earlier failure", failure);
        }
    }
}
