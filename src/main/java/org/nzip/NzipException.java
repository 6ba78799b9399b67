package org.nzip;

import java.io.IOException;

/** Base class of the errors nzip reports about compressed data. */
public class NzipException extends IOException {
    private static final long serialVersionUID = 1L;

    public NzipException(String message) {
        super(message);
    }

    public NzipException(String message, Throwable cause) {
        super(message, cause);
    }
}
