package org.nzip.mix;

/**
 * What chooses the weight set of a first-layer {@link Mixer}: a small context of the bit being coded.
 * A {@link ModelSet} lists its mixers as selectors (data, not branches); part of the format: never
 * change one, add a new constant instead.
 */
enum MixerSelector {

    /** One weight set, trained on every bit; the other mixers' new sets start from it. */
    SINGLE,
    /** The partial byte and the match state. */
    PARTIAL_BYTE,
    /** The last byte and the bit position. */
    LAST_BYTE,
    /** How many hashed contexts have trained counters, the bit position and the match state. */
    CONTEXTS_SEEN,
    /** The character classes of the last two bytes, the bit position and the match state. */
    CLASSES,
    /** The bit position, the network's confidence (16 levels) and the match state; only with a network. */
    CONFIDENCE,
    /** The length of the current word (up to 15), the bit position and the match state. */
    WORD_LENGTH,
    /** The byte two back and the bit position. */
    SECOND_BYTE,
    /** The byte two back and the partial byte. */
    SECOND_AND_PARTIAL,
    /** The innermost open bracket or quote, the class of the last byte, the bit position and the match state. */
    NEST;

    /** Weight sets of this selector's mixer in a set of {@code hashedContexts} hashed contexts. */
    int sets(int hashedContexts) {
        return switch (this) {
            case SINGLE -> 1;
            case PARTIAL_BYTE -> 256 * MatchInput.STATES;
            case LAST_BYTE -> 256 * 8;
            case CONTEXTS_SEEN -> (hashedContexts + 1) * 8 * MatchInput.STATES;
            case CLASSES -> 64 * 8 * MatchInput.STATES;
            case CONFIDENCE -> 8 * 16 * MatchInput.STATES;
            case WORD_LENGTH -> 16 * 8 * MatchInput.STATES;
            case SECOND_BYTE -> 256 * 8;
            case SECOND_AND_PARTIAL -> 256 * 256;
            case NEST -> History.NEST_STATES * 8 * MatchInput.STATES;
        };
    }

    /**
     * The weight set for a bit: {@code c0} is 1 and the bits of the byte so far, {@code classes} the
     * character classes of the last two bytes (6 bits), {@code confidence} 0..15, {@code wordLength} 0..15,
     * {@code last4} the last four bytes (the newest lowest), {@code nest}
     * {@link History#nestAndClass}.
     */
    int select(int c0, int bitIndex, int matchState, int lastByte, int seen, int classes, int confidence, int wordLength, int last4, int nest) {
        return switch (this) {
            case SINGLE -> 0;
            case PARTIAL_BYTE -> matchState * 256 + c0;
            case LAST_BYTE -> lastByte * 8 + bitIndex;
            case CONTEXTS_SEEN -> (seen * 8 + bitIndex) * MatchInput.STATES + matchState;
            case CLASSES -> (classes * 8 + bitIndex) * MatchInput.STATES + matchState;
            case CONFIDENCE -> (bitIndex * 16 + confidence) * MatchInput.STATES + matchState;
            case WORD_LENGTH -> (wordLength * 8 + bitIndex) * MatchInput.STATES + matchState;
            case SECOND_BYTE -> (last4 >>> 8 & 0xFF) * 8 + bitIndex;
            case SECOND_AND_PARTIAL -> (last4 >>> 8 & 0xFF) << 8 | c0;
            case NEST -> (nest * 8 + bitIndex) * MatchInput.STATES + matchState;
        };
    }
}
