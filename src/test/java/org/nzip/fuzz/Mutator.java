package org.nzip.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.nzip.format.Container;
import org.nzip.format.Varint;

/**
 * Makes one damaged file from one or two {@link Seeds.Seed}s. Byte-level mutations (bit flips, byte
 * sets, inserts, deletes, splices, truncations, stacks of them) mostly meet a CRC; the structure-aware
 * ones rewrite a field and recompute the CRC that covers it, so the checks behind the CRCs run: header
 * fields with the header CRC recomputed, block header fields with the payload CRC recomputed for the
 * new layout, payloads replaced by garbage behind a valid coded CRC (so the range decoder and the model
 * run on garbage), end records altered, blocks dropped, repeated, swapped or grafted from another file
 * with the end record recomputed for what they now hold; a segmented stream's index rewritten field by
 * field with its CRC recomputed, entries swapped, dropped or added, its trailer damaged or cut, or
 * recomputed for rearranged blocks.
 *
 * <p>Every mutant carries the outputs a decoder may legitimately return: the seeds' originals (a
 * mutation can be a no-op, or change only what does not matter, such as the preset code) and, for
 * block-level mutations, what the rearranged blocks hold.
 */
public final class Mutator {

    /** The mutation kinds, with their weights in {@link #mutate}. */
    public enum Kind {
        BIT_FLIP(7), BYTE_SET(5), INSERT(4), DELETE(4), SPLICE(5), TRUNCATE(4), HAVOC(6),
        HEADER(10), PARAMS(10), BLOCK_HEADER(13), PAYLOAD(18), END(6), BLOCKS(8), INDEX(6);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A damaged file, what made it, the outputs a decoder may return for it, and the seed it came from. */
    public record Mutant(Kind kind, String detail, byte[] data, List<byte[]> acceptable, Seeds.Seed seed) {}

    private static final int TOTAL_WEIGHT = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    private final SplittableRandom r;

    public Mutator(SplittableRandom random) {
        this.r = random;
    }

    /** One mutant of {@code a}; {@code b} is the partner of splices and grafts (it may be {@code a}). */
    public Mutant mutate(Seeds.Seed a, Seeds.Seed b) {
        int x = r.nextInt(TOTAL_WEIGHT);
        Kind kind = Kind.BIT_FLIP;
        for (Kind k : Kind.values()) {
            if (x < k.weight) {
                kind = k;
                break;
            }
            x -= k.weight;
        }
        return mutate(kind, a, b);
    }

    /** One mutant of the given kind. */
    public Mutant mutate(Kind kind, Seeds.Seed a, Seeds.Seed b) {
        List<byte[]> acceptable = new ArrayList<>(List.of(a.original()));
        if (kind == Kind.INSERT || kind == Kind.HAVOC || kind == Kind.PAYLOAD) { // they may copy the partner's bytes
            acceptable.add(b.original());
        }
        StringBuilder detail = new StringBuilder(a.name()).append(": ");
        byte[] data = switch (kind) {
            case BIT_FLIP, BYTE_SET, INSERT, DELETE, TRUNCATE -> generic(kind, a.file(), a.map(), b.file(), detail);
            case SPLICE -> {
                acceptable.add(b.original());
                yield splice(a, b, detail);
            }
            case HAVOC -> {
                byte[] d = a.file();
                int n = 2 + r.nextInt(7);
                detail.append("havoc");
                for (int i = 0; i < n; i++) {
                    Kind k = List.of(Kind.BIT_FLIP, Kind.BYTE_SET, Kind.INSERT, Kind.DELETE, Kind.TRUNCATE, Kind.BIT_FLIP).get(r.nextInt(6));
                    detail.append(i == 0 ? " " : "; ");
                    d = generic(k, d, ContainerMap.of(d), b.file(), detail);
                }
                yield d;
            }
            case HEADER -> header(a, detail);
            case PARAMS -> params(a, detail);
            case BLOCK_HEADER -> blockHeader(a, detail);
            case PAYLOAD -> payload(a, b, detail);
            case END -> end(a, b, detail, acceptable);
            case BLOCKS -> blocks(a, b, detail, acceptable);
            case INDEX -> index(a, b, detail, acceptable);
        };
        return new Mutant(kind, detail.toString(), data, acceptable, a);
    }

    // ---- byte-level ----

    /** A position, a third of the time in the header, a block header or the end record. */
    private int position(byte[] d, ContainerMap map, boolean inclusiveEnd) {
        if (map != null && r.nextInt(3) == 0) {
            List<Integer> at = map.structureOffsets();
            if (!at.isEmpty()) {
                return at.get(r.nextInt(at.size()));
            }
        }
        return r.nextInt(d.length + (inclusiveEnd ? 1 : 0));
    }

    private byte[] generic(Kind kind, byte[] d, ContainerMap map, byte[] other, StringBuilder detail) {
        if (d.length == 0 && kind != Kind.INSERT) {
            kind = Kind.INSERT;
        }
        switch (kind) {
            case BIT_FLIP -> {
                int at = position(d, map, false);
                int bit = r.nextInt(8);
                detail.append("flip bit ").append(bit).append(" at ").append(at);
                byte[] out = d.clone();
                out[at] ^= (byte) (1 << bit);
                return out;
            }
            case BYTE_SET -> {
                int at = position(d, map, false);
                int[] values = {0, 1, 0x7F, 0x80, 0xFF, (d[at] + 1) & 0xFF, (d[at] - 1) & 0xFF, r.nextInt(256)};
                int v = values[r.nextInt(values.length)];
                detail.append("set byte ").append(at).append(" to 0x").append(Integer.toHexString(v));
                byte[] out = d.clone();
                out[at] = (byte) v;
                return out;
            }
            case INSERT -> {
                int at = position(d, map, true);
                byte[] ins;
                if (r.nextInt(3) == 0 && other.length > 0) {
                    int from = r.nextInt(other.length);
                    ins = Arrays.copyOfRange(other, from, Math.min(other.length, from + 1 + r.nextInt(64)));
                    detail.append("insert ").append(ins.length).append(" bytes of the partner at ").append(at);
                } else {
                    ins = randomBytes(r.nextInt(8) == 0 ? 1 + r.nextInt(1100) : 1 + r.nextInt(16));
                    detail.append("insert ").append(ins.length).append(" random bytes at ").append(at);
                }
                return concat(Arrays.copyOf(d, at), ins, Arrays.copyOfRange(d, at, d.length));
            }
            case DELETE -> {
                int at = position(d, map, false);
                int n = Math.min(d.length - at, r.nextInt(8) == 0 ? 1 + r.nextInt(1100) : 1 + r.nextInt(16));
                detail.append("delete ").append(n).append(" bytes at ").append(at);
                return concat(Arrays.copyOf(d, at), Arrays.copyOfRange(d, at + n, d.length));
            }
            case TRUNCATE -> {
                int n = map != null && r.nextBoolean() ? position(d, map, false) : r.nextInt(d.length);
                detail.append("truncate to ").append(n);
                return Arrays.copyOf(d, n);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    private byte[] splice(Seeds.Seed a, Seeds.Seed b, StringBuilder detail) {
        byte[] x = a.file();
        byte[] y = b.file();
        int i;
        int j;
        int how = r.nextInt(3);
        if (how == 0) { // the same offset in both
            i = j = r.nextInt(Math.min(x.length, y.length) + 1);
        } else if (how == 1) { // at block or record boundaries of both
            i = boundary(a.map());
            j = boundary(b.map());
        } else {
            i = r.nextInt(x.length + 1);
            j = r.nextInt(y.length + 1);
        }
        detail.append("splice ").append(i).append(" bytes + ").append(b.name()).append(" from ").append(j);
        return concat(Arrays.copyOf(x, i), Arrays.copyOfRange(y, j, y.length));
    }

    private int boundary(ContainerMap map) {
        List<Integer> at = new ArrayList<>();
        at.add(map.header.end());
        for (ContainerMap.Block blk : map.blocks) {
            at.add(blk.start());
            at.add(blk.payloadAt());
        }
        at.add(map.end.start());
        at.add(map.end.end());
        return at.get(r.nextInt(at.size()));
    }

    // ---- header ----

    /** Rewrites one header field; the header CRC is recomputed nine times in ten. */
    private byte[] header(Seeds.Seed s, StringBuilder detail) {
        byte[] d = s.file();
        ContainerMap.Header h = s.map().header;
        byte[] fixed = Arrays.copyOf(d, 8);
        byte[] blockSize = Arrays.copyOfRange(d, ContainerMap.BLOCK_SIZE_AT, h.countAt());
        int field = r.nextInt(6);
        switch (field) {
            case 0 -> {
                int[] values = {0, 1, 2, 4, 0x80, 0xFF, r.nextInt(256)};
                fixed[ContainerMap.VERSION_AT] = (byte) values[r.nextInt(values.length)];
                detail.append("version ").append(fixed[4] & 0xFF);
            }
            case 1 -> {
                int v = r.nextBoolean() ? 1 << r.nextInt(8) : r.nextInt(256);
                fixed[ContainerMap.FLAGS_AT] = (byte) v;
                detail.append("flags 0x").append(Integer.toHexString(v));
            }
            case 2 -> {
                int[] values = {0, 1, 2, 3, 4, 5, 6, 7, 0xFF, r.nextInt(256)};
                fixed[ContainerMap.KIND_AT] = (byte) values[r.nextInt(values.length)];
                detail.append("kind ").append(fixed[6] & 0xFF);
            }
            case 3 -> {
                int[] values = {0, 1, 2, 3, 4, 5, 0xFF, r.nextInt(256)};
                fixed[ContainerMap.PRESET_AT] = (byte) values[r.nextInt(values.length)];
                detail.append("preset ").append(fixed[7] & 0xFF);
            }
            default -> {
                long maxRaw = 1;
                for (ContainerMap.Block b : s.map().blocks) {
                    maxRaw = Math.max(maxRaw, b.rawLength());
                }
                long[] values = {0, 1, Container.MIN_BLOCK - 1, Container.MIN_BLOCK, Container.MIN_BLOCK + 1,
                        h.blockSize() - 1, h.blockSize() + 1, 2 * h.blockSize(), maxRaw - 1, maxRaw,
                        Container.MAX_BLOCK, Container.MAX_BLOCK + 1L, (1L << 28) - 1, r.nextLong(1L << 27)};
                long v = values[r.nextInt(values.length)];
                blockSize = r.nextInt(8) == 0 ? overlong(v) : varint(v);
                detail.append("block size ").append(v).append(" in ").append(blockSize.length).append(" bytes");
            }
        }
        byte[] params = Arrays.copyOfRange(d, h.paramsAt(), h.crcAt());
        boolean fix = r.nextInt(10) != 0;
        detail.append(fix ? ", header CRC recomputed" : ", header CRC kept");
        byte[] head = header(fixed, blockSize, h.count(), params, fix ? -1 : crcOf(d, h.crcAt()));
        return concat(head, Arrays.copyOfRange(d, h.end(), d.length));
    }

    /** Rewrites the parameter bytes: one parameter's value or encoding, or a parameter added or removed; header CRC recomputed. */
    private byte[] params(Seeds.Seed s, StringBuilder detail) {
        byte[] d = s.file();
        ContainerMap.Header h = s.map().header;
        List<byte[]> list = new ArrayList<>();
        for (int[] p : h.params()) {
            list.add(Arrays.copyOfRange(d, p[0], p[0] + p[1]));
        }
        int i = list.isEmpty() ? 0 : r.nextInt(list.size());
        int what = list.isEmpty() ? 7 : r.nextInt(10);
        long old = 0;
        if (!list.isEmpty()) {
            long[] v = new long[1];
            ContainerMap.varint(list.get(i), 0, list.get(i).length, v);
            old = v[0];
        }
        detail.append("parameter ").append(i).append(": ");
        switch (what) {
            case 0, 1 -> { // a small change of the zigzag or XOR value
                long v = Math.max(0, old + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(4)));
                list.set(i, varint(v));
                detail.append(old).append(" -> ").append(v);
            }
            case 2, 3 -> { // one bit of the 32-bit value
                long v = old ^ (1L << r.nextInt(32));
                list.set(i, varint(v));
                detail.append(old).append(" -> ").append(v);
            }
            case 4 -> {
                long v = r.nextInt(3) == 0 ? r.nextLong(1L << 32) : r.nextInt(256);
                list.set(i, varint(v));
                detail.append(old).append(" -> ").append(v);
            }
            case 5 -> { // malformed: overlong, above 32 bits, or cut
                int m = r.nextInt(3);
                byte[] e = m == 0 ? overlong(old) : m == 1 ? varint(old | (1L << (32 + r.nextInt(20)))) : cut(list.get(i));
                list.set(i, e);
                detail.append(m == 0 ? "overlong" : m == 1 ? "above 32 bits" : "cut").append(" encoding of ").append(old);
            }
            case 6 -> {
                list.remove(i);
                detail.append("removed");
            }
            case 7 -> {
                list.add(i, varint(r.nextInt(4) == 0 ? r.nextLong(1L << 32) : r.nextInt(8)));
                detail.append("inserted");
            }
            case 8 -> { // every parameter at its reference value
                for (int k = 0; k < list.size(); k++) {
                    list.set(k, new byte[1]);
                }
                detail.append("all at their reference values");
            }
            default -> { // the last parameters dropped, or random bytes appended
                if (r.nextBoolean()) {
                    int keep = r.nextInt(list.size());
                    list.subList(keep, list.size()).clear();
                    detail.append("only the first ").append(keep).append(" kept");
                } else {
                    list.add(randomBytes(1 + r.nextInt(4)));
                    detail.append("random bytes appended");
                }
            }
        }
        byte[] params = concat(list.toArray(new byte[0][]));
        if (params.length > 255) {
            params = Arrays.copyOf(params, 255);
        }
        byte[] tail = Arrays.copyOfRange(d, h.paramsAt() + h.count(), h.crcAt()); // a dictionary's field, the segment field
        byte[] head = header(Arrays.copyOf(d, 8), Arrays.copyOfRange(d, ContainerMap.BLOCK_SIZE_AT, h.countAt()),
                params.length, concat(params, tail), -1);
        return concat(head, Arrays.copyOfRange(d, h.end(), d.length));
    }

    /** A header; {@code crc} -1: computed over the preceding bytes. */
    static byte[] header(byte[] fixed, byte[] blockSize, int count, byte[] params, int crc) {
        byte[] body = concat(Arrays.copyOf(fixed, 8), blockSize, new byte[] {(byte) count}, params);
        return concat(body, int32(crc == -1 ? crc(body, 0, body.length) : crc));
    }

    // ---- blocks ----

    private ContainerMap.Block pickBlock(ContainerMap map, boolean preferCoded) {
        List<ContainerMap.Block> pool = new ArrayList<>();
        for (ContainerMap.Block b : map.blocks) {
            if (!preferCoded || !b.stored()) {
                pool.add(b);
            }
        }
        if (pool.isEmpty()) {
            pool = map.blocks;
        }
        return pool.isEmpty() ? null : pool.get(r.nextInt(pool.size()));
    }

    /**
     * Rewrites a block header's raw length, method or coded length, or one of its CRCs; the CRC that
     * covers the payload under the new layout is recomputed (if the file holds those bytes) five
     * times in six.
     */
    private byte[] blockHeader(Seeds.Seed s, StringBuilder detail) {
        byte[] d = s.file();
        ContainerMap.Block b = pickBlock(s.map(), false);
        if (b == null) {
            return end(s, s, detail, new ArrayList<>());
        }
        long raw = b.rawLength();
        int method = b.method();
        long coded = b.codedLength();
        int rawCrc = crcOf(d, b.rawCrcAt());
        int codedCrc = b.stored() ? 0 : crcOf(d, b.codedCrcAt());
        byte[] rawEnc = Arrays.copyOfRange(d, b.start(), b.methodAt());
        byte[] codedEnc = b.stored() ? varint(raw - 1) : Arrays.copyOfRange(d, b.codedAt(), b.codedCrcAt());
        byte[] modelEnc = b.transformed() ? Arrays.copyOfRange(d, b.modelAt(), b.modelAt() + b.modelBytes()) : varint(raw);
        if (b.wordsAt() >= 0) { // a later segment's words follow the model length
            modelEnc = concat(modelEnc, Arrays.copyOfRange(d, b.wordsAt(), b.wordsAt() + b.wordsBytes()));
        }
        int blockSize = (int) s.map().header.blockSize();
        detail.append("block ").append(b.index()).append(": ");
        boolean recompute = r.nextInt(6) != 0;
        switch (r.nextInt(7)) {
            case 0, 1 -> {
                if (b.transformed() && r.nextBoolean()) {
                    long model = b.payloadLength();
                    long[] values = {model - 1, model + 1, 0, 1, raw, raw + 1, r.nextInt((int) Math.max(1, raw))};
                    long m = Math.max(0, values[r.nextInt(values.length)]);
                    modelEnc = r.nextInt(8) == 0 ? overlong(m) : varint(m);
                    if (b.wordsAt() >= 0) {
                        if (r.nextBoolean()) { // the words instead
                            long[] w = new long[1];
                            ContainerMap.varint(d, b.wordsAt(), d.length, w);
                            long[] words = {w[0] - 1, w[0] + 1, 0, 65_536, 65_537, r.nextInt(1 << 17)};
                            long x = Math.max(0, words[r.nextInt(words.length)]);
                            modelEnc = concat(Arrays.copyOfRange(d, b.modelAt(), b.modelAt() + b.modelBytes()), varint(x));
                            detail.append("segment's words ").append(x);
                            break;
                        }
                        modelEnc = concat(modelEnc, Arrays.copyOfRange(d, b.wordsAt(), b.wordsAt() + b.wordsBytes()));
                    }
                    detail.append("model length ").append(m);
                    break;
                }
                long[] values = {raw - 1, raw + 1, raw - 1 - r.nextInt(64), raw + 1 + r.nextInt(64), 1, 0x7F, 0x80,
                        blockSize, blockSize + 1, 2 * raw, Container.MAX_BLOCK, 1 + r.nextInt(1 << 20), 0};
                raw = Math.max(0, values[r.nextInt(values.length)]);
                rawEnc = r.nextInt(8) == 0 ? overlong(raw) : varint(raw);
                detail.append("raw length ").append(raw);
            }
            case 2 -> {
                int[] values = {0, 1, 2, 3, 4, 0x80, 0xFF, r.nextInt(256)};
                method = values[r.nextInt(values.length)];
                if ((method == 0 || method == 2) && b.stored()) { // becomes coded: needs a coded length
                    coded = r.nextBoolean() ? raw - 1 : r.nextInt((int) Math.max(1, raw));
                    codedEnc = varint(coded);
                }
                detail.append("method ").append(method);
            }
            case 3, 4 -> {
                if (b.stored()) {
                    method &= 2; // a coded length needs a coded block
                }
                long[] values = {coded - 1, coded + 1, coded - 1 - r.nextInt(32), coded + 1 + r.nextInt(32), 0, 1,
                        raw - 1, raw, raw + 1, r.nextInt((int) Math.max(1, raw))};
                coded = Math.max(0, values[r.nextInt(values.length)]);
                codedEnc = r.nextInt(8) == 0 ? overlong(coded) : varint(coded);
                detail.append("coded length ").append(coded).append(b.stored() ? " (was stored)" : "");
            }
            case 5 -> {
                rawCrc ^= 1 << r.nextInt(32);
                recompute = false;
                detail.append("raw CRC");
            }
            default -> {
                codedCrc ^= 1 << r.nextInt(32);
                recompute = false;
                detail.append("coded CRC");
            }
        }
        byte[] methodByte = {(byte) method};
        byte[] head = method == 0 ? concat(rawEnc, methodByte, codedEnc, int32(codedCrc), int32(rawCrc))
                : method == 1 ? concat(rawEnc, methodByte, int32(rawCrc))
                : method == 2 ? concat(rawEnc, methodByte, modelEnc, codedEnc, int32(codedCrc), int32(rawCrc))
                : method == 3 ? concat(rawEnc, methodByte, modelEnc, int32(rawCrc))
                : concat(rawEnc, methodByte, method == 4 ? int32(rawCrc) : new byte[0]);
        byte[] rest = Arrays.copyOfRange(d, b.payloadAt(), d.length);
        if (recompute && (method == 0 || method == 1 || method == 2)) { // a stored transformed block has no payload CRC
            long cover = method == 1 ? raw : coded;
            if (cover <= rest.length) {
                int c = crc(rest, 0, (int) cover);
                int at = head.length - (method == 1 ? 4 : 8);
                System.arraycopy(int32(c), 0, head, at, 4);
                detail.append(method == 1 ? ", raw CRC recomputed" : ", coded CRC recomputed");
            }
        }
        return concat(Arrays.copyOf(d, b.start()), head, rest);
    }

    /**
     * Replaces (part of) a block's payload with garbage, keeping the CRC that covers it valid: the coded
     * CRC of a coded block (so the range decoder and the model run on garbage and only the raw CRC or the
     * coder's end check can tell), the raw CRC of a stored block (so only the end record can tell).
     */
    private byte[] payload(Seeds.Seed s, Seeds.Seed partner, StringBuilder detail) {
        byte[] d = s.file();
        ContainerMap.Block b = pickBlock(s.map(), r.nextInt(5) != 0);
        if (b == null) {
            return end(s, partner, detail, new ArrayList<>());
        }
        byte[] p = Arrays.copyOfRange(d, b.payloadAt(), (int) b.end());
        detail.append("block ").append(b.index()).append(b.stored() ? " (stored)" : "").append(" payload: ");
        switch (r.nextInt(10)) {
            case 0, 1 -> {
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n && p.length > 0; i++) {
                    p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
                }
                detail.append(n).append(" bit flips");
            }
            case 2 -> {
                if (p.length > 0) {
                    int at = r.nextInt(p.length);
                    int n = 1 + r.nextInt(p.length - at);
                    System.arraycopy(randomBytes(n), 0, p, at, n);
                    detail.append(n).append(" random bytes at ").append(at);
                }
            }
            case 3 -> {
                p = randomBytes(p.length);
                detail.append("all random");
            }
            case 4 -> {
                Arrays.fill(p, (byte) (r.nextBoolean() ? 0 : 0xFF));
                detail.append("all 0x").append(Integer.toHexString(p.length > 0 ? p[0] & 0xFF : 0));
            }
            case 5 -> {
                int keep = p.length == 0 ? 0 : r.nextInt(p.length);
                p = Arrays.copyOf(p, keep);
                detail.append("cut to ").append(keep);
            }
            case 6 -> {
                int add = 1 + r.nextInt(r.nextBoolean() ? 8 : 600);
                p = concat(p, randomBytes(add));
                detail.append(add).append(" random bytes appended");
            }
            case 7 -> { // the payload of another block, of this file or the partner
                Seeds.Seed from = r.nextBoolean() ? s : partner;
                ContainerMap.Block o = pickBlock(from.map(), false);
                if (o != null) {
                    p = Arrays.copyOfRange(from.file(), o.payloadAt(), (int) o.end());
                    detail.append("that of ").append(from.name()).append(" block ").append(o.index());
                }
            }
            case 8 -> { // a prefix kept, the rest random: the decoder runs right for a while
                if (p.length > 1) {
                    int at = p.length / 2 + r.nextInt(p.length - p.length / 2);
                    System.arraycopy(randomBytes(p.length - at), 0, p, at, p.length - at);
                    detail.append("random from ").append(at);
                }
            }
            default -> { // the last byte changed: the coder's end check
                if (p.length > 0) {
                    p[p.length - 1] = (byte) r.nextInt(256);
                    detail.append("last byte");
                }
            }
        }
        byte[] head;
        if (b.transformed()) { // keeps the method; a stored transformed block's raw CRC covers the bytes it restores
            byte[] rawCrc = Arrays.copyOfRange(d, b.rawCrcAt(), b.rawCrcAt() + 4);
            byte[] words = b.wordsAt() >= 0 ? Arrays.copyOfRange(d, b.wordsAt(), b.wordsAt() + b.wordsBytes()) : new byte[0];
            head = b.stored() ? concat(varint(b.rawLength()), new byte[] {3}, varint(Math.max(1, p.length)), words, rawCrc)
                    : concat(varint(b.rawLength()), new byte[] {2}, Arrays.copyOfRange(d, b.modelAt(), b.modelAt() + b.modelBytes()),
                            words, varint(p.length), int32(crc(p, 0, p.length)), rawCrc);
        } else if (b.stored()) {
            head = concat(varint(p.length), new byte[] {1}, int32(crc(p, 0, p.length)));
        } else {
            head = concat(varint(b.rawLength()), new byte[] {0}, varint(p.length), int32(crc(p, 0, p.length)),
                    Arrays.copyOfRange(d, b.rawCrcAt(), b.rawCrcAt() + 4));
        }
        detail.append(b.transformed() && b.stored() ? "" : b.stored() ? ", raw CRC recomputed" : ", coded CRC recomputed");
        return concat(Arrays.copyOf(d, b.start()), head, p, Arrays.copyOfRange(d, (int) b.end(), d.length));
    }

    // ---- end record ----

    private byte[] end(Seeds.Seed s, Seeds.Seed partner, StringBuilder detail, List<byte[]> acceptable) {
        byte[] d = s.file();
        ContainerMap.End e = s.map().end;
        byte[] before = Arrays.copyOf(d, e.start());
        byte[] after = Arrays.copyOfRange(d, e.end(), d.length); // a segmented stream's index
        long length = e.length();
        byte[] crc = Arrays.copyOfRange(d, e.crcAt(), e.crcAt() + 4);
        detail.append("end record: ");
        switch (r.nextInt(9)) {
            case 0, 1 -> {
                long[] values = {length - 1, length + 1, length + 1024, Math.max(0, length - 1024), 0, 1L << 62,
                        Long.MAX_VALUE, r.nextLong(1L << 20)};
                long v = Math.max(0, values[r.nextInt(values.length)]);
                detail.append("length ").append(v);
                return concat(before, new byte[] {0}, r.nextInt(6) == 0 ? overlong(v) : varint(v), crc, after);
            }
            case 2 -> {
                crc[r.nextInt(4)] ^= (byte) (1 << r.nextInt(8));
                detail.append("CRC bit");
                return concat(before, new byte[] {0}, varint(length), crc, after);
            }
            case 3 -> {
                int m = 1 + r.nextInt(255);
                detail.append("marker 0x").append(Integer.toHexString(m));
                return concat(before, new byte[] {(byte) m}, Arrays.copyOfRange(d, e.start() + 1, d.length));
            }
            case 4 -> {
                byte[] tail = r.nextBoolean() ? randomBytes(1 + r.nextInt(16)) : partner.file();
                detail.append(tail.length).append(" bytes appended");
                return concat(d, tail);
            }
            case 5 -> {
                detail.append("twice");
                return concat(d, Arrays.copyOfRange(d, e.start(), e.end()));
            }
            case 6 -> {
                detail.append("missing");
                return before;
            }
            case 7 -> { // a length varint of ten bytes or more
                detail.append("length in 10 bytes");
                byte[] v = new byte[10];
                Arrays.fill(v, (byte) 0x80);
                v[9] = 1;
                return concat(before, new byte[] {0}, v, crc, after);
            }
            default -> { // length and CRC of a different content, consistent with each other
                byte[] other = Arrays.copyOf(s.original(), Math.max(0, s.original().length - 1 - r.nextInt(8)));
                detail.append("length and CRC of ").append(other.length).append(" bytes");
                return concat(before, endRecord(other), after);
            }
        }
    }

    /**
     * Drops, repeats, swaps or grafts whole blocks; the end record is recomputed (four times in five)
     * for what the blocks now hold, which is then an acceptable output too.
     */
    private byte[] blocks(Seeds.Seed s, Seeds.Seed partner, StringBuilder detail, List<byte[]> acceptable) {
        List<ContainerMap.Block> bl = s.map().blocks;
        if (bl.isEmpty()) {
            return end(s, partner, detail, acceptable);
        }
        List<byte[]> raws = new ArrayList<>(); // block records (header and payload)
        List<byte[]> contents = new ArrayList<>();
        for (ContainerMap.Block b : bl) {
            raws.add(Arrays.copyOfRange(s.file(), b.start(), (int) b.end()));
        }
        contents.addAll(s.blockContents());
        int i = r.nextInt(bl.size());
        detail.append("blocks: ");
        switch (r.nextInt(5)) {
            case 0 -> {
                raws.remove(i);
                contents.remove(i);
                detail.append("drop ").append(i);
            }
            case 1 -> {
                raws.add(i, raws.get(i));
                contents.add(i, contents.get(i));
                detail.append("repeat ").append(i);
            }
            case 2 -> {
                int j = r.nextInt(bl.size());
                java.util.Collections.swap(raws, i, j);
                java.util.Collections.swap(contents, i, j);
                detail.append("swap ").append(i).append(" and ").append(j);
            }
            case 3 -> {
                int keep = r.nextInt(bl.size());
                raws.subList(keep, raws.size()).clear();
                contents.subList(keep, contents.size()).clear();
                detail.append("keep the first ").append(keep);
            }
            default -> { // this file's first i blocks, then the partner's from j
                List<ContainerMap.Block> pb = partner.map().blocks;
                int j = pb.isEmpty() ? 0 : r.nextInt(pb.size() + 1);
                raws.subList(i, raws.size()).clear();
                contents.subList(i, contents.size()).clear();
                for (int k = j; k < pb.size(); k++) {
                    raws.add(Arrays.copyOfRange(partner.file(), pb.get(k).start(), (int) pb.get(k).end()));
                    contents.add(partner.blockContents().get(k));
                }
                detail.append("first ").append(i).append(", then ").append(partner.name()).append(" from block ").append(j);
            }
        }
        byte[] implied = concat(contents.toArray(new byte[0][]));
        acceptable.add(implied);
        ContainerMap.End e = s.map().end;
        byte[] end = r.nextInt(5) != 0 ? endRecord(implied) : Arrays.copyOfRange(s.file(), e.start(), e.end());
        byte[] index = new byte[0];
        ContainerMap.Header h = s.map().header;
        if (h.segmented()) { // the index of the blocks as they now are, four times in five, else the seed's
            if (r.nextInt(5) != 0) {
                List<long[]> entries = new ArrayList<>();
                for (int k = 0; k < raws.size(); k += (int) h.segmentBlocks()) {
                    long coded = 0;
                    long raw = 0;
                    for (int j = k; j < Math.min(raws.size(), k + h.segmentBlocks()); j++) {
                        coded += raws.get(j).length;
                        raw += contents.get(j).length;
                    }
                    entries.add(new long[] {coded, raw});
                }
                index = segmentIndex(entries.size(), h.end(), entries);
                detail.append(", index recomputed");
            } else {
                ContainerMap.Index x = s.map().index;
                index = Arrays.copyOfRange(s.file(), x.start(), x.end());
            }
        }
        return concat(Arrays.copyOf(s.file(), h.end()), concat(raws.toArray(new byte[0][])), end, index);
    }

    // ---- segment index ----

    /**
     * Rewrites a segmented stream's index (a stream without one gets an end record mutation): a field's
     * value or encoding, entries swapped, dropped, added or moved, the trailer's length, CRC or magic,
     * the index cut, missing, doubled or the partner's. The index length and CRC are recomputed where the
     * change is to the entries, five times in six, so the checks behind the CRC run.
     */
    private byte[] index(Seeds.Seed s, Seeds.Seed partner, StringBuilder detail, List<byte[]> acceptable) {
        ContainerMap.Index x = s.map().index;
        if (x == null) {
            return end(s, partner, detail, acceptable);
        }
        byte[] d = s.file();
        byte[] before = Arrays.copyOf(d, x.start());
        List<byte[]> fields = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        long[] v = new long[1];
        for (int[] f : x.fields()) {
            fields.add(Arrays.copyOfRange(d, f[0], f[0] + f[1]));
            ContainerMap.varint(d, f[0], d.length, v);
            values.add(v[0]);
        }
        byte[] trailer = Arrays.copyOfRange(d, x.trailerAt(), x.end());
        boolean recompute = r.nextInt(6) != 0;
        detail.append("index: ");
        int segments = (fields.size() - 2) / 2;
        switch (r.nextInt(9)) {
            case 0, 1 -> { // one field's value or encoding
                int i = r.nextInt(fields.size());
                long old = values.get(i);
                long[] choices = {old - 1, old + 1, 0, 1, old * 2, old / 2, 0x7F, 0x80, Integer.MAX_VALUE, 1L << 40,
                        d.length, r.nextInt(1 << 16)};
                long nv = Math.max(0, choices[r.nextInt(choices.length)]);
                fields.set(i, r.nextInt(8) == 0 ? overlong(nv) : varint(nv));
                String[] names = {"count", "header length"};
                detail.append(i < 2 ? names[i] : "segment " + (i - 2) / 2 + ((i % 2 == 0) ? " coded" : " raw") + " length")
                        .append(' ').append(old).append(" -> ").append(nv);
            }
            case 2 -> { // two segments' entries, or only their coded lengths, swapped
                if (segments >= 2) {
                    int a = r.nextInt(segments);
                    int b = (a + 1 + r.nextInt(segments - 1)) % segments;
                    boolean both = r.nextBoolean();
                    java.util.Collections.swap(fields, 2 + 2 * a, 2 + 2 * b);
                    if (both) {
                        java.util.Collections.swap(fields, 3 + 2 * a, 3 + 2 * b);
                    }
                    detail.append("segments ").append(a).append(" and ").append(b).append(both ? " swapped" : " coded lengths swapped");
                }
            }
            case 3 -> { // coded bytes moved from one segment to its neighbour: the sum stays
                if (segments >= 2) {
                    int a = r.nextInt(segments - 1);
                    long shift = Math.min(values.get(2 + 2 * a) - 1, 1 + r.nextInt(64)) * (r.nextBoolean() ? 1 : -1);
                    if (shift < 0) {
                        shift = -Math.min(-shift, values.get(4 + 2 * a) - 1);
                    }
                    fields.set(2 + 2 * a, varint(values.get(2 + 2 * a) - shift));
                    fields.set(4 + 2 * a, varint(values.get(4 + 2 * a) + shift));
                    detail.append(shift).append(" coded bytes from segment ").append(a).append(" to ").append(a + 1);
                }
            }
            case 4 -> { // an entry dropped or added, the count adjusted or not
                boolean drop = segments > 0 && r.nextBoolean();
                boolean count = r.nextBoolean();
                if (drop) {
                    int a = r.nextInt(segments);
                    fields.remove(2 + 2 * a);
                    fields.remove(2 + 2 * a);
                } else {
                    fields.add(varint(1 + r.nextInt(600)));
                    fields.add(varint(1 + r.nextInt(2000)));
                }
                if (count) {
                    fields.set(0, varint(segments + (drop ? -1 : 1)));
                }
                detail.append(drop ? "an entry dropped" : "an entry added").append(count ? ", count adjusted" : "");
            }
            case 5 -> { // the trailer: index length, CRC or magic
                int at = r.nextInt(12);
                trailer[at] ^= (byte) (1 << r.nextInt(8));
                recompute = false;
                detail.append("trailer byte ").append(at).append(" flipped");
            }
            case 6 -> { // cut, or missing
                byte[] whole = Arrays.copyOfRange(d, x.start(), x.end());
                int keep = r.nextInt(whole.length);
                detail.append("cut to ").append(keep).append(" bytes");
                return concat(before, Arrays.copyOf(whole, keep));
            }
            case 7 -> { // twice, or the partner's index (or end record and index) instead
                byte[] whole = Arrays.copyOfRange(d, x.start(), x.end());
                ContainerMap.Index y = partner.map().index;
                if (y == null || r.nextBoolean()) {
                    detail.append("twice");
                    return concat(d, whole);
                }
                detail.append("that of ").append(partner.name());
                return concat(before, Arrays.copyOfRange(partner.file(), y.start(), y.end()));
            }
            default -> { // the header length pointing into the header or a block, with the CRC valid
                long hl = values.get(1);
                long nv = r.nextBoolean() ? Math.max(0, hl - 1 - r.nextInt(8)) : hl + 1 + r.nextInt(64);
                fields.set(1, varint(nv));
                detail.append("header length ").append(hl).append(" -> ").append(nv);
            }
        }
        byte[] body = concat(fields.toArray(new byte[0][]));
        if (recompute) {
            detail.append(", length and CRC recomputed");
            return concat(before, indexOf(body));
        }
        return concat(before, body, trailer);
    }

    /** An index of {@code count} segments after a header of {@code headerLength} bytes: varints, then the trailer. */
    static byte[] segmentIndex(long count, long headerLength, List<long[]> entries) {
        List<byte[]> parts = new ArrayList<>(List.of(varint(count), varint(headerLength)));
        for (long[] e : entries) {
            parts.add(varint(e[0]));
            parts.add(varint(e[1]));
        }
        return indexOf(concat(parts.toArray(new byte[0][])));
    }

    /** The index body {@code body} with its trailer: length, CRC32C of the body and length, magic. */
    static byte[] indexOf(byte[] body) {
        byte[] withLength = concat(body, int32(body.length));
        return concat(withLength, int32(crc(withLength, 0, withLength.length)), org.nzip.format.SegmentIndex.MAGIC);
    }

    /** A valid end record for {@code content}. */
    static byte[] endRecord(byte[] content) {
        return concat(new byte[] {0}, varint(content.length), int32(crc(content, 0, content.length)));
    }

    // ---- helpers ----

    static byte[] varint(long v) {
        byte[] b = new byte[10];
        return Arrays.copyOf(b, Varint.put(b, 0, v));
    }

    /** {@code v} with one or more needless continuation groups: invalid, as only the shortest form is. */
    private byte[] overlong(long v) {
        byte[] b = varint(v);
        int extra = 1 + r.nextInt(2);
        byte[] out = Arrays.copyOf(b, b.length + extra);
        out[b.length - 1] |= (byte) 0x80;
        for (int i = 0; i < extra - 1; i++) {
            out[b.length + i] = (byte) 0x80;
        }
        out[out.length - 1] = 0;
        return out;
    }

    /** A varint cut before its end: the continuation bit set on its last byte. */
    private static byte[] cut(byte[] v) {
        byte[] out = v.clone();
        out[out.length - 1] |= (byte) 0x80;
        return out;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    static int crcOf(byte[] d, int at) {
        return (d[at] & 0xFF) << 24 | (d[at + 1] & 0xFF) << 16 | (d[at + 2] & 0xFF) << 8 | (d[at + 3] & 0xFF);
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
