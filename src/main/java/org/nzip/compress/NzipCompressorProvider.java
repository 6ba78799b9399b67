package org.nzip.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.CompressorOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamProvider;
import org.nzip.NzipInputStream;
import org.nzip.NzipMultiInputStream;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;

/**
 * Makes nzip available to Apache Commons Compress under the name {@value #NAME}: registered through
 * {@code META-INF/services}, so {@code new CompressorStreamFactory().createCompressorOutputStream("nzip", out)}
 * works once nzip is on the class path.
 */
public final class NzipCompressorProvider implements CompressorStreamProvider {

    /** The compressor name nzip registers. */
    public static final String NAME = "nzip";

    /** Required by {@link java.util.ServiceLoader}. */
    public NzipCompressorProvider() {}

    @Override
    public CompressorInputStream createCompressorInputStream(String name, InputStream in, boolean decompressUntilEof)
            throws CompressorException {
        check(name);
        try {
            return new NzipCompressorInputStream(in, decompressUntilEof);
        } catch (IOException e) {
            throw new CompressorException("cannot open nzip stream: " + e.getMessage(), e);
        }
    }

    @Override
    public <T extends OutputStream> CompressorOutputStream<T> createCompressorOutputStream(String name, T out)
            throws CompressorException {
        check(name);
        try {
            return new NzipCompressorOutputStream<>(out, new NzipOptions());
        } catch (IOException e) {
            throw new CompressorException("cannot start nzip stream: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> getInputStreamCompressorNames() {
        return Set.of(NAME);
    }

    @Override
    public Set<String> getOutputStreamCompressorNames() {
        return Set.of(NAME);
    }

    private static void check(String name) throws CompressorException {
        if (!NAME.equalsIgnoreCase(name)) {
            throw new CompressorException("nzip provides '" + NAME + "', not '" + name + "'");
        }
    }

    /**
     * Decompressing side; with {@code decompressUntilEof}, reads concatenated nzip streams with zero
     * padding to the end of the input ({@link NzipMultiInputStream}, as {@code nzip -d}), else one
     * stream, stopping at its end record ({@link NzipInputStream}).
     */
    static final class NzipCompressorInputStream extends CompressorInputStream {
        private final InputStream in;

        NzipCompressorInputStream(InputStream source, boolean untilEof) throws IOException {
            this.in = untilEof ? new NzipMultiInputStream(source) : new NzipInputStream(source);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, len);
            count(n);
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Compressing side. */
    static final class NzipCompressorOutputStream<T extends OutputStream> extends CompressorOutputStream<T> {
        private final NzipOutputStream nz;

        NzipCompressorOutputStream(T out, NzipOptions options) throws IOException {
            super(out);
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

        @Override
        public void flush() throws IOException {
            nz.flush();
        }

        @Override
        public void close() throws IOException {
            nz.close();
        }
    }
}
