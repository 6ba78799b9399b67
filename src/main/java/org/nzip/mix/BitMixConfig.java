package org.nzip.mix;

import java.util.Locale;

/**
 * Parameters of the {@link BitMixer}, stored in the container header (model kinds 4 and 5). All
 * integers: the bitwise models use no floating point after the LSTM's distribution has been
 * quantised. The bounds are named constants, quoted by docs/FORMAT.md.
 *
 * @param tableBits    log2 of the ints in each hashed context table (2^tableBits · 4 bytes each)
 * @param counterLimit count at which a context's adaptation rate stops slowing
 * @param matchLength  bytes of context a match needs
 * @param matchBits    log2 of the largest match hash table
 * @param mixRate      step size of the mixer weights in units of 1/65536
 * @param apmLimitBits the secondary estimation tables' points move 1/(n + 1.5) of the way to each bit
 *                     after n updates, n up to 2^apmLimitBits − 1
 * @param modelSet     which models are mixed: {@value #TEXT_SET} or {@value #TEXT_MAX_SET} (with a network),
 *                     {@value #CM_SET} or {@value #CM_MAX_SET} (alone); 0 and 1 were the sets of format
 *                     version 2, see docs/FORMAT.md
 */
public record BitMixConfig(int tableBits, int counterLimit, int matchLength, int matchBits, int mixRate, int apmLimitBits,
        int modelSet) {

    /** Shared and per-stream contexts with run models, a text model, sparse and indirect contexts: see {@link BitMixer}. */
    public static final int TEXT_SET = 2;
    /**
     * The text set's shared contexts with bit histories and run models, for one stream without a
     * network: the bit histories take the place of the per-stream contexts.
     */
    public static final int CM_SET = 3;
    /** The text set with more word contexts, byte histories, mixers and APMs: {@code max}'s, with its network. */
    public static final int TEXT_MAX_SET = 4;
    /** The cm set with what {@link #TEXT_MAX_SET} adds: {@code max}'s for inputs too small for its network. */
    public static final int CM_MAX_SET = 5;
    public static final int MIN_TABLE_BITS = 16;
    public static final int MAX_TABLE_BITS = 24;
    public static final int MAX_COUNTER_LIMIT = Counter.COUNT_MASK;
    public static final int MIN_MATCH_LENGTH = 2;
    public static final int MAX_MATCH_LENGTH = MatchModel.VERIFY_LIMIT;
    public static final int MIN_MATCH_BITS = MatchModel.MIN_HASH_BITS;
    public static final int MAX_MATCH_BITS = MatchModel.MAX_HASH_BITS;
    public static final int MAX_MIX_RATE = 65535;
    public static final int MAX_APM_LIMIT_BITS = Counter.COUNT_BITS;

    public BitMixConfig {
        check("table bits", tableBits, MIN_TABLE_BITS, MAX_TABLE_BITS);
        check("counter limit", counterLimit, 1, MAX_COUNTER_LIMIT);
        check("match length", matchLength, MIN_MATCH_LENGTH, MAX_MATCH_LENGTH);
        check("match hash bits", matchBits, MIN_MATCH_BITS, MAX_MATCH_BITS);
        check("mixer rate", mixRate, 1, MAX_MIX_RATE);
        check("apm limit bits", apmLimitBits, 1, MAX_APM_LIMIT_BITS);
        check("model set", modelSet, TEXT_SET, CM_MAX_SET);
    }

    private static void check(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "]: " + v);
        }
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(Locale.ROOT, "bitwise mixer (%s, 2^%d-int tables, limit %d, match %d/2^%d, mix rate %d, apm limit 2^%d)",
                switch (modelSet) {
                    case TEXT_SET -> "text set";
                    case CM_SET -> "cm set";
                    case TEXT_MAX_SET -> "text max set";
                    default -> "cm max set";
                }, tableBits, counterLimit,
                matchLength, matchBits, mixRate, apmLimitBits);
    }
}
