package org.nzip;

import java.io.IOException;
import java.io.InputStream;
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
 * Decodes the blocks of one segment: a fresh model, and a fresh text transform if the segment's first
 * block is transformed. Its dictionary is the shipped one the stream header names, if it names one
 * (for every segment); otherwise the segment defines its words, whose number the stream header
 * gives for the first segment and that block's header for a later one. A stream that is not
 * segmented is one segment. Each block is checked against its CRCs before its bytes are handed out.
 */
final class SegmentDecoder implements AutoCloseable {

    /** Coded bytes are read in pieces of this size, so a block header cannot make the reader allocate ahead of data. */
    private static final int READ_CHUNK = 1 << 20;

    private final ModelConfig model;
    private final int threads;
    private final String backend;
    private final boolean later; // a segment after the first
    private final boolean mustTransform; // its first block must be transformed (it starts the header's transform)
    private final boolean mayTransform; // its first block may be transformed
    private final int headerWords; // the first segment's dictionary words (stream header); −1: from the block header
    private final TextDictionary shipped; // the header's shipped dictionary, or null
    private final String prefix; // "segment 3, " in a segmented stream
    private BlockCoder coder; // built at the first coded block: a damaged stream never pays for a model
    private final RangeDecoder decoder = new RangeDecoder();
    private TransformDecoder transform; // null: the segment has no transform
    private byte[] raw = new byte[0];
    private byte[] coded = new byte[0];
    private byte[] modelBytes = new byte[0];
    private int blocks;

    /**
     * @param header  the stream's header
     * @param shipped the shipped dictionary the header names, or null
     * @param later   whether the segment comes after the first
     */
    SegmentDecoder(ModelConfig model, int threads, String backend, Container.Header header, TextDictionary shipped,
                   boolean later, String prefix) {
        this.model = model;
        this.threads = threads;
        this.backend = backend;
        this.later = later;
        this.shipped = shipped;
        this.prefix = prefix;
        if (shipped != null) { // every segment may use it; an unsegmented stream's header says its first block does
            mayTransform = true;
            mustTransform = !later && !header.segmented();
            headerWords = 0;
        } else if (later) { // its first block's header has its words
            mayTransform = true;
            mustTransform = false;
            headerWords = -1;
        } else {
            mayTransform = mustTransform = header.transform() == Container.TRANSFORM_TEXT;
            headerWords = mustTransform ? header.dictionaryWords() : -1;
        }
    }

    /** The decoded bytes of the last block. */
    byte[] raw() {
        return raw;
    }

    /**
     * Checks the header rules of a segment's block {@code h} at {@code blockStart}: the first block
     * decides whether the segment is transformed (and the stream header has decided for the first
     * segment); a later block must agree.
     */
    void checkHeader(Container.BlockHeader h, long blockStart) throws FormatException {
        if (blocks == 0) {
            if (mustTransform && !h.transformed()) {
                throw FormatException.corrupt(name() + ": the first block of a transformed stream is not transformed (it holds the dictionary)", blockStart);
            }
            if (!mayTransform && h.transformed()) {
                throw FormatException.corrupt(name() + " is transformed in a stream without a transform", blockStart);
            }
        } else if (h.transformed() && transform == null) {
            throw FormatException.corrupt(name() + " is transformed in a " + (later ? "segment" : "stream") + " without a transform", blockStart);
        }
    }

    /** "block 4", or "segment 2, block 4". */
    String name() {
        return prefix + "block " + blocks;
    }

    /**
     * Reads the payload of the block {@code h} (already checked by {@link #checkHeader}) from
     * {@code in}, decodes and checks it; its bytes are then {@link #raw()}{@code [0 .. rawLength)}.
     * {@code progress} hears of the symbols decoded and the coded bytes read.
     */
    void decode(Container.BlockHeader h, InputStream in, long payloadStart, BlockCoder.Progress progress) throws IOException {
        String name = name();
        if (blocks == 0 && h.transformed()) {
            transform = shipped != null ? new TransformDecoder(shipped) : new TransformDecoder(headerWords >= 0 ? headerWords : h.words());
        }
        int n = h.rawLength();
        if (raw.length < n) {
            raw = new byte[n];
        }
        if (h.transformed()) {
            transformedBlock(h, in, name, payloadStart, progress);
        } else if (h.stored()) {
            raw = readPayload(in, raw, n, name, payloadStart);
            if (Container.crc(raw, 0, n) != h.rawCrc()) {
                throw FormatException.corrupt(name + " is damaged (checksum of its stored bytes does not match)", payloadStart);
            }
            buildCoder();
            coder.absorb(raw, n, progress);
        } else {
            readCoded(h, in, name, payloadStart);
            decodeCoded(h, name, payloadStart, raw, n, progress);
            if (Container.crc(raw, 0, n) != h.rawCrc()) {
                throw FormatException.corrupt(name + " checksum does not match (data corrupt)", payloadStart);
            }
        }
        blocks++;
    }

    /** Reads a coded block's payload and checks its CRC, before anything is spent on the model. */
    private void readCoded(Container.BlockHeader h, InputStream in, String name, long payloadStart) throws IOException {
        coded = readPayload(in, coded, h.codedLength(), name, payloadStart);
        if (Container.crc(coded, 0, h.codedLength()) != h.codedCrc()) {
            throw FormatException.corrupt(name + " is damaged (checksum of its compressed bytes does not match)", payloadStart);
        }
    }

    /** Decodes the coded bytes {@link #readCoded} read into {@code length} model bytes of {@code into}. */
    private void decodeCoded(Container.BlockHeader h, String name, long payloadStart, byte[] into, int length,
                             BlockCoder.Progress progress) throws FormatException {
        buildCoder();
        try {
            decoder.init(coded, 0, h.codedLength());
            coder.decode(decoder, into, length, progress);
        } catch (CodingException e) {
            throw FormatException.corrupt(name + " is corrupt: " + e.getMessage(), payloadStart);
        }
    }

    /**
     * Reads or decodes a transformed block's model bytes, restores its raw bytes and checks them;
     * the models learn a stored block's model bytes only once they have passed.
     */
    private void transformedBlock(Container.BlockHeader h, InputStream in, String name, long payloadStart,
                                  BlockCoder.Progress progress) throws IOException {
        int n = h.rawLength();
        int m = h.modelLength();
        if (h.stored()) {
            modelBytes = readPayload(in, modelBytes, m, name, payloadStart);
        } else {
            readCoded(h, in, name, payloadStart);
            if (modelBytes.length < m) {
                modelBytes = new byte[m];
            }
            decodeCoded(h, name, payloadStart, modelBytes, m, progress);
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
            coder.absorb(modelBytes, m, progress);
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
    static byte[] readPayload(InputStream in, byte[] buf, int length, String name, long payloadStart) throws IOException {
        int got = 0;
        while (got < length) {
            int want = Math.min(length - got, READ_CHUNK);
            if (buf.length < got + want) {
                buf = java.util.Arrays.copyOf(buf, Math.min(length, Math.max(got + want, 2 * buf.length)));
            }
            int r = in.readNBytes(buf, got, want);
            got += r;
            if (r < want) {
                throw FormatException.corrupt("truncated input: " + name + " ends after " + got + " of " + length + " bytes", payloadStart + got);
            }
        }
        return buf;
    }

    /** Releases the model and its worker threads. */
    @Override
    public void close() {
        if (coder != null) {
            coder.close();
            coder = null;
        }
    }
}
