package org.nzip;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.coder.CodingException;
import org.nzip.coder.RangeDecoder;
import org.nzip.format.Container;
import org.nzip.format.FormatException;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformDecoder;
import org.nzip.transform.TransformException;

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
 */
public final class NzipInputStream extends InputStream {

    /** Coded bytes are read in pieces of this size, so a block header cannot make the reader allocate ahead of data. */
    private static final int READ_CHUNK = 1 << 20;

    private final InputStream in;
    private final Container.Header header;
    private final ModelConfig model;
    private final int threads;
    private final String backend;
    private final long memoryLimit;
    private BlockCoder coder; // built at the first block: a damaged or empty stream never pays for a model
    private final RangeDecoder decoder = new RangeDecoder();
    private final CRC32C totalCrc = new CRC32C();
    private final ProgressListener listener;
    private byte[] raw = new byte[0];
    private byte[] coded = new byte[0];
    private byte[] modelBytes = new byte[0]; // a transformed block's bytes as the models see them
    private final TransformDecoder transform; // null: the stream has no transform
    private int rawLength;
    private int rawPos;
    private long position; // bytes of compressed input consumed
    private long totalOut;
    private int blockIndex;
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
        this.in = in;
        this.listener = options.progressListener();
        this.threads = options.threads();
        this.backend = options.backend();
        this.memoryLimit = options.memoryLimit();
        try {
            this.header = Container.readHeader(in);
            this.model = ModelConfig.read(header.kind(), header.params(), header.paramsOffset());
            transform = transformDecoder(header);
        } catch (FormatException e) {
            throw translate(e);
        }
        position = header.size();
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

    /** Name of the preset the stream was written with, or "custom". */
    public String presetName() {
        Preset p = Preset.ofCode(header.preset());
        return p == null ? "custom" : p.label();
    }

    /**
     * Bytes of memory decoding this stream needs if its first block is a full one (a stream of
     * one shorter block needs less); what {@link MemoryLimitException} compares with the limit.
     */
    public long memoryNeeded() {
        return memoryNeeded(header.blockSize());
    }

    private long memoryNeeded(int firstBlock) {
        return BlockCoder.memoryUsage(model, firstBlock) + (transform == null ? 0 : TransformDecoder.memoryUsage(firstBlock));
    }

    /** Name of the stream's transform: "none", "text" (its dictionary built from the stream) or "text-english" (the shipped one). */
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
                nextBlock();
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
        System.arraycopy(raw, rawPos, b, off, n);
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
        raw = coded = new byte[0];
        rawPos = rawLength = 0;
        return e;
    }

    private void release() {
        if (coder != null) {
            coder.close();
            coder = null;
        }
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
            position += end[0].size();
            if (end[0].originalLength() != totalOut) {
                throw FormatException.corrupt("end record says " + end[0].originalLength()
                        + " bytes but the blocks hold " + totalOut, blockStart + 1);
            }
            if (end[0].crc() != (int) totalCrc.getValue()) {
                throw FormatException.corrupt("checksum of the whole stream does not match", position - 4);
            }
            ended = true;
            rawPos = rawLength = 0;
            release();
            return;
        }
        if (blockIndex > 0 && rawLength < header.blockSize()) {
            throw FormatException.corrupt("block " + blockIndex + " follows a short block (only the last block may be short)", blockStart);
        }
        if (h.transformed() && transform == null) {
            throw FormatException.corrupt("block " + blockIndex + " is transformed in a stream without a transform", blockStart);
        }
        if (blockIndex == 0 && transform != null && !h.transformed()) {
            throw FormatException.corrupt("the first block of a transformed stream is not transformed (it holds the dictionary)", blockStart);
        }
        position += h.size();
        long payloadStart = position;
        if (coder == null) { // the first block: its length sizes the tables, no later block is longer
            long need = memoryNeeded(h.rawLength());
            if (need > memoryLimit) {
                throw new MemoryLimitException(need, memoryLimit);
            }
            try {
                model.checkWork();
            } catch (IllegalArgumentException e) {
                throw FormatException.unsupported("model kind " + model.kind() + ": " + e.getMessage(), header.paramsOffset());
            }
        }
        String name = "block " + blockIndex;
        int n = h.rawLength();
        if (h.transformed()) {
            transformedBlock(h, name, payloadStart);
        } else if (h.stored()) {
            raw = readPayload(raw, n, name);
            if (Container.crc(raw, 0, n) != h.rawCrc()) {
                throw FormatException.corrupt(name + " is damaged (checksum of its stored bytes does not match)", payloadStart);
            }
            buildCoder();
            coder.absorb(raw, n, progress(n, payloadStart, n));
        } else {
            coded = readPayload(coded, h.codedLength(), name);
            if (Container.crc(coded, 0, h.codedLength()) != h.codedCrc()) {
                throw FormatException.corrupt(name + " is damaged (checksum of its compressed bytes does not match)", payloadStart);
            }
            if (raw.length < n) {
                raw = new byte[n];
            }
            buildCoder();
            try {
                decoder.init(coded, 0, h.codedLength());
                coder.decode(decoder, raw, n, progress(n, payloadStart, h.codedLength()));
            } catch (CodingException e) {
                throw FormatException.corrupt(name + " is corrupt: " + e.getMessage(), payloadStart);
            }
            if (Container.crc(raw, 0, n) != h.rawCrc()) {
                throw FormatException.corrupt(name + " checksum does not match (data corrupt)", payloadStart);
            }
        }
        position += h.codedLength();
        totalCrc.update(raw, 0, n);
        totalOut += n;
        rawLength = n;
        rawPos = 0;
        blockIndex++;
    }

    /**
     * Reads or decodes a transformed block's model bytes, restores its raw bytes and checks them;
     * the models learn a stored block's model bytes only once they have passed.
     */
    private void transformedBlock(Container.BlockHeader h, String name, long payloadStart) throws IOException {
        int n = h.rawLength();
        int m = h.modelLength();
        if (raw.length < n) {
            raw = new byte[n];
        }
        if (h.stored()) {
            modelBytes = readPayload(modelBytes, m, name);
        } else {
            coded = readPayload(coded, h.codedLength(), name);
            if (Container.crc(coded, 0, h.codedLength()) != h.codedCrc()) {
                throw FormatException.corrupt(name + " is damaged (checksum of its compressed bytes does not match)", payloadStart);
            }
            if (modelBytes.length < m) {
                modelBytes = new byte[m];
            }
            buildCoder();
            try {
                decoder.init(coded, 0, h.codedLength());
                coder.decode(decoder, modelBytes, m, progress(m, payloadStart, h.codedLength()));
            } catch (CodingException e) {
                throw FormatException.corrupt(name + " is corrupt: " + e.getMessage(), payloadStart);
            }
        }
        try {
            transform.inverse(modelBytes, m, raw, n);
        } catch (TransformException e) {
            throw FormatException.corrupt(name + "'s text transform is corrupt: " + e.getMessage(), payloadStart);
        }
        if (Container.crc(raw, 0, n) != h.rawCrc()) {
            throw FormatException.corrupt(name + " checksum does not match (data corrupt)", payloadStart);
        }
        if (h.stored()) {
            buildCoder();
            coder.absorb(modelBytes, m, progress(m, payloadStart, m));
        }
    }

    private void buildCoder() {
        if (coder == null) {
            coder = new BlockCoder(model, threads, backend);
        }
    }

    /**
     * Reads a block's {@code length} payload bytes into {@code buf} (grown as the bytes arrive, never
     * ahead of them, and never beyond {@code length}); returns the buffer.
     */
    private byte[] readPayload(byte[] buf, int length, String name) throws IOException {
        int got = 0;
        while (got < length) {
            int want = Math.min(length - got, READ_CHUNK);
            if (buf.length < got + want) {
                buf = java.util.Arrays.copyOf(buf, Math.min(length, Math.max(got + want, 2 * buf.length)));
            }
            int r = in.readNBytes(buf, got, want);
            got += r;
            if (r < want) {
                throw FormatException.corrupt("truncated input: " + name + " ends after " + got + " of " + length + " bytes", position + got);
            }
        }
        return buf;
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
