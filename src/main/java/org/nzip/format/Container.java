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
 * header : magic "NZIP" | version u8 | transform u8 (+128: segmented) | model kind u8 | preset u8
 *          | block size varint | parameter bytes u8 | parameters | (text transform: dictionary words varint)
 *          | (text transform with a shipped dictionary: dictionary id varint)
 *          | (segmented: blocks per segment varint) | CRC32C of the preceding header bytes u32
 * block  : raw length varint (1..block size) | method u8
 *          | (transformed: model length varint (1..raw length)
 *             | (first block of a segment after the first, unless the header's transform is the
 *                shipped dictionary: dictionary words varint))
 *          | (coded: coded length varint (0..model length − 1) | CRC32C of the coded bytes u32)
 *          | CRC32C of the raw bytes u32 | payload (coded bytes, or the model's bytes if stored)
 * end    : 00 | original length varint | CRC32C of all original bytes u32
 *          | (segmented: index, see {@link SegmentIndex})
 * </pre>
 */
public final class Container {

    /** First four bytes of every nzip file. */
    public static final byte[] MAGIC = {'N', 'Z', 'I', 'P'};
    /** The format version this build writes and reads. */
    public static final int VERSION = 4;
    /** Smallest and largest block sizes a header may declare. */
    public static final int MIN_BLOCK = 1 << 10;
    public static final int MAX_BLOCK = 1 << 26;
    /** Block method: the payload is the range coder's output. */
    public static final int METHOD_CODED = 0;
    /** Block method: the payload is the raw bytes (the models still learned them). */
    public static final int METHOD_STORED = 1;
    /** Block method bit: the models coded the block's text transform, not its raw bytes. */
    public static final int METHOD_TRANSFORMED = 2;
    /** Header transform: none; every block's models see its raw bytes. */
    public static final int TRANSFORM_NONE = 0;
    /** Header transform: the text transform, its dictionary at the start of the first block's model bytes. */
    public static final int TRANSFORM_TEXT = 1;
    /** Header transform: the text transform with a dictionary shipped with nzip, named by its id; the byte roles start the first block's model bytes. */
    public static final int TRANSFORM_TEXT_SHIPPED = 2;
    /** Largest shipped dictionary id a header may hold (ids this build does not know are unsupported). */
    public static final int MAX_DICTIONARY_ID = 255;
    /** Most words a text transform's dictionary may hold. */
    public static final int MAX_DICTIONARY_WORDS = 1 << 16;
    /** Header transform byte flag: the stream is cut into segments, and ends with a segment index. */
    public static final int SEGMENTED = 0x80;
    /** Most blocks a segment may hold. */
    public static final int MAX_SEGMENT_BLOCKS = 1 << 24;
    /** Largest original length of a stream (the end record's varint). */
    public static final long MAX_STREAM_LENGTH = Long.MAX_VALUE;

    private Container() {}

    /**
     * The container header. {@code params} are the model's parameter bytes ({@link Params}), whose
     * meaning depends on {@code kind}; {@code transform} is {@link #TRANSFORM_NONE},
     * {@link #TRANSFORM_TEXT}, whose dictionary defines {@code dictionaryWords} words in the stream,
     * or {@link #TRANSFORM_TEXT_SHIPPED}, whose dictionary is the shipped one numbered {@code dictionaryId}
     * (1 ..= {@link #MAX_DICTIONARY_ID}; 0 with the other transforms). In a segmented stream the
     * transform is the first segment's, except that {@link #TRANSFORM_TEXT_SHIPPED} names the shipped
     * dictionary of every segment, whose first block then says whether it is transformed.
     * {@code segmentBlocks} is the number of blocks of a segment (each coded with a fresh model), or
     * 0 when the stream is not segmented (one model for the whole stream, and no index).
     */
    public record Header(int kind, int preset, int blockSize, byte[] params, int transform, int dictionaryWords, int dictionaryId,
                         int segmentBlocks) {
        /** A header without a transform. */
        public Header(int kind, int preset, int blockSize, byte[] params) {
            this(kind, preset, blockSize, params, TRANSFORM_NONE, 0, 0, 0);
        }

        /** A header without a shipped dictionary and without segments. */
        public Header(int kind, int preset, int blockSize, byte[] params, int transform, int dictionaryWords) {
            this(kind, preset, blockSize, params, transform, dictionaryWords, 0, 0);
        }

        /** A header without segments. */
        public Header(int kind, int preset, int blockSize, byte[] params, int transform, int dictionaryWords, int dictionaryId) {
            this(kind, preset, blockSize, params, transform, dictionaryWords, dictionaryId, 0);
        }

        public Header {
            boolean shipped = transform == TRANSFORM_TEXT_SHIPPED;
            if (transform < TRANSFORM_NONE || transform > TRANSFORM_TEXT_SHIPPED || dictionaryWords < 0
                    || dictionaryWords > MAX_DICTIONARY_WORDS || (transform != TRANSFORM_TEXT && dictionaryWords != 0)
                    || (shipped ? dictionaryId < 1 || dictionaryId > MAX_DICTIONARY_ID : dictionaryId != 0)) {
                throw new IllegalArgumentException("transform " + transform + " with " + dictionaryWords + " words, dictionary " + dictionaryId);
            }
            if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
                throw new IllegalArgumentException("block size " + blockSize + " outside [" + MIN_BLOCK + ", " + MAX_BLOCK + "]");
            }
            if (segmentBlocks < 0 || segmentBlocks > MAX_SEGMENT_BLOCKS) {
                throw new IllegalArgumentException("segment of " + segmentBlocks + " blocks outside [0, " + MAX_SEGMENT_BLOCKS + "]");
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

        /** Whether the stream is cut into segments (and ends with an index). */
        public boolean segmented() {
            return segmentBlocks > 0;
        }

        /** Encoded size of this header in bytes. */
        public int size() {
            return 8 + Varint.size(blockSize) + 1 + params.length + (transform == TRANSFORM_TEXT ? Varint.size(dictionaryWords) : 0)
                    + (transform == TRANSFORM_TEXT_SHIPPED ? Varint.size(dictionaryId) : 0)
                    + (segmented() ? Varint.size(segmentBlocks) : 0) + 4;
        }

        /** Offset of the first parameter byte in the file. */
        public int paramsOffset() {
            return 8 + Varint.size(blockSize) + 1;
        }
    }

    /**
     * A block's header. The models learn the block's {@code modelLength} model bytes: its raw bytes,
     * or if {@code transformed} their text transform. For a stored block the payload is the model
     * bytes: {@code codedLength} equals {@code modelLength} and {@code codedCrc} equals {@code rawCrc}.
     *
     * @param words the dictionary's words, written in the header of the first block of a segment
     *              after the first when it is transformed (its segment's transform starts afresh); else −1
     * @param size encoded size of this block header in bytes
     */
    public record BlockHeader(int rawLength, boolean stored, boolean transformed, int modelLength, int codedLength,
                              int rawCrc, int codedCrc, int words, int size) {

        private BlockHeader(int rawLength, boolean stored, boolean transformed, int modelLength, int codedLength,
                            int rawCrc, int codedCrc, int size) {
            this(rawLength, stored, transformed, modelLength, codedLength, rawCrc, codedCrc, -1, size);
        }

        /** This transformed block's header with the words of its segment's dictionary (the first block of a later segment). */
        public BlockHeader withWords(int words) {
            if (!transformed || words < 0 || words > MAX_DICTIONARY_WORDS) {
                throw new IllegalArgumentException("words " + words + " on a block that is " + (transformed ? "" : "not ") + "transformed");
            }
            return new BlockHeader(rawLength, stored, transformed, modelLength, codedLength, rawCrc, codedCrc, words,
                    size - (this.words < 0 ? 0 : Varint.size(this.words)) + Varint.size(words));
        }

        /** A coded block's header. */
        public static BlockHeader coded(int rawLength, int codedLength, int rawCrc, int codedCrc) {
            return new BlockHeader(rawLength, false, false, rawLength, codedLength, rawCrc, codedCrc,
                    Varint.size(rawLength) + 1 + Varint.size(codedLength) + 8);
        }

        /** A stored block's header. */
        public static BlockHeader stored(int rawLength, int rawCrc) {
            return new BlockHeader(rawLength, true, false, rawLength, rawLength, rawCrc, rawCrc, Varint.size(rawLength) + 1 + 4);
        }

        /** The header of a block whose text transform of {@code modelLength} bytes was coded. */
        public static BlockHeader codedTransformed(int rawLength, int modelLength, int codedLength, int rawCrc, int codedCrc) {
            return new BlockHeader(rawLength, false, true, modelLength, codedLength, rawCrc, codedCrc,
                    Varint.size(rawLength) + 1 + Varint.size(modelLength) + Varint.size(codedLength) + 8);
        }

        /** The header of a block whose text transform of {@code modelLength} bytes is stored. */
        public static BlockHeader storedTransformed(int rawLength, int modelLength, int rawCrc) {
            return new BlockHeader(rawLength, true, true, modelLength, modelLength, rawCrc, rawCrc,
                    Varint.size(rawLength) + 1 + Varint.size(modelLength) + 4);
        }

        /** The method byte. */
        int method() {
            return (stored ? METHOD_STORED : METHOD_CODED) | (transformed ? METHOD_TRANSFORMED : 0);
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
        b[5] = (byte) (h.transform() | (h.segmented() ? SEGMENTED : 0));
        b[6] = (byte) h.kind();
        b[7] = (byte) h.preset();
        int i = 8 + Varint.put(b, 8, h.blockSize());
        b[i++] = (byte) h.params.length;
        System.arraycopy(h.params, 0, b, i, h.params.length);
        i += h.params.length;
        if (h.transform() == TRANSFORM_TEXT) {
            i += Varint.put(b, i, h.dictionaryWords());
        } else if (h.transform() == TRANSFORM_TEXT_SHIPPED) {
            i += Varint.put(b, i, h.dictionaryId());
        }
        if (h.segmented()) {
            Varint.put(b, i, h.segmentBlocks());
        }
        putInt(b, b.length - 4, crc(b, 0, b.length - 4));
        out.write(b);
    }

    /**
     * Reads and checks a header; {@code in} must be positioned at the start of the stream. Checks, in
     * this order: magic, version, header CRC, transform and dictionary size, block size; the model
     * kind and its parameters are the codec's to check.
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
        int transform = b[5] & ~SEGMENTED & 0xFF;
        long words = 0;
        long id = 0;
        long transformAt = pos; // where the dictionary size or id is
        if (transform == TRANSFORM_TEXT) {
            words = Varint.read(checked, 0xFFFFFFFFL, pos, "dictionary size");
            pos += Varint.size(words);
        } else if (transform == TRANSFORM_TEXT_SHIPPED) {
            id = Varint.read(checked, 0xFFFFFFFFL, pos, "dictionary id");
            pos += Varint.size(id);
        }
        long segmentBlocks = 0;
        if ((b[5] & SEGMENTED) != 0) {
            segmentBlocks = Varint.read(checked, 0xFFFFFFFFL, pos, "segment length");
            pos += Varint.size(segmentBlocks);
        }
        int computed = (int) checked.getChecksum().getValue();
        byte[] crc = new byte[4];
        readFully(in, crc, 0, 4, pos, "header");
        if (getInt(crc, 0) != computed) {
            throw FormatException.corrupt("header checksum mismatch", pos);
        }
        if (transform > TRANSFORM_TEXT_SHIPPED) {
            throw FormatException.unsupported("unknown transform " + transform, 5);
        }
        if (transform == TRANSFORM_TEXT_SHIPPED && (id < 1 || id > MAX_DICTIONARY_ID)) {
            throw FormatException.unsupported("shipped dictionary " + id, transformAt);
        }
        if (words > MAX_DICTIONARY_WORDS) {
            throw FormatException.unsupported("a dictionary of " + words + " words (at most " + MAX_DICTIONARY_WORDS + ")", transformAt);
        }
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
            throw FormatException.corrupt("block size " + blockSize + " outside [" + MIN_BLOCK + ", " + MAX_BLOCK + "]", 8);
        }
        if ((b[5] & SEGMENTED) != 0 && (segmentBlocks < 1 || segmentBlocks > MAX_SEGMENT_BLOCKS)) {
            throw FormatException.unsupported("a segment of " + segmentBlocks + " blocks (1 to " + MAX_SEGMENT_BLOCKS + ")",
                    pos - Varint.size(segmentBlocks));
        }
        return new Header(b[6] & 0xFF, b[7] & 0xFF, (int) blockSize, params, transform, (int) words, (int) id, (int) segmentBlocks);
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
        b[i++] = (byte) h.method();
        if (h.transformed()) {
            i += Varint.put(b, i, h.modelLength());
        }
        if (h.words() >= 0) {
            i += Varint.put(b, i, h.words());
        }
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
        return readBlockOrEnd(in, blockSize, false, offset, endOut);
    }

    /**
     * As {@link #readBlockOrEnd(InputStream, int, long, End[])}; {@code laterSegmentStart} says the
     * block starts a segment after the first, whose header, if transformed, holds its dictionary's words
     * (false in a stream with a shipped dictionary, {@link #TRANSFORM_TEXT_SHIPPED}: its segments define no words).
     */
    public static BlockHeader readBlockOrEnd(InputStream in, int blockSize, boolean laterSegmentStart, long offset,
                                             End[] endOut) throws IOException {
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
        if (method > (METHOD_STORED | METHOD_TRANSFORMED)) {
            throw FormatException.unsupported("unknown block method " + method, pos - 1);
        }
        boolean transformed = (method & METHOD_TRANSFORMED) != 0;
        long model = raw;
        if (transformed) {
            model = Varint.read(in, raw, pos, "model length of a block of " + raw + " bytes");
            if (model == 0) {
                throw FormatException.corrupt("a transformed block of no model bytes", pos);
            }
            pos += Varint.size(model);
        }
        long words = -1;
        if (transformed && laterSegmentStart) {
            words = Varint.read(in, 0xFFFFFFFFL, pos, "dictionary size");
            if (words > MAX_DICTIONARY_WORDS) {
                throw FormatException.unsupported("a dictionary of " + words + " words (at most " + MAX_DICTIONARY_WORDS + ")", pos);
            }
            pos += Varint.size(words);
        }
        BlockHeader h;
        if ((method & METHOD_STORED) != 0) {
            readFully(in, c, 0, 4, pos, "block header");
            h = transformed ? BlockHeader.storedTransformed((int) raw, (int) model, getInt(c, 0))
                    : BlockHeader.stored((int) raw, getInt(c, 0));
        } else {
            long coded = Varint.read(in, model - 1, pos, "coded length of a block of " + model + " model bytes");
            readFully(in, c, 0, 8, pos + Varint.size(coded), "block header");
            h = transformed ? BlockHeader.codedTransformed((int) raw, (int) model, (int) coded, getInt(c, 4), getInt(c, 0))
                    : BlockHeader.coded((int) raw, (int) coded, getInt(c, 4), getInt(c, 0));
        }
        return words < 0 ? h : h.withWords((int) words);
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
