package org.nzip.mix;

import java.util.Locale;

/**
 * Parameters of the {@link BitMixer} (model kind 4), stored in the container header after the
 * LSTM's parameters in the order of {@link #toParams()}. All integers: the bitwise models use no
 * floating point after the LSTM's distribution has been quantised.
 *
 * @param tableBits    log2 of the ints in each hashed context table (16..24; 2^tableBits · 4 bytes each)
 * @param counterLimit count at which a context's adaptation rate stops slowing (1..1023)
 * @param matchLength  bytes of context a match needs (2..32)
 * @param matchBits    log2 of the largest match hash table (10..24)
 * @param mixRate      step size of the mixer weights in units of 1/65536 (1..65535)
 * @param apmRate      the secondary estimation tables move 1/2^apmRate of the way per bit (1..12)
 */
public record BitMixConfig(int tableBits, int counterLimit, int matchLength, int matchBits, int mixRate, int apmRate) {

    /** Number of header parameters. */
    public static final int PARAM_COUNT = 6;

    public BitMixConfig {
        check("table bits", tableBits, 16, 24);
        check("counter limit", counterLimit, 1, BitMixer.COUNT_MASK);
        check("match length", matchLength, 2, MatchModel.VERIFY_LIMIT);
        check("match hash bits", matchBits, 10, 24);
        check("mixer rate", mixRate, 1, 65535);
        check("apm rate", apmRate, 1, 12);
    }

    private static void check(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "]: " + v);
        }
    }

    /** The header parameters. */
    public int[] toParams() {
        return new int[] {tableBits, counterLimit, matchLength, matchBits, mixRate, apmRate};
    }

    /** Rebuilds a config from the {@link #PARAM_COUNT} header parameters that start at {@code from}. */
    public static BitMixConfig fromParams(int[] p, int from) {
        if (p.length - from != PARAM_COUNT) {
            throw new IllegalArgumentException("bitwise mixer needs " + PARAM_COUNT + " parameters, got " + (p.length - from));
        }
        return new BitMixConfig(p[from], p[from + 1], p[from + 2], p[from + 3], p[from + 4], p[from + 5]);
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(Locale.ROOT, "bitwise mixer (2^%d-int tables, limit %d, match %d/2^%d, mix rate %d, apm 1/2^%d)",
                tableBits, counterLimit, matchLength, matchBits, mixRate, apmRate);
    }
}
