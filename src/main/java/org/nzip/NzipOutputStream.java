package org.nzip;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.coder.RangeEncoder;
import org.nzip.format.Container;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformEncoder;

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
 * <p>{@link #flush()} flushes the underlying stream only: ending a block early would change the
 * output, so buffered input is coded when a block fills or at {@link #finish()}.
 */
public final class NzipOutputStream extends OutputStream {

    private final OutputStream out;
    private final NzipOptions options;
    private Container.Header header; // chosen at start(), when the first block's length is known
    private ModelConfig model;
    private final TransformEncoder transform;
    private BlockCoder coder;
    private RangeEncoder encoder;
    private final CRC32C totalCrc = new CRC32C();
    private final int blockSize;
    private byte[] block;
    private int fill;
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
        this.options.model().checkWork(); // the heaviest model the stream may use; a small input may get a lighter one
        this.transform = new TransformEncoder(this.options.transform(), this.options.dictionary());
        this.block = new byte[Math.min(blockSize, 1 << 16)];
    }

    /**
     * Bytes of memory compressing needs for a first block of {@code firstBlock} bytes (at most the
     * block size): the model, the block and its coded form. A first block shorter than a block is the
     * whole input, and its length may choose a lighter model ({@link NzipOptions#modelBySize}).
     *
     * @param options the compression options
     * @param firstBlock the length of the first block, or of the whole input when it is shorter
     * @return bytes of heap
     */
    public static long memoryNeeded(NzipOptions options, long firstBlock) {
        int n = (int) Math.max(1, Math.min(options.blockSize(), firstBlock));
        long transform = options.transform() == org.nzip.transform.TransformMode.NONE ? 0 : TransformEncoder.memoryUsage(n);
        return BlockCoder.memoryUsage(modelFor(options, firstBlock), n) + n + transform; // the encoder's buffer may grow to twice the block
    }

    /** The model of a stream whose first block has {@code firstBlock} bytes (a test's custom model as it is). */
    private static ModelConfig modelFor(NzipOptions options, long firstBlock) {
        return options.presetCode() == 0 ? options.model() : options.presetFor(firstBlock).model();
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
            if (fill == block.length && block.length < blockSize) {
                block = Arrays.copyOf(block, Math.min(blockSize, block.length * 2));
            }
            int n = Math.min(len, block.length - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == blockSize) {
                writeBlock();
            }
        }
    }

    /** Checks the memory limit, writes the header and builds the model, at the first block or the end. */
    private void start() throws IOException {
        if (started) {
            return;
        }
        long need = memoryNeeded(options, fill);
        if (fill > 0 && need > options.memoryLimit()) { // an empty stream builds no model
            throw new MemoryLimitException(need, options.memoryLimit());
        }
        model = modelFor(options, fill);
        int presetCode = options.presetCode() == 0 ? 0 : options.presetFor(fill).code();
        TextDictionary dictionary = transform.dictionary();
        int headerTransform = dictionary == null ? Container.TRANSFORM_NONE
                : dictionary == TextDictionary.FILE ? Container.TRANSFORM_TEXT : Container.TRANSFORM_TEXT_SHIPPED;
        header = new Container.Header(model.kind(), presetCode, blockSize, model.params(), headerTransform,
                transform.dictionaryWords(), dictionary == null ? 0 : dictionary.id());
        Container.writeHeader(out, header);
        totalOut = header.size();
        started = true;
    }

    private void writeBlock() throws IOException {
        try {
            if (!started) {
                long need = memoryNeeded(options, fill);
                if (need > options.memoryLimit()) { // before the transform's first pass allocates
                    throw new MemoryLimitException(need, options.memoryLimit());
                }
            }
            int m = transform.apply(block, fill); // the first block decides the header's transform
            start();
            byte[] modelBytes = m < 0 ? block : transform.output();
            int length = m < 0 ? fill : m;
            if (coder == null) {
                coder = new BlockCoder(model, options.threads(), options.backend());
                encoder = new RangeEncoder(Math.min(blockSize, 1 << 16));
            }
            ProgressListener listener = options.progressListener();
            long inBefore = totalIn;
            long outBefore = totalOut;
            long raw = fill;
            BlockCoder.Progress progress = listener == null ? BlockCoder.Progress.NONE
                    : (symbols, coded) -> listener.progress(inBefore + symbols * raw / length, outBefore + coded);
            boolean coded = coder.encode(modelBytes, length, encoder, progress);
            int crc = Container.crc(block, 0, fill);
            totalCrc.update(block, 0, fill);
            Container.BlockHeader h;
            if (coded) {
                int codedCrc = Container.crc(encoder.buffer(), 0, encoder.size());
                h = m < 0 ? Container.BlockHeader.coded(fill, encoder.size(), crc, codedCrc)
                        : Container.BlockHeader.codedTransformed(fill, m, encoder.size(), crc, codedCrc);
                Container.writeBlockHeader(out, h);
                out.write(encoder.buffer(), 0, encoder.size());
            } else { // the bytes the models learned, as they learned them
                h = m < 0 ? Container.BlockHeader.stored(fill, crc) : Container.BlockHeader.storedTransformed(fill, m, crc);
                Container.writeBlockHeader(out, h);
                out.write(modelBytes, 0, length);
            }
            totalIn += fill;
            totalOut += h.size() + h.codedLength();
            fill = 0;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            failure = e instanceof IOException io ? io : new IOException("compression failed: " + e, e);
            release();
            throw failure;
        }
    }

    private void release() {
        if (coder != null) {
            coder.close();
            coder = null;
        }
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
            writeBlock();
        }
        try {
            start();
            Container.End end = new Container.End(totalIn, (int) totalCrc.getValue());
            Container.writeEnd(out, end);
            totalOut += end.size();
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw e;
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
