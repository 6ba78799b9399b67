package org.nzip.format;

import java.io.IOException;

/**
 * Input that is not a valid nzip container: corrupt, truncated, or written by a format version or
 * with options this build does not know. The public API turns it into its own exception types.
 */
public final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final boolean unsupported;

    private FormatException(String message, long offset, boolean unsupported) {
        super(message);
        this.offset = offset;
        this.unsupported = unsupported;
    }

    /** The data is damaged or truncated at {@code offset} (byte position in the compressed input). */
    public static FormatException corrupt(String message, long offset) {
        return new FormatException(message, offset, false);
    }

    /** The data is well-formed but uses a version or option this build cannot decode. */
    public static FormatException unsupported(String message, long offset) {
        return new FormatException(message, offset, true);
    }

    /** Byte offset in the compressed input where the problem was found, or -1 if unknown. */
    public long offset() {
        return offset;
    }

    /** Whether the input is a newer or unknown variant rather than damaged data. */
    public boolean isUnsupported() {
        return unsupported;
    }
}
