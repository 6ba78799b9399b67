package org.nzip.mix;

/**
 * The contexts an {@link Apm} of a {@link ModelSet} can refine in: each the partial byte with (a
 * hash of) the stream's last bytes. Part of the format: never change one, add a new constant instead.
 */
enum ApmContext {

    /** The last byte and the partial byte, directly: 2^16 contexts. */
    ORDER1(16, 0xFF),
    /** A 12-bit hash of the last three bytes, xor the partial byte (small enough to stay in cache). */
    ORDER3_HASH(12, 0xFFFFFF),
    /** A 16-bit hash of the last two bytes, xor the partial byte. */
    ORDER2_HASH(16, 0xFFFF);

    /** log2 of the number of contexts. */
    final int bits;
    private final int mask;

    ApmContext(int bits, int mask) {
        this.bits = bits;
        this.mask = mask;
    }

    /** The context of partial byte {@code c0} (1 and the bits so far) after {@code last4} (the last four bytes). */
    int context(int c0, int last4) {
        if (this == ORDER1) {
            return (last4 & 0xFF) << 8 | c0;
        }
        return (c0 ^ (((last4 & mask) * 0x9E3779B1) >>> (32 - bits))) & ((1 << bits) - 1);
    }
}
