package org.nzip.mix;

/**
 * The contexts an {@link Apm} of a {@link ModelSet} can refine in: each the partial byte with (a
 * hash of) the stream's last bytes, the match model's expectation, the contexts seen or the word. Part of the format: never change one, add a new constant instead.
 */
enum ApmContext {

    /** The last byte and the partial byte, directly: 2^16 contexts. */
    ORDER1(16, 0xFF),
    /** A 12-bit hash of the last three bytes, xor the partial byte (small enough to stay in cache). */
    ORDER3_HASH(12, 0xFFFFFF),
    /** A 16-bit hash of the last two bytes, xor the partial byte. */
    ORDER2_HASH(16, 0xFFFF),
    /** The match model's expected byte and length bucket, hashed with the partial byte. */
    MATCH(16, 0),
    /** How many hashed contexts have seen the node, and the partial byte. */
    SEEN(14, 0),
    /** The current word's hash and the partial byte. */
    WORD(16, 0),
    /**
     * Whether the match model still expects a bit, and which ({@link MatchInput#expectation}), and
     * the partial byte: 3 × 256 contexts. Suits a {@linkplain ModelSet#chain() final stage}, where
     * it corrects the mixers' over- or under-confidence in the match.
     */
    MATCH_EXPECTATION(10, 0);

    /** log2 of the number of contexts. */
    final int bits;
    private final int mask;

    ApmContext(int bits, int mask) {
        this.bits = bits;
        this.mask = mask;
    }

    /**
     * The context of partial byte {@code c0} (1 and the bits so far) after {@code last4} (the last four
     * bytes), with the match model's {@link History#matchContext()}, the number of hashed contexts that
     * have seen the node, the current word's hash and the match model's {@link MatchInput#expectation}.
     */
    int context(int c0, int last4, int match, int seen, int word, int expectation) {
        switch (this) {
            case MATCH_EXPECTATION:
                return expectation << 8 | c0;
            case ORDER1:
                return (last4 & 0xFF) << 8 | c0;
            case MATCH:
                return (ContextDef.finish(match * 0x9E3779B1 + c0) >>> 16);
            case SEEN:
                return Math.min(63, seen) << 8 | c0;
            case WORD:
                return (ContextDef.finish(word * 0x9E3779B1 + c0) >>> 16);
            default:
                break;
        }
        return (c0 ^ (((last4 & mask) * 0x9E3779B1) >>> (32 - bits))) & ((1 << bits) - 1);
    }
}
