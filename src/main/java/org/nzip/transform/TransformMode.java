package org.nzip.transform;

/**
 * Whether a stream's blocks go through the text transform before the models ({@code --transform}).
 * The decoder needs no choice: the stream says what was done.
 */
public enum TransformMode {
    /**
     * Transform when the first block looks like text, and then each block whose transformed form is
     * clearly shorter (the default): text gains, other data costs one header byte.
     */
    AUTO,
    /** Transform every block the transform does not lengthen, even where it may not pay (for experiments). */
    TEXT,
    /** Never transform. */
    NONE;

    /** The name used on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode with this name (case-insensitive), or an exception listing the valid names. */
    public static TransformMode of(String name) {
        for (TransformMode m : values()) {
            if (m.label().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown transform '" + name + "' (valid: auto, text, none)");
    }
}
