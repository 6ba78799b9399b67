package org.nzip.format;

import java.io.IOException;

/**
 * Input that is not a valid nzip container: not nzip data at all, corrupt or truncated, or written
 * by a format version or with options this build does not know. The public API turns each
 * {@link Problem} into its own exception type.
 */
public final class FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the input. */
    public enum Problem {
        /** The input does not start like an nzip stream (empty, or other magic bytes). */
        NOT_NZIP,
        /** The input is an nzip stream, damaged or truncated. */
        CORRUPT,
        /** The input is well-formed but needs a newer nzip (version, flags, model kind or parameter). */
        UNSUPPORTED
    }

    private final long offset;
    private final Problem problem;

    private FormatException(String message, long offset, Problem problem) {
        super(message);
        this.offset = offset;
        this.problem = problem;
    }

    /** The input is not nzip data: its first bytes are not the magic. */
    public static FormatException notNzip(String message) {
        return new FormatException(message, 0, Problem.NOT_NZIP);
    }

    /** The data is damaged or truncated at {@code offset} (byte position in the compressed input). */
    public static FormatException corrupt(String message, long offset) {
        return new FormatException(message, offset, Problem.CORRUPT);
    }

    /** The data is well-formed but uses a version or option this build cannot decode. */
    public static FormatException unsupported(String message, long offset) {
        return new FormatException(message, offset, Problem.UNSUPPORTED);
    }

    /** Byte offset in the compressed input where the problem was found, or -1 if unknown. */
    public long offset() {
        return offset;
    }

    public Problem problem() {
        return problem;
    }
}
