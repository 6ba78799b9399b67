package org.nzip.hadoop;

import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.DoNotPool;

/**
 * What {@link NzipCodec#createDecompressor()} returns so that Hadoop's codec pool has something to
 * hand out: nzip decodes whole streams ({@link NzipCodec#createInputStream}), not buffers, so every
 * buffer method refuses.
 */
@DoNotPool
public final class NzipNoDecompressor implements Decompressor {

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("nzip decompresses streams only: use NzipCodec.createInputStream");
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
    public boolean needsDictionary() {
        throw unsupported();
    }

    @Override
    public boolean finished() {
        throw unsupported();
    }

    @Override
    public int decompress(byte[] b, int off, int len) {
        throw unsupported();
    }

    @Override
    public int getRemaining() {
        throw unsupported();
    }

    /** Nothing to reset. */
    @Override
    public void reset() {}

    /** Nothing to release. */
    @Override
    public void end() {}
}
