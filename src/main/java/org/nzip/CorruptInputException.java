package org.nzip;

/**
 * The compressed input is damaged or truncated. Nothing decoded from a damaged block is ever returned
 * to the reader: each block is checked against its CRC32C before its bytes are released.
 */
public class CorruptInputException extends NzipException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /** @param offset byte position in the compressed input where the damage was found, or -1 */
    public CorruptInputException(String message, long offset) {
        super(offset >= 0 ? message + " (at compressed byte " + offset + ")" : message);
        this.offset = offset;
    }

    /** Byte position in the compressed input where the damage was detected, or -1 if unknown. */
    public long offset() {
        return offset;
    }
}
