package org.nzip.coder;

/** A coded stream that cannot have come from {@link RangeEncoder}. */
public final class CodingException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodingException(String message) {
        super(message);
    }
}
