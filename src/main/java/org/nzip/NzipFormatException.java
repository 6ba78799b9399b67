package org.nzip;

/**
 * The input is not an nzip stream at all: it is empty or does not start with the nzip magic bytes.
 * Damaged nzip data is a {@link CorruptInputException}, data from a newer nzip an
 * {@link UnsupportedFormatException}.
 */
public class NzipFormatException extends NzipException {

    private static final long serialVersionUID = 1L;

    /** @param message why the input is not an nzip stream */
    public NzipFormatException(String message) {
        super(message);
    }
}
