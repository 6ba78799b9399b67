package org.nzip;

import java.io.IOException;
import java.io.OutputStream;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.coder.RangeEncoder;
import org.nzip.format.Container;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformEncoder;
import org.nzip.transform.TransformMode;

/**
 * Codes the blocks of one segment: a fresh model and a fresh text transform, which the segment's
 * first block decides on (as a stream's first block does). With {@link TextDictionary#FILE} a
 * segment defines its own words (a later segment's first block header says how many); with a shipped
 * dictionary every segment uses the one the stream header names. A stream that is not segmented is one
 * segment. {@link #prepare} transforms a block, then {@link #write} codes it and writes its record, so
 * the stream's header (which names the first segment's transform) can go out in between.
 */
final class SegmentEncoder implements AutoCloseable {

    private final ModelConfig model;
    private final int threads;
    private final String backend;
    private final int blockSize;
    private final boolean laterSegment; // its first block's header holds the dictionary's words (if the segment defines them)
    private final boolean definesWords; // the dictionary is built from the segment's first block
    private final TransformEncoder transform;
    private BlockCoder coder;
    private RangeEncoder encoder;
    private byte[] block;
    private int fill;
    private int modelLength; // of the prepared block; −1: coded raw
    private int blocks;

    SegmentEncoder(ModelConfig model, TransformMode mode, TextDictionary dictionary, int threads, String backend, int blockSize,
                   boolean laterSegment) {
        this.model = model;
        this.threads = threads;
        this.backend = backend;
        this.blockSize = blockSize;
        this.laterSegment = laterSegment;
        this.definesWords = dictionary == TextDictionary.FILE;
        this.transform = new TransformEncoder(mode, dictionary);
    }

    /** Transforms {@code block[0 .. n)} if the segment's transform says so; the first block decides for the segment. */
    void prepare(byte[] block, int n) {
        this.block = block;
        this.fill = n;
        this.modelLength = transform.apply(block, n);
    }

    /** Bytes the models code for the prepared block: its transform's length, or its own. */
    int modelLength() {
        return modelLength < 0 ? fill : modelLength;
    }

    /** Whether the segment is transformed; known once its first block is prepared. */
    boolean transformed() {
        return transform.active();
    }

    /** Words the segment defines (0 with a shipped dictionary or without a transform). */
    int dictionaryWords() {
        return transform.dictionaryWords();
    }

    /**
     * Codes the prepared block and writes its record to {@code out}; returns the bytes written.
     * {@code progress} hears of the symbols coded (in model bytes) and the coded bytes so far.
     */
    long write(OutputStream out, BlockCoder.Progress progress) throws IOException {
        int m = modelLength;
        byte[] modelBytes = m < 0 ? block : transform.output();
        int length = m < 0 ? fill : m;
        if (coder == null) {
            coder = new BlockCoder(model, threads, backend);
            encoder = new RangeEncoder(Math.min(blockSize, 1 << 16));
        }
        boolean coded = coder.encode(modelBytes, length, encoder, progress);
        int crc = Container.crc(block, 0, fill);
        Container.BlockHeader h;
        if (coded) {
            int codedCrc = Container.crc(encoder.buffer(), 0, encoder.size());
            h = m < 0 ? Container.BlockHeader.coded(fill, encoder.size(), crc, codedCrc)
                    : Container.BlockHeader.codedTransformed(fill, m, encoder.size(), crc, codedCrc);
        } else { // the bytes the models learned, as they learned them
            h = m < 0 ? Container.BlockHeader.stored(fill, crc) : Container.BlockHeader.storedTransformed(fill, m, crc);
        }
        if (laterSegment && definesWords && blocks == 0 && h.transformed()) {
            h = h.withWords(transform.dictionaryWords());
        }
        Container.writeBlockHeader(out, h);
        if (coded) {
            out.write(encoder.buffer(), 0, encoder.size());
        } else {
            out.write(modelBytes, 0, length);
        }
        blocks++;
        block = null;
        return h.size() + h.codedLength();
    }

    /** Codes a whole segment of {@code n} bytes into {@code out}, block by block; returns the bytes written. */
    long writeSegment(byte[] data, int n, OutputStream out) throws IOException {
        long written = 0;
        byte[] piece = new byte[Math.min(n, blockSize)];
        for (int off = 0; off < n; off += blockSize) {
            int len = Math.min(blockSize, n - off);
            System.arraycopy(data, off, piece, 0, len);
            prepare(piece, len);
            written += write(out, BlockCoder.Progress.NONE);
        }
        return written;
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
