package org.nzip.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Reads and writes the parts of the nzip container, format version 1 (see {@code docs/FORMAT.md}).
 * All integers are big-endian.
 *
 * <pre>
 * header : magic "NZIP" | version u8 | flags u8 | model kind u8 | preset u8 | block size u32
 *          | param count u8 | params i32 × count | CRC32C of the preceding header bytes u32
 * block  : raw length u32 (1..block size) | coded length u32 | CRC32C of the raw bytes u32
 *          | CRC32C of the coded bytes u32 | coded bytes
 * end    : u32 0 | original length u64 | CRC32C of all original bytes u32 | magic "PIZN"
 * </pre>
 */
public final class Container {

    /** First four bytes of every nzip file. */
    public static final byte[] MAGIC = {'N', 'Z', 'I', 'P'};
    /** Last four bytes of every complete nzip file. */
    public static final byte[] END_MAGIC = {'P', 'I', 'Z', 'N'};
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;
    /** Smallest and largest block sizes a header may declare. */
    public static final int MIN_BLOCK = 1 << 10;
    public static final int MAX_BLOCK = 1 << 26;
    /** Size of a block's header. */
    public static final int BLOCK_HEADER_BYTES = 16;
    /** Size of the end record, including its leading zero length. */
    public static final int END_BYTES = 4 + 8 + 4 + 4;

    private Container() {}

    /**
     * Largest coded size a block of {@code raw} bytes can have: at most 128 bits per byte (eight
     * binary decisions of probability at least 2^-16 each; a byte coded whole costs at most 24 bits,
     * frequency floor 2^-24), plus the range coder's truncation loss (below 2^-16 per coding step)
     * and its flush.
     */
    public static long maxCodedLength(int raw) {
        return 16L * raw + raw / 4096 + 16;
    }

    /** The container header. */
    public record Header(ModelSpec model, int blockSize) {
        public Header {
            if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
                throw new IllegalArgumentException("block size " + blockSize + " outside [" + MIN_BLOCK + ", " + MAX_BLOCK + "]");
            }
        }

        /** Encoded size of this header in bytes. */
        public int size() {
            return 13 + 4 * model.paramCount() + 4;
        }
    }

    /**
     * A block's header. The CRC of the coded bytes lets a reader reject damage before spending time
     * on decoding; the CRC of the raw bytes checks the decoded result.
     */
    public record BlockHeader(int rawLength, int codedLength, int rawCrc, int codedCrc) {}

    /** The end record. */
    public record End(long originalLength, int crc) {}

    public static void writeHeader(OutputStream out, Header h) throws IOException {
        ModelSpec m = h.model();
        byte[] b = new byte[h.size()];
        System.arraycopy(MAGIC, 0, b, 0, 4);
        b[4] = VERSION;
        b[5] = 0;
        b[6] = (byte) m.kind();
        b[7] = (byte) m.preset();
        putInt(b, 8, h.blockSize());
        b[12] = (byte) m.paramCount();
        for (int i = 0; i < m.paramCount(); i++) {
            putInt(b, 13 + 4 * i, m.param(i));
        }
        putInt(b, b.length - 4, crc(b, 0, b.length - 4));
        out.write(b);
    }

    /** Reads and checks a header; {@code in} must be positioned at the start of the file. */
    public static Header readHeader(InputStream in) throws IOException {
        byte[] fixed = new byte[13];
        int got = in.readNBytes(fixed, 0, fixed.length);
        if (got < 4 || !startsWithMagic(fixed)) {
            if (got == 0) {
                throw FormatException.corrupt("empty input, not in .nz format", 0);
            }
            throw FormatException.corrupt("not in .nz format (bad magic bytes)", 0);
        }
        if (got < fixed.length) {
            throw FormatException.corrupt("truncated header", got);
        }
        int version = fixed[4] & 0xFF;
        if (version != VERSION) {
            throw FormatException.unsupported("format version " + version + " is not supported (this nzip reads version " + VERSION + ")", 4);
        }
        int count = fixed[12] & 0xFF;
        if (count > ModelSpec.MAX_PARAMS) {
            throw FormatException.corrupt("header declares " + count + " model parameters (at most " + ModelSpec.MAX_PARAMS + ")", 12);
        }
        byte[] b = new byte[13 + 4 * count + 4];
        System.arraycopy(fixed, 0, b, 0, 13);
        got = in.readNBytes(b, 13, b.length - 13);
        if (got < b.length - 13) {
            throw FormatException.corrupt("truncated header", 13 + got);
        }
        int stored = getInt(b, b.length - 4);
        if (stored != crc(b, 0, b.length - 4)) {
            throw FormatException.corrupt("header checksum mismatch", b.length - 4);
        }
        int flags = fixed[5] & 0xFF;
        if (flags != 0) {
            throw FormatException.unsupported("unknown header flags 0x" + Integer.toHexString(flags), 5);
        }
        int blockSize = getInt(b, 8);
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
            throw FormatException.corrupt("block size " + blockSize + " outside [" + MIN_BLOCK + ", " + MAX_BLOCK + "]", 8);
        }
        int[] params = new int[count];
        for (int i = 0; i < count; i++) {
            params[i] = getInt(b, 13 + 4 * i);
        }
        return new Header(new ModelSpec(fixed[6] & 0xFF, fixed[7] & 0xFF, params), blockSize);
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < 4; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    public static void writeBlockHeader(OutputStream out, BlockHeader h) throws IOException {
        byte[] b = new byte[BLOCK_HEADER_BYTES];
        putInt(b, 0, h.rawLength());
        putInt(b, 4, h.codedLength());
        putInt(b, 8, h.rawCrc());
        putInt(b, 12, h.codedCrc());
        out.write(b);
    }

    public static void writeEnd(OutputStream out, End e) throws IOException {
        byte[] b = new byte[END_BYTES];
        putInt(b, 0, 0);
        putLong(b, 4, e.originalLength());
        putInt(b, 12, e.crc());
        System.arraycopy(END_MAGIC, 0, b, 16, 4);
        out.write(b);
    }

    /**
     * Reads the next raw-length field; returns the block header, or {@code null} after reading the
     * end record into {@code endOut[0]}. {@code offset} is the position of the field in the file.
     */
    public static BlockHeader readBlockOrEnd(InputStream in, int blockSize, long offset, End[] endOut) throws IOException {
        byte[] b = new byte[BLOCK_HEADER_BYTES];
        readFully(in, b, 0, 4, offset, "block header");
        int raw = getInt(b, 0);
        if (raw == 0) {
            byte[] e = new byte[END_BYTES - 4];
            readFully(in, e, 0, e.length, offset + 4, "end record");
            for (int i = 0; i < 4; i++) {
                if (e[12 + i] != END_MAGIC[i]) {
                    throw FormatException.corrupt("bad end marker", offset + 16);
                }
            }
            long length = getLong(e, 0);
            if (length < 0) {
                throw FormatException.corrupt("negative original length in end record", offset + 4);
            }
            endOut[0] = new End(length, getInt(e, 8));
            return null;
        }
        if (raw < 0 || raw > blockSize) {
            throw FormatException.corrupt("block length " + Integer.toUnsignedString(raw) + " exceeds the block size " + blockSize, offset);
        }
        readFully(in, b, 4, BLOCK_HEADER_BYTES - 4, offset + 4, "block header");
        int coded = getInt(b, 4);
        if (coded < 0 || coded > maxCodedLength(raw)) {
            throw FormatException.corrupt("coded length " + Integer.toUnsignedString(coded) + " impossible for a block of " + raw + " bytes", offset + 4);
        }
        return new BlockHeader(raw, coded, getInt(b, 8), getInt(b, 12));
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

    static void putLong(byte[] b, int i, long v) {
        putInt(b, i, (int) (v >>> 32));
        putInt(b, i + 4, (int) v);
    }

    static long getLong(byte[] b, int i) {
        return (long) getInt(b, i) << 32 | (getInt(b, i + 4) & 0xFFFFFFFFL);
    }
}
