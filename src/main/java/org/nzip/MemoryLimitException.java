package org.nzip;

import java.util.Locale;

/**
 * A stream needs more memory than its limit allows ({@link NzipOptions#memoryLimit}). Thrown before
 * the model is allocated, so nothing has been decoded or written past the header. Raise the limit,
 * or the JVM's heap ({@code -Xmx}), or decompress on a machine with more memory.
 */
public class MemoryLimitException extends NzipException {

    private static final long serialVersionUID = 1L;

    private final long needed;
    private final long limit;

    /**
     * A stream that needs more memory than allowed.
     *
     * @param needed bytes of heap the stream's model needs
     * @param limit the limit it is over, in bytes
     */
    public MemoryLimitException(long needed, long limit) {
        super(String.format(Locale.ROOT, "needs %s of memory, more than the limit of %s",
                mib(needed), mib(limit)));
        this.needed = needed;
        this.limit = limit;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }

    /** Bytes of memory the stream needs. */
    public long needed() {
        return needed;
    }

    /** The limit in bytes it was refused under. */
    public long limit() {
        return limit;
    }
}
