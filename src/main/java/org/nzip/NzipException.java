package org.nzip;

import java.io.IOException;

/** Base class of the errors nzip reports about compressed data. */
public class NzipException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the data */
    public NzipException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the data
     * @param cause the error that revealed it
     */
    public NzipException(String message, Throwable cause) {
        super(message, cause);
    }
}
