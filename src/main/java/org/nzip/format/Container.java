package org.nzip.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * Reads and writes the parts of the nzip container (see {@code docs/FORMAT.md}). Fixed-size integers
 * are big-endian; lengths are {@linkplain Varint varints}.
 *
 * <pre>
 * header : magic "NZIP" | version u8 | flags u8 | model kind u8 | preset u8 | block size varint
 *          | parameter bytes u8 | parameters | CRC32C of the preceding header bytes u32
 * block  : raw length varint (1..block size) | method u8
 *          | (coded: coded length varint (0..raw length − 1) | CRC32C of the coded bytes u32)
 *          | CRC32C of the raw bytes u32 | payload (coded bytes, or the raw bytes if stored)
 * end    : 00 | original length varint | CRC32C of all original bytes u32
 * </pre>
 */
public final class Container {

    /** First four bytes of every nzip file. */
    public static final byte[] MAGIC = {'N', 'Z', 'I', 'P'};
    /** The format version this build writes and reads. */
    public static final int VERSION = 3;
    /** Smallest and largest block sizes a header may declare. */
    public static final int MIN_BLOCK = 1 << 10;
    public static final int MAX_BLOCK = 1 << 26;
    /** Block method: the payload is the range coder's output. */
    public static final int METHOD_CODED = 0;
    /** Block method: the payload is the raw bytes (the models still learned them). */
    public static final int METHOD_STORED = 1;
    /** Largest original length of a stream (the end record's varint). */
    public static final long MAX_STREAM_LENGTH = Long.MAX_VALUE;

    private Container() {}

    /**
     * The container header. {@code params} are the model's parameter bytes ({@link Params}), whose
     * meaning depends on {@code kind}.
     */
    public record Header(int kind, int preset, int blockSize, byte[] params) {
        public Header {
            if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
                throw new IllegalArgumentException("block size " + blockSize + " outside [" + MIN_BLOCK + ", " + MAX_BLOCK + "]");
            }
            if (kind < 0 || kind > 255 || preset < 0 || preset > 255 || params.length > Params.MAX_BYTES) {
                throw new IllegalArgumentException("kind, preset and parameter count must fit a byte");
            }
            params = params.clone();
        }

        @Override
        public byte[] params() {
            return params.clone();
        }

        /** Encoded size of this header in bytes. */
        public int size() {
            return 8 + Varint.size(blockSize) + 1 + params.length + 4;
        }

        /** Offset of the first parameter byte in the file. */
        public int paramsOffset() {
            return 8 + Varint.size(blockSize) + 1;
        }
    }

    /**
     * A block's header. For a stored block the payload is the raw bytes: {@code codedLength} equals
     * {@code rawLength} and {@code codedCrc} equals {@code rawCrc}.
     *
     * @param size encoded size of this block header in bytes
     */
    public record BlockHeader(int rawLength, boolean stored, int codedLength, int rawCrc, int codedCrc, int size) {

        /** A coded block's header. */
        public static BlockHeader coded(int rawLength, int codedLength, int rawCrc, int codedCrc) {
            return new BlockHeader(rawLength, false, codedLength, rawCrc, codedCrc,
                    Varint.size(rawLength) + 1 + Varint.size(codedLength) + 8);
        }

        /** A stored block's header. */
        public static BlockHeader stored(int rawLength, int rawCrc) {
            return new BlockHeader(rawLength, true, rawLength, rawCrc, rawCrc, Varint.size(rawLength) + 1 + 4);
        }
    }

    /**
     * The end record.
     *
     * @param size encoded size in bytes
     */
    public record End(long originalLength, int crc, int size) {
        public End(long originalLength, int crc) {
            this(originalLength, crc, 1 + Varint.size(originalLength) + 4);
        }
    }

    public static void writeHeader(OutputStream out, Header h) throws IOException {
        byte[] b = new byte[h.size()];
        System.arraycopy(MAGIC, 0, b, 0, 4);
        b[4] = VERSION;
        b[5] = 0;
        b[6] = (byte) h.kind();
        b[7] = (byte) h.preset();
        int i = 8 + Varint.put(b, 8, h.blockSize());
        b[i++] = (byte) h.params.length;
        System.arraycopy(h.params, 0, b, i, h.params.length);
        putInt(b, b.length - 4, crc(b, 0, b.length - 4));
        out.write(b);
    }

    /**
     * Reads and checks a header; {@code in} must be positioned at the start of the stream. Checks, in
     * this order: magic, version, header CRC, flags, block size; the model kind and its parameters
     * are the codec's to check.
     */
    public static Header readHeader(InputStream in) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(in, new CRC32C());
        byte[] b = new byte[8];
        int got = checked.readNBytes(b, 0, 8);
        if (got == 0) {
            throw FormatException.notNzip("empty input, not in .nz format");
        }
        for (int i = 0; i < Math.min(got, 4); i++) {
            if (b[i] != MAGIC[i]) {
                throw FormatException.notNzip("not in .nz format (no nzip magic bytes)");
            }
        }
        if (got < 8) {
            throw FormatException.corrupt("truncated header", got);
        }
        int version = b[4] & 0xFF;
        if (version != VERSION) {
            throw FormatException.unsupported("format version " + version + " is not supported (this nzip reads version " + VERSION + ")", 4);
        }
        long blockSize = Varint.read(checked, 0xFFFFFFFFL, 8, "block size");
        long pos = 8 + Varint.size(blockSize);
        byte[] params = new byte[readByte(checked, pos, "header")];
        readFully(checked, params, 0, params.length, pos + 1, "header");
        pos += 1 + params.length;
        int computed = (int) checked.getChecksum().getValue();
        byte[] crc = new byte[4];
        readFully(in, crc, 0, 4, pos, "header");
        if (getInt(crc, 0) != computed) {
            throw FormatException.corrupt("header checksum mismatch", pos);
        }
        int flags = b[5] & 0xFF;
        if (flags != 0) {
            throw FormatException.unsupported("unknown header flags 0x" + Integer.toHexString(flags), 5);
        }
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
            throw FormatException.corrupt("block size " + blockSize + " outside [" + MIN_BLOCK + ", " + MAX_BLOCK + "]", 8);
        }
        return new Header(b[6] & 0xFF, b[7] & 0xFF, (int) blockSize, params);
    }

    private static int readByte(InputStream in, long offset, String what) throws IOException {
        int x = in.read();
        if (x < 0) {
            throw FormatException.corrupt("truncated input: " + what + " ends early", offset);
        }
        return x;
    }

    public static void writeBlockHeader(OutputStream out, BlockHeader h) throws IOException {
        byte[] b = new byte[h.size()];
        int i = Varint.put(b, 0, h.rawLength());
        b[i++] = (byte) (h.stored() ? METHOD_STORED : METHOD_CODED);
        if (!h.stored()) {
            i += Varint.put(b, i, h.codedLength());
            putInt(b, i, h.codedCrc());
            i += 4;
        }
        putInt(b, i, h.rawCrc());
        out.write(b);
    }

    public static void writeEnd(OutputStream out, End e) throws IOException {
        byte[] b = new byte[e.size()];
        b[0] = 0;
        int i = 1 + Varint.put(b, 1, e.originalLength());
        putInt(b, i, e.crc());
        out.write(b);
    }

    /**
     * Reads the next block header; returns it, or {@code null} after reading the end record into
     * {@code endOut[0]}. {@code offset} is the position of the record in the file.
     */
    public static BlockHeader readBlockOrEnd(InputStream in, int blockSize, long offset, End[] endOut) throws IOException {
        long raw = Varint.read(in, blockSize, offset, "block length");
        long pos = offset + Varint.size(raw);
        byte[] c = new byte[8];
        if (raw == 0) {
            long length = Varint.read(in, Long.MAX_VALUE, pos, "original length in the end record");
            readFully(in, c, 0, 4, pos + Varint.size(length), "end record");
            endOut[0] = new End(length, getInt(c, 0));
            return null;
        }
        int method = readByte(in, pos, "block header");
        pos++;
        if (method == METHOD_STORED) {
            readFully(in, c, 0, 4, pos, "block header");
            return BlockHeader.stored((int) raw, getInt(c, 0));
        }
        if (method != METHOD_CODED) {
            throw FormatException.unsupported("unknown block method " + method, pos - 1);
        }
        long coded = Varint.read(in, raw - 1, pos, "coded length of a block of " + raw + " bytes");
        readFully(in, c, 0, 8, pos + Varint.size(coded), "block header");
        return BlockHeader.coded((int) raw, (int) coded, getInt(c, 4), getInt(c, 0));
    }

    /** Reads exactly {@code len} bytes or reports truncation at the right offset. */
    public static void readFully(InputStream in, byte[] b, int off, int len, long offset, String what) throws IOException {
        int got = in.readNBytes(b, off, len);
        if (got < len) {
            throw FormatException.corrupt("truncated input: " + what + " ends after " + got + " of " + len + " bytes", offset + got);
        }
    }

    /** CRC32C of a byte range. */
    public static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static int getInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
