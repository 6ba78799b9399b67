package org.nzip.transform;

/**
 * Transformed bytes that no forward transform produces: a damaged dictionary, an escape or word
 * code out of range, output longer or shorter than the block. The container reports it as corrupt
 * input at the block's offset.
 */
public final class TransformException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransformException(String message) {
        super(message);
    }
}
