package org.nzip.hadoop;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.hadoop.io.compress.DoNotPool;

/**
 * What {@link NzipCodec#createCompressor()} returns so that Hadoop's codec pool has something to
 * hand out: nzip codes whole streams ({@link NzipCodec#createOutputStream}), not buffers, so every
 * buffer method refuses.
 */
@DoNotPool
public final class NzipNoCompressor implements Compressor {

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("nzip compresses streams only: use NzipCodec.createOutputStream");
    }

    @Override
    public void setInput(byte[] b, int off, int len) {
        throw unsupported();
    }

    @Override
    public boolean needsInput() {
        throw unsupported();
    }

    @Override
    public void setDictionary(byte[] b, int off, int len) {
        throw unsupported();
    }

    @Override
    public long getBytesRead() {
        throw unsupported();
    }

    @Override
    public long getBytesWritten() {
        throw unsupported();
    }

    @Override
    public void finish() {
        throw unsupported();
    }

    @Override
    public boolean finished() {
        throw unsupported();
    }

    @Override
    public int compress(byte[] b, int off, int len) {
        throw unsupported();
    }

    /** Nothing to reset. */
    @Override
    public void reset() {}

    /** Nothing to release. */
    @Override
    public void end() {}

    /** Nothing to configure. */
    @Override
    public void reinit(Configuration conf) {}
}
