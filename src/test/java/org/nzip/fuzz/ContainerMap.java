package org.nzip.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the fields of a (possibly damaged) nzip file lie: the header's fields, each block header's
 * fields and payload, the end record. It follows the container layout as far as the structure allows
 * and checks no CRC and no bound (a raw length above the block size is still walked), so it also maps
 * files that the decoder refuses. The fuzzer's structure-aware mutations use it to find the fields,
 * and its oracle to know what the blocks declare.
 *
 * <pre>
 * header : "NZIP" | version | transform | kind | preset | block size varint | count | params
 *          | (transform 1: dictionary words varint; transform 2: dictionary id varint)
 *          | (segmented, transform bit 0x80: blocks per segment varint) | CRC32C
 * block  : raw length varint | method | (method bit 1, transformed: model length varint)
 *          | (segmented, transform 0 or 1, transformed first block of a later segment: words varint)
 *          | (coded: coded length varint | coded CRC) | raw CRC | payload
 * end    : 00 | original length varint | CRC32C
 * index  : (segmented only) segment count varint | header length varint | (coded length, raw length
 *          varints) per segment | u32 index length | CRC32C | "NZIX"
 * </pre>
 */
public final class ContainerMap {

    public static final int VERSION_AT = 4;
    /** The transform byte (the flags byte of format 3). */
    public static final int FLAGS_AT = 5;
    public static final int KIND_AT = 6;
    public static final int PRESET_AT = 7;
    public static final int BLOCK_SIZE_AT = 8;
    /** The decoder reads at most this many bytes of the header's block size varint. */
    public static final int BLOCK_SIZE_MAX_BYTES = 4;
    /** The transform byte's bit of a segmented stream. */
    public static final int SEGMENTED = 0x80;

    /**
     * The header's fields after the fixed eight bytes. The dictionary size or id of a text transform lies
     * between the parameters and the CRC ({@code paramsAt + count .. crcAt}).
     *
     * @param params each parameter varint as {offset, length} (a malformed tail is one last piece)
     */
    public record Header(long blockSize, int blockSizeBytes, int countAt, int count, int paramsAt,
                         List<int[]> params, int crcAt, long segmentBlocks) {
        /** Whether the transform byte says the stream is segmented ({@code segmentBlocks} is then its segment field, else 0). */
        public boolean segmented() {
            return segmentBlocks > 0;
        }

        /** Offset just past the header. */
        public int end() {
            return crcAt + 4;
        }
    }

    /**
     * One block: where its header fields and payload are. For a stored block {@code codedAt},
     * {@code codedBytes} and {@code codedCrcAt} are -1 and {@code payloadLength} is the model length
     * (the raw length unless the block is transformed). {@code modelAt} and {@code modelBytes} are
     * those of a transformed block's model length, else -1; {@code wordsAt} and {@code wordsBytes}
     * those of the words of a later segment's first block (segmented streams of transform 0 or 1), else -1.
     */
    public record Block(int index, int start, long rawLength, int rawBytes, int methodAt, int method,
                        int codedAt, int codedBytes, long codedLength, int codedCrcAt, int rawCrcAt,
                        int payloadAt, long payloadLength, int modelAt, int modelBytes, int wordsAt, int wordsBytes) {
        public boolean stored() {
            return (method & 1) == 1;
        }

        /** Whether the models coded the block's text transform. */
        public boolean transformed() {
            return (method & 2) == 2;
        }

        /** Offset just past the payload (it may lie past the end of a truncated file). */
        public long end() {
            return payloadAt + payloadLength;
        }
    }

    /** The end record. */
    public record End(int start, int lengthAt, int lengthBytes, long length, int crcAt) {
        public int end() {
            return crcAt + 4;
        }
    }

    /**
     * A segmented stream's index after its end record, as far as it could be walked: {@code fields}
     * holds each varint as {offset, length} (count, header length, then coded and raw length per
     * segment); {@code trailerAt} is where the index length, CRC and magic start ({@code end()} - 12).
     */
    public record Index(int start, List<int[]> fields, int trailerAt) {
        public int end() {
            return trailerAt + 12;
        }
    }

    public final byte[] data;
    /** Null if the file is too short or its header is malformed. */
    public final Header header;
    /** Every block whose header is whole, the last one possibly with a truncated payload. */
    public final List<Block> blocks;
    /** Null if the walk did not reach a whole end record. */
    public final End end;
    /** A segmented stream's index, if the walk found a whole one after the end record; else null. */
    public final Index index;
    /** Why the walk stopped before a whole end record (and, in a segmented stream, index), or null. */
    public final String stop;

    private ContainerMap(byte[] data, Header header, List<Block> blocks, End end, String stop) {
        this(data, header, blocks, end, null, stop);
    }

    private ContainerMap(byte[] data, Header header, List<Block> blocks, End end, Index index, String stop) {
        this.data = data;
        this.header = header;
        this.blocks = List.copyOf(blocks);
        this.end = end;
        this.index = index;
        this.stop = stop;
    }

    /** Sum of the raw lengths the mapped blocks declare: the most a decoder may return. */
    public long declaredRaw() {
        long n = 0;
        for (Block b : blocks) {
            n += b.rawLength();
        }
        return n;
    }

    /** Whether the walk found a whole header, whole blocks and a whole end record (and index, if segmented). */
    public boolean complete() {
        return end != null && (!header.segmented() || index != null);
    }

    /** Bytes after the end record, or after a segmented stream's index (0 if there is none). */
    public int trailing() {
        return end == null ? 0 : data.length - (index != null ? index.end() : end.end());
    }

    /** Whether block {@code block} starts a segment after the first (never in a stream without segments). */
    public boolean laterSegmentStart(int block) {
        return header != null && header.segmented() && block > 0 && block % header.segmentBlocks() == 0;
    }

    /** The offsets of every header, block header and end record byte, in order. */
    public List<Integer> structureOffsets() {
        List<Integer> at = new ArrayList<>();
        int headerEnd = header != null ? header.end() : Math.min(data.length, 8);
        for (int i = 0; i < headerEnd; i++) {
            at.add(i);
        }
        for (Block b : blocks) {
            for (int i = b.start(); i < b.payloadAt(); i++) {
                at.add(i);
            }
        }
        if (end != null) {
            for (int i = end.start(); i < end.end(); i++) {
                at.add(i);
            }
        }
        if (index != null) {
            for (int i = index.start(); i < index.end(); i++) {
                at.add(i);
            }
        }
        return at;
    }

    /**
     * Reads a varint from {@code b[off .. end)} into {@code value[0]} as the container does; returns
     * the bytes it took, 0 if it is truncated, −1 if it is overlong or too long.
     */
    static int varint(byte[] b, int off, int end, long[] value) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (off + i >= end) {
                return 0;
            }
            int x = b[off + i] & 0xFF;
            v |= (long) (x & 0x7F) << (7 * i);
            if (x < 0x80) {
                if (x == 0 && i > 0) {
                    return -1;
                }
                value[0] = v;
                return i + 1;
            }
        }
        return -1;
    }

    /** Maps {@code data}. */
    public static ContainerMap of(byte[] data) {
        List<Block> blocks = new ArrayList<>();
        if (data.length < 8) {
            return new ContainerMap(data, null, blocks, null, "shorter than the fixed header");
        }
        long[] v = new long[1];
        int n = varint(data, BLOCK_SIZE_AT, Math.min(data.length, BLOCK_SIZE_AT + BLOCK_SIZE_MAX_BYTES), v);
        if (n <= 0) {
            return new ContainerMap(data, null, blocks, null, "block size varint malformed or truncated");
        }
        int countAt = BLOCK_SIZE_AT + n;
        if (countAt >= data.length) {
            return new ContainerMap(data, null, blocks, null, "no parameter count");
        }
        int count = data[countAt] & 0xFF;
        int paramsAt = countAt + 1;
        int paramsEnd = paramsAt + count;
        int crcAt = paramsEnd;
        int transform = data[FLAGS_AT] & 0x7F;
        if (transform == 1 || transform == 2) {
            int k = varint(data, paramsEnd, data.length, new long[1]);
            if (k <= 0) {
                return new ContainerMap(data, null, blocks, null, "dictionary size malformed or truncated");
            }
            crcAt += k;
        }
        long segmentBlocks = 0;
        if ((data[FLAGS_AT] & SEGMENTED) != 0) {
            long[] sb = new long[1];
            int k = varint(data, crcAt, data.length, sb);
            if (k <= 0 || sb[0] == 0) {
                return new ContainerMap(data, null, blocks, null, "segment field malformed, truncated or 0");
            }
            crcAt += k;
            segmentBlocks = sb[0];
        }
        if (crcAt + 4 > data.length) {
            return new ContainerMap(data, null, blocks, null, "header truncated");
        }
        List<int[]> params = new ArrayList<>();
        for (int p = paramsAt; p < paramsEnd; ) {
            int k = varint(data, p, paramsEnd, new long[1]);
            if (k <= 0) { // malformed or truncated: the rest is one piece
                params.add(new int[] {p, paramsEnd - p});
                break;
            }
            params.add(new int[] {p, k});
            p += k;
        }
        Header header = new Header(v[0], n, countAt, count, paramsAt, params, crcAt, segmentBlocks);
        int pos = header.end();
        while (true) {
            if (pos >= data.length) {
                return new ContainerMap(data, header, blocks, null, "no end record");
            }
            if (data[pos] == 0) {
                int k = varint(data, pos + 1, data.length, v);
                if (k <= 0 || pos + 1 + k + 4 > data.length) {
                    return new ContainerMap(data, header, blocks, null, "end record malformed or truncated");
                }
                End end = new End(pos, pos + 1, k, v[0], pos + 1 + k);
                if (!header.segmented()) {
                    return new ContainerMap(data, header, blocks, end, null);
                }
                return index(data, header, blocks, end);
            }
            int rawBytes = varint(data, pos, data.length, v);
            if (rawBytes <= 0) {
                return new ContainerMap(data, header, blocks, null, "raw length malformed or truncated");
            }
            long raw = v[0];
            int methodAt = pos + rawBytes;
            if (methodAt >= data.length) {
                return new ContainerMap(data, header, blocks, null, "no method byte");
            }
            int method = data[methodAt] & 0xFF;
            if (method > 3) {
                return new ContainerMap(data, header, blocks, null, "unknown method " + method);
            }
            int modelAt = -1;
            int modelBytes = -1;
            long model = raw;
            int after = methodAt + 1;
            if ((method & 2) != 0) {
                modelAt = after;
                modelBytes = varint(data, modelAt, data.length, v);
                if (modelBytes <= 0) {
                    return new ContainerMap(data, header, blocks, null, "model length malformed or truncated");
                }
                model = v[0];
                after += modelBytes;
            }
            int wordsAt = -1;
            int wordsBytes = -1;
            if ((method & 2) != 0 && header.segmented() && transform != 2 && !blocks.isEmpty()
                    && blocks.size() % header.segmentBlocks() == 0) {
                wordsAt = after;
                wordsBytes = varint(data, wordsAt, data.length, new long[1]);
                if (wordsBytes <= 0) {
                    return new ContainerMap(data, header, blocks, null, "segment's words malformed or truncated");
                }
                after += wordsBytes;
            }
            Block b;
            if ((method & 1) == 1) {
                int rawCrcAt = after;
                b = new Block(blocks.size(), pos, raw, rawBytes, methodAt, method, -1, -1, model, -1, rawCrcAt, rawCrcAt + 4, model,
                        modelAt, modelBytes, wordsAt, wordsBytes);
            } else {
                int codedAt = after;
                int codedBytes = varint(data, codedAt, data.length, v);
                if (codedBytes <= 0) {
                    return new ContainerMap(data, header, blocks, null, "coded length malformed or truncated");
                }
                int codedCrcAt = codedAt + codedBytes;
                b = new Block(blocks.size(), pos, raw, rawBytes, methodAt, method, codedAt, codedBytes, v[0],
                        codedCrcAt, codedCrcAt + 4, codedCrcAt + 8, v[0], modelAt, modelBytes, wordsAt, wordsBytes);
            }
            if (b.payloadAt() > data.length) {
                return new ContainerMap(data, header, blocks, null, "block header truncated");
            }
            blocks.add(b);
            if (b.end() > data.length) {
                return new ContainerMap(data, header, blocks, null, "payload truncated");
            }
            pos = (int) b.end();
        }
    }

    /** Walks a segmented stream's index after its end record {@code end}. */
    private static ContainerMap index(byte[] data, Header header, List<Block> blocks, End end) {
        int pos = end.end();
        List<int[]> fields = new ArrayList<>();
        long[] v = new long[1];
        long count = -1;
        for (int i = 0; count < 0 || i < 2 + 2 * count; i++) {
            int k = varint(data, pos, data.length, v);
            if (k <= 0) {
                return new ContainerMap(data, header, blocks, end, "index field " + i + " malformed or truncated");
            }
            fields.add(new int[] {pos, k});
            pos += k;
            if (i == 0) {
                count = Math.min(v[0], data.length); // each segment takes two bytes or more
            }
        }
        if (pos + 12 > data.length) {
            return new ContainerMap(data, header, blocks, end, "index trailer truncated");
        }
        return new ContainerMap(data, header, blocks, end, new Index(end.end(), fields, pos), null);
    }
}
