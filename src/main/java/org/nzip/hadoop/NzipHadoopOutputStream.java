package org.nzip.hadoop;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;

/** Hadoop's view of an {@link NzipOutputStream}; after {@link #resetState()} the next bytes start a new stream. */
final class NzipHadoopOutputStream extends CompressionOutputStream {

    private final NzipOptions options;
    private NzipOutputStream nz;

    NzipHadoopOutputStream(OutputStream out, NzipOptions options) throws IOException {
        super(out);
        this.options = options;
        this.nz = new NzipOutputStream(out, options);
    }

    @Override
    public void write(int b) throws IOException {
        nz.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        nz.write(b, off, len);
    }

    /** Ends the stream (the underlying stream stays open). */
    @Override
    public void finish() throws IOException {
        nz.finish();
    }

    /** Starts a new stream after a finished one (a .nz file may hold several one after another). */
    @Override
    public void resetState() throws IOException {
        nz.finish();
        nz = new NzipOutputStream(out, options);
    }

    @Override
    public void close() throws IOException {
        try {
            nz.finish();
        } finally {
            super.close();
        }
    }
}
