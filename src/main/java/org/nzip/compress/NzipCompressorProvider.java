package org.nzip.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.CompressorOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.CompressorStreamProvider;
import org.nzip.NzipInputStream;
import org.nzip.NzipMultiInputStream;
import org.nzip.NzipOptions;
import org.nzip.NzipOutputStream;
import org.nzip.format.Container;

/**
 * Makes nzip available to Apache Commons Compress under the name {@value #NAME}: registered through
 * {@code META-INF/services}, so {@code new CompressorStreamFactory().createCompressorOutputStream("nzip", out)}
 * works once nzip is on the class path.
 *
 * <p>To find the format of an unknown stream, call {@link #detect(InputStream)} rather than
 * {@link CompressorStreamFactory#detect(InputStream)}: Commons Compress (1.28) recognizes only its own
 * formats there and does not ask registered providers; this one answers {@value #NAME} for an nzip
 * stream (by its magic bytes, {@link #matches}) and passes every other stream on to Commons Compress.
 */
public final class NzipCompressorProvider implements CompressorStreamProvider {

    /** The compressor name nzip registers. */
    public static final String NAME = "nzip";

    /** Required by {@link java.util.ServiceLoader}. */
    public NzipCompressorProvider() {}

    /**
     * Whether a stream whose first {@code length} bytes are {@code signature} is an nzip stream (starts
     * with nzip's magic bytes), as the {@code matches} methods of Commons Compress's own streams.
     *
     * @param signature the first bytes of the stream
     * @param length how many of them were read
     * @return true for an nzip stream
     */
    public static boolean matches(byte[] signature, int length) {
        if (length < Container.MAGIC.length || signature.length < Container.MAGIC.length) {
            return false;
        }
        for (int i = 0; i < Container.MAGIC.length; i++) {
            if (signature[i] != Container.MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The compressor name of the stream {@code in}: {@value #NAME} for an nzip stream, else what
     * {@link CompressorStreamFactory#detect(InputStream)} finds. The stream is left where it was
     * (mark and reset), so it can then be opened with
     * {@code new CompressorStreamFactory().createCompressorInputStream(name, in)}.
     *
     * @param in a stream that supports {@link InputStream#mark mark}, e.g. a {@link java.io.BufferedInputStream}
     * @return the compressor name, as the factory accepts it
     * @throws CompressorException if the format is none that Commons Compress or nzip knows, or the
     *     signature cannot be read
     * @throws IllegalArgumentException if {@code in} is null or does not support mark
     */
    public static String detect(InputStream in) throws CompressorException {
        if (in == null || !in.markSupported()) {
            throw new IllegalArgumentException(in == null ? "Stream must not be null." : "Mark is not supported.");
        }
        byte[] signature = new byte[Container.MAGIC.length];
        int n = 0;
        in.mark(signature.length);
        try {
            for (int r; n < signature.length && (r = in.read(signature, n, signature.length - n)) > 0; ) {
                n += r;
            }
            in.reset();
        } catch (IOException e) {
            throw new CompressorException("Failed to read signature.", e);
        }
        return matches(signature, n) ? NAME : CompressorStreamFactory.detect(in);
    }

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
