package org.nzip;

/** The input is an nzip stream of a format version or with options this build cannot decode. */
public class UnsupportedFormatException extends NzipException {
    private static final long serialVersionUID = 1L;

    /** @param message what this build does not support */
    public UnsupportedFormatException(String message) {
        super(message);
    }
}
