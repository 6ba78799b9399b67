package org.nzip;

/**
 * The compressed input is damaged or truncated. Nothing decoded from a damaged block is ever returned
 * to the reader: each block is checked against its CRC32C before its bytes are released.
 */
public class CorruptInputException extends NzipException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String detail;

    /**
     * A problem found at a byte position of the compressed input.
     *
     * @param message what is wrong, without the position
     * @param offset byte position in the compressed input where the damage was found, or -1
     */
    public CorruptInputException(String message, long offset) {
        super(offset >= 0 ? message + " (at compressed byte " + offset + ")" : message);
        this.offset = offset;
        this.detail = message;
    }

    /** The same problem, {@code base} bytes further into a larger input (a later stream of a concatenation). */
    CorruptInputException shifted(long base) {
        CorruptInputException e = new CorruptInputException(detail, offset < 0 ? -1 : offset + base);
        e.initCause(this);
        return e;
    }

    /** What is wrong, without the offset. */
    public String detail() {
        return detail;
    }

    /** Byte position in the compressed input where the damage was detected, or -1 if unknown. */
    public long offset() {
        return offset;
    }
}
