package org.nzip;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decompresses a concatenation of nzip streams, as {@code nzip -d} does: the output is the
 * concatenation of their data, like gzip, xz and zstd decoding {@code cat a.gz b.gz}.
 *
 * <p>The rule, also in {@code docs/FORMAT.md}: after each complete stream (its end record) any run
 * of {@code 00} bytes is padding and is skipped (an nzip stream never starts with {@code 00}, so
 * padding cannot be mistaken for data); then either the input ends, or another stream starts. A
 * further byte that does not start an nzip stream is "trailing garbage"
 * ({@link CorruptInputException}); a next stream that is damaged or cut short is corrupt like any
 * other. The input must hold at least one stream: empty input or input that does not start with
 * an nzip stream is {@link NzipFormatException}, as with {@link NzipInputStream}.
 *
 * <p>{@link NzipInputStream} stays single-stream: it stops exactly at its end record and leaves
 * the rest of the input unread, for a stream embedded in a larger format. This class reads its
 * input to the end. (The split is xz-java's {@code SingleXZInputStream} and {@code XZInputStream},
 * with the single-stream reader keeping the shorter name it always had.)
 *
 * <p>Offsets in exceptions and progress reports count from the start of the whole input. Each
 * stream's model is released at its end record, before the next one is built. Any failure is
 * final, as with {@link NzipInputStream}.
 */
public final class NzipMultiInputStream extends InputStream {

    private final Source in;
    private final NzipOptions options;
    private final ProgressListener listener;
    private NzipInputStream current;
    private long base; // input bytes before the current stream
    private long doneBefore; // output bytes of the finished streams
    private int streams;
    private boolean ended;
    private boolean closed;
    private IOException failure;
    private final byte[] one = new byte[1];

    /** Reads the first stream's header from {@code in}, with the default options. */
    public NzipMultiInputStream(InputStream in) throws IOException {
        this(in, new NzipOptions());
    }

    /** As {@link NzipInputStream#NzipInputStream(InputStream, NzipOptions)}, for each stream in turn. */
    public NzipMultiInputStream(InputStream in, NzipOptions options) throws IOException {
        this.in = new Source(in);
        this.options = options.copy();
        this.listener = options.progressListener();
        this.current = open();
    }

    private NzipInputStream open() throws IOException {
        NzipOptions o = options.copy();
        if (listener != null) {
            long b = base;
            long d = doneBefore;
            o.progressListener((raw, coded) -> listener.progress(d + raw, b + coded));
        }
        NzipInputStream s = new NzipInputStream(in, o);
        streams++;
        return s;
    }

    /** Number of streams started so far (the first one is started by the constructor). */
    public int streams() {
        return streams;
    }

    /** Memory the current (or last) stream needs to decode; see {@link NzipInputStream#memoryNeeded()}. */
    public long memoryNeeded() {
        return current == null ? 0 : current.memoryNeeded();
    }

    /** Segments the current stream decodes at once; see {@link NzipInputStream#segmentsAtOnce()}. */
    public int segmentsAtOnce() {
        return current == null ? 1 : current.segmentsAtOnce();
    }

    /** See {@link NzipInputStream#memoryPerSegment()}, for the current stream. */
    public long memoryPerSegment() {
        return current == null ? 0 : current.memoryPerSegment();
    }

    /** Whether the current stream is segmented. */
    public boolean segmented() {
        return current != null && current.segmented();
    }

    /** Bytes of compressed input consumed so far, padding included. */
    public long compressedBytes() {
        return in.count;
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
        try {
            while (!ended) {
                int n;
                try {
                    n = current.read(b, off, len);
                } catch (CorruptInputException e) {
                    throw base > 0 ? e.shifted(base) : e;
                }
                if (n > 0) {
                    doneBefore += n;
                    return n;
                }
                next();
            }
            return -1;
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** After a stream's end record: skips zero padding, then ends or starts the next stream. */
    private void next() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == 0);
        if (c < 0) {
            ended = true;
            return;
        }
        in.unread(c);
        base = in.count;
        try {
            current = open();
        } catch (NzipFormatException e) {
            throw new CorruptInputException("trailing garbage after the end of the compressed data", base);
        } catch (CorruptInputException e) {
            throw e.shifted(base);
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        return e;
    }

    @Override
    public int available() throws IOException {
        return ended || failure != null || closed ? 0 : current.available();
    }

    /** Closes this stream and the underlying one, releasing the model. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            current.close();
        }
    }

    /** The input, counting what it hands out, with room to put one byte back. */
    private final class Source extends InputStream {
        private final InputStream in;
        private int pushed = -1;
        long count;

        Source(InputStream in) {
            this.in = in;
        }

        void unread(int c) {
            pushed = c;
            count--;
        }

        @Override
        public int read() throws IOException {
            int c;
            if (pushed >= 0) {
                c = pushed;
                pushed = -1;
            } else {
                c = in.read();
            }
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pushed >= 0) {
                b[off] = (byte) pushed;
                pushed = -1;
                count++;
                return 1;
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            if (pushed >= 0) {
                pushed = -1;
                count++;
                return 1;
            }
            long s = in.skip(n);
            count += s;
            return s;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
