package org.nzip.coder;

/**
 * A coded stream that cannot have come from {@link RangeEncoder}. Carries no stack trace: it is an
 * expected outcome on damaged or forged input (callers report its message), so rejecting costs little.
 */
public final class CodingException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodingException(String message) {
        super(message, null, false, false);
    }
}
