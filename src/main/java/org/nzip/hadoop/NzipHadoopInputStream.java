package org.nzip.hadoop;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.nzip.NzipMultiInputStream;
import org.nzip.NzipOptions;

/** Hadoop's view of a whole {@code .nz} file: every stream in it, one after another. */
final class NzipHadoopInputStream extends CompressionInputStream {

    private final NzipMultiInputStream nz;

    NzipHadoopInputStream(InputStream in, NzipOptions options) throws IOException {
        super(in);
        this.nz = new NzipMultiInputStream(in, options);
    }

    @Override
    public int read() throws IOException {
        return nz.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return nz.read(b, off, len);
    }

    /** Refused: an nzip stream cannot restart in the middle of its input. */
    @Override
    public void resetState() {
        throw new UnsupportedOperationException("an nzip stream cannot be reset");
    }
}
