package org.nzip.hadoop;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.nzip.Nzip;
import org.nzip.NzipInputStream;
import org.nzip.NzipMultiInputStream;
import org.nzip.NzipOptions;

/**
 * The data of one split of a {@code .nz} file, for Hadoop's {@code LineRecordReader}.
 *
 * <p>The split {@code [start, end)} of the file owns the segments whose first block starts in it;
 * segment 0 belongs to the split at 0, whatever the header's length. It decodes from its first
 * segment on, and past its last one as far as the reader asks (the line that crosses into the next
 * split's segment), never handing out bytes of two segments in one read. {@link #getPos()} is the
 * file offset of the segment the last bytes came from, so it passes {@link #getAdjustedEnd()} when
 * the reader first takes bytes of a segment the split does not own: the reader then finishes that
 * line and stops, and the next split, which skips its first line, starts with the line after it. A
 * split that owns no segment is empty and at its end. A file of one stream without segments (or of
 * several streams) is one split: the split at 0 reads it all.
 *
 * <p>Hadoop's codec interface does not give the file's length, so the segments are found from the
 * block headers (a few bytes each; the coded bytes in between are skipped by seeking), which also
 * checks the stream's structure and its index; then the split's first segment is opened with
 * {@link NzipInputStream#openAt}.
 */
final class NzipSplitInputStream extends SplitCompressionInputStream {

    private final InputStream data; // null: the split owns nothing
    private final long[] segmentStarts; // file offsets of the segments, and the end of the last one
    private final long segmentSize; // bytes of original data per segment; 0: the file is one unit
    private final long adjustedStart;
    private long raw; // original bytes handed out, counted from the file's first
    private int segment = -1; // of the last bytes handed out; −1 before the first read
    private boolean eof;
    private final long emptyPosition;

    NzipSplitInputStream(InputStream in, long start, long end, NzipOptions options) throws IOException {
        super(in, start, end);
        Seekable file = (Seekable) in;
        file.seek(0);
        List<Nzip.StreamInfo> streams = Nzip.inspectAll(new BufferedInputStream(in, 1 << 16));
        Nzip.StreamInfo first = streams.getFirst();
        List<Nzip.Segment> segments = first.segmentList();
        boolean splittable = streams.size() == 1 && !segments.isEmpty();
        int n = splittable ? segments.size() : 1;
        segmentStarts = new long[n + 1];
        for (int k = 0; k < n; k++) {
            segmentStarts[k] = splittable ? segments.get(k).compressedOffset() : 0;
        }
        segmentStarts[n] = splittable ? segments.getLast().compressedOffset() + segments.getLast().compressedLength()
                : streams.stream().mapToLong(Nzip.StreamInfo::compressedSize).sum();
        segmentSize = splittable ? first.segmentSize() : 0;
        int a = firstOwned(start);
        int b = firstOwned(end);
        emptyPosition = end;
        if (a == b) {
            data = null;
            adjustedStart = start;
            setStart(start);
            setEnd(end - 1);
            return;
        }
        adjustedStart = a == 0 ? 0 : segmentStarts[a];
        setStart(adjustedStart);
        setEnd(segmentStarts[b] - 1);
        if (!splittable) {
            file.seek(0);
            data = new NzipMultiInputStream(new BufferedInputStream(in, 1 << 16), options);
        } else {
            long length = first.compressedSize();
            data = NzipInputStream.openAt(new SeekableChannel(in, length), segments.get(a).originalOffset(), options);
            raw = segments.get(a).originalOffset();
        }
    }

    /** The first segment whose owning offset (its start; 0 for segment 0) is at or after {@code offset}. */
    private int firstOwned(long offset) {
        int n = segmentStarts.length - 1;
        for (int k = 0; k < n; k++) {
            if ((k == 0 ? 0 : segmentStarts[k]) >= offset) {
                return k;
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (data == null || eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int k = segmentSize == 0 ? 0 : (int) (raw / segmentSize);
        long left = segmentSize == 0 ? Long.MAX_VALUE : (k + 1) * segmentSize - raw; // never two segments in one read
        int n = data.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            eof = true;
            return -1;
        }
        raw += n;
        segment = k;
        return n;
    }

    /** The file offset of the segment the last bytes came from (see the class comment). */
    @Override
    public long getPos() {
        if (data == null) {
            return emptyPosition;
        }
        if (eof) {
            return segmentStarts[segmentStarts.length - 1];
        }
        return segment < 0 ? adjustedStart : segmentStarts[segment];
    }

    /** Refused: a split cannot restart in the middle of its input. */
    @Override
    public void resetState() {
        throw new UnsupportedOperationException("an nzip split cannot be reset");
    }

    @Override
    public void close() throws IOException {
        try {
            if (data != null) {
                data.close();
            }
        } finally {
            super.close();
        }
    }

    /** A Hadoop file stream as a read-only channel of a known length, for {@link NzipInputStream#openAt}. */
    private static final class SeekableChannel implements java.nio.channels.SeekableByteChannel {
        private final InputStream in;
        private final long size;
        private boolean open = true;

        SeekableChannel(InputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            long left = size - position();
            if (left <= 0) {
                return -1;
            }
            byte[] b = new byte[(int) Math.min(dst.remaining(), Math.min(left, 1 << 16))];
            int n = in.read(b, 0, b.length);
            if (n > 0) {
                dst.put(b, 0, n);
            }
            return n;
        }

        @Override
        public int write(java.nio.ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return ((Seekable) in).getPos();
        }

        @Override
        public SeekableChannel position(long p) throws IOException {
            ((Seekable) in).seek(p);
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableChannel truncate(long s) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }
}
