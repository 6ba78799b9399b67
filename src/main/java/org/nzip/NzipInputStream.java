package org.nzip;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.Models;
import org.nzip.coder.CodingException;
import org.nzip.coder.RangeDecoder;
import org.nzip.format.Container;
import org.nzip.format.FormatException;

/**
 * Decompresses an nzip stream. Each block is decoded whole and checked against its CRC32C before any
 * of its bytes are returned, so a reader never sees damaged data; the end record's length and CRC of
 * the whole stream are checked before end-of-file is reported. Damage raises
 * {@link CorruptInputException}; a stream from a newer format raises {@link UnsupportedFormatException}.
 *
 * <p>The stream reads exactly up to the end of the nzip data and no further, so the underlying
 * stream is left positioned after it.
 */
public final class NzipInputStream extends InputStream {

    private final InputStream in;
    private final Container.Header header;
    private final int threads;
    private final String backend;
    private BlockCoder coder; // built at the first block: a damaged or empty stream never pays for a model
    private final RangeDecoder decoder = new RangeDecoder();
    private final CRC32C totalCrc = new CRC32C();
    private final ProgressListener listener;
    private byte[] raw = new byte[0];
    private byte[] coded = new byte[0];
    private int rawLength;
    private int rawPos;
    private long position; // bytes of compressed input consumed
    private long totalOut;
    private int blockIndex;
    private boolean ended;
    private boolean closed;
    private IOException failure;
    private final byte[] one = new byte[1];

    /** Reads the header from {@code in} and prepares to decode. */
    public NzipInputStream(InputStream in) throws IOException {
        this(in, new NzipOptions());
    }

    /**
     * As {@link #NzipInputStream(InputStream)}, with the thread count and progress listener of
     * {@code options}; the model itself always comes from the stream's header.
     */
    public NzipInputStream(InputStream in, NzipOptions options) throws IOException {
        this.in = in;
        this.listener = options.progressListener();
        this.threads = options.threads();
        this.backend = options.backend();
        try {
            this.header = Container.readHeader(in);
            Models.validate(header.model(), 6);
        } catch (FormatException e) {
            throw translate(e);
        }
        position = header.size();
    }

    /** Name of the preset the stream was written with, or "custom". */
    public String presetName() {
        Preset p = Preset.ofCode(header.model().preset());
        return p == null ? "custom" : p.label();
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + b.length);
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        while (rawPos == rawLength) {
            if (ended) {
                return -1;
            }
            try {
                nextBlock();
            } catch (IOException e) {
                failure = e instanceof FormatException fe ? translate(fe) : e;
                throw failure;
            }
        }
        int n = Math.min(len, rawLength - rawPos);
        System.arraycopy(raw, rawPos, b, off, n);
        rawPos += n;
        return n;
    }

    @Override
    public int available() {
        return rawLength - rawPos;
    }

    private void nextBlock() throws IOException {
        long blockStart = position;
        Container.End[] end = new Container.End[1];
        Container.BlockHeader h = Container.readBlockOrEnd(in, header.blockSize(), blockStart, end);
        if (h == null) {
            position += Container.END_BYTES;
            if (end[0].originalLength() != totalOut) {
                throw FormatException.corrupt("end record says " + end[0].originalLength()
                        + " bytes but the blocks hold " + totalOut, blockStart + 4);
            }
            if (end[0].crc() != (int) totalCrc.getValue()) {
                throw FormatException.corrupt("checksum of the whole stream does not match", blockStart + 12);
            }
            ended = true;
            rawPos = rawLength = 0;
            return;
        }
        position += Container.BLOCK_HEADER_BYTES;
        if (coded.length < h.codedLength()) {
            coded = new byte[h.codedLength()];
        }
        Container.readFully(in, coded, 0, h.codedLength(), position, "block " + blockIndex + " data");
        if (Container.crc(coded, 0, h.codedLength()) != h.codedCrc()) {
            throw FormatException.corrupt("block " + blockIndex + " is damaged (checksum of its compressed bytes does not match)", blockStart + 12);
        }
        if (raw.length < h.rawLength()) {
            raw = new byte[h.rawLength()];
        }
        long codedStart = position;
        long doneBefore = totalOut;
        BlockCoder.Progress progress = listener == null ? BlockCoder.Progress.NONE
                : (symbols, c) -> listener.progress(doneBefore + symbols, codedStart + (long) h.codedLength() * symbols / h.rawLength());
        if (coder == null) {
            coder = new BlockCoder(header.model(), threads, backend);
        }
        try {
            decoder.init(coded, 0, h.codedLength());
            coder.decode(decoder, raw, h.rawLength(), progress);
        } catch (CodingException e) {
            throw FormatException.corrupt("block " + blockIndex + " is corrupt: " + e.getMessage(), codedStart);
        }
        if (decoder.consumed(0) != h.codedLength()) {
            throw FormatException.corrupt("block " + blockIndex + " is corrupt: decoding used "
                    + decoder.consumed(0) + " of its " + h.codedLength() + " bytes", codedStart);
        }
        if (Container.crc(raw, 0, h.rawLength()) != h.rawCrc()) {
            throw FormatException.corrupt("block " + blockIndex + " checksum does not match (data corrupt)", blockStart + 8);
        }
        position += h.codedLength();
        totalCrc.update(raw, 0, h.rawLength());
        totalOut += h.rawLength();
        rawLength = h.rawLength();
        rawPos = 0;
        blockIndex++;
    }

    static NzipException translate(FormatException e) {
        return e.isUnsupported() ? new UnsupportedFormatException(e.getMessage())
                : new CorruptInputException(e.getMessage(), e.offset());
    }

    /** Closes this stream and the underlying one. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (coder != null) {
                coder.close();
            }
            in.close();
        }
    }
}
