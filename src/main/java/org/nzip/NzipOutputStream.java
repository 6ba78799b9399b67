package org.nzip;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.nzip.codec.BlockCoder;
import org.nzip.coder.RangeEncoder;
import org.nzip.format.Container;
import org.nzip.format.FormatException;

/**
 * Compresses what is written to it into the nzip format. Memory use is bounded by the block size
 * (plus the model), whatever the input length. {@link #finish()} or {@link #close()} must be called
 * to write the end of the stream; a stream that is never finished is not a valid .nz file.
 *
 * <p>{@link #flush()} flushes the underlying stream only: ending a block early would change the
 * output, so buffered input is coded when a block fills or at {@link #finish()}.
 */
public final class NzipOutputStream extends OutputStream {

    private final OutputStream out;
    private final NzipOptions options;
    private final BlockCoder coder;
    private final RangeEncoder encoder;
    private final CRC32C totalCrc = new CRC32C();
    private final int blockSize;
    private byte[] block;
    private int fill;
    private long totalIn;
    private long totalOut;
    private boolean finished;
    private boolean closed;
    private IOException failure;
    private final byte[] one = new byte[1];

    /** Writes a stream with the default options to {@code out}. */
    public NzipOutputStream(OutputStream out) throws IOException {
        this(out, new NzipOptions());
    }

    /** Writes a stream with the given options to {@code out}; the header is written at once. */
    public NzipOutputStream(OutputStream out, NzipOptions options) throws IOException {
        this.out = out;
        this.options = options.copy();
        this.blockSize = this.options.blockSize();
        Container.Header header = new Container.Header(this.options.model(), blockSize);
        try {
            this.coder = new BlockCoder(header.model(), this.options.threads(), this.options.backend());
        } catch (FormatException e) {
            throw new IllegalStateException("preset " + this.options.preset() + " is not codable", e);
        }
        this.encoder = new RangeEncoder(Math.min(blockSize, 1 << 16));
        this.block = new byte[Math.min(blockSize, 1 << 16)];
        Container.writeHeader(out, header);
        totalOut = header.size();
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

    private void writeBlock() throws IOException {
        try {
            ProgressListener listener = options.progressListener();
            long inBefore = totalIn;
            long outBefore = totalOut + Container.BLOCK_HEADER_BYTES;
            BlockCoder.Progress progress = listener == null ? BlockCoder.Progress.NONE
                    : (symbols, coded) -> listener.progress(inBefore + symbols, outBefore + coded);
            coder.encode(block, fill, encoder, progress);
            int crc = Container.crc(block, 0, fill);
            totalCrc.update(block, 0, fill);
            int codedCrc = Container.crc(encoder.buffer(), 0, encoder.size());
            Container.writeBlockHeader(out, new Container.BlockHeader(fill, encoder.size(), crc, codedCrc));
            out.write(encoder.buffer(), 0, encoder.size());
            totalIn += fill;
            totalOut += Container.BLOCK_HEADER_BYTES + encoder.size();
            fill = 0;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException("compression failed", e);
            throw e;
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
        Container.writeEnd(out, new Container.End(totalIn, (int) totalCrc.getValue()));
        totalOut += Container.END_BYTES;
        out.flush();
        finished = true;
        coder.close();
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
            coder.close();
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
