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
 * @param modelSet     which models are mixed: {@value #BASE_SET} the set of the first release,
 *                     {@value #STREAM_SET} that set plus per-stream contexts and run models, more
 *                     shared contexts, a mixer chosen by how many contexts have been seen, an order-2
 *                     APM and a mixer step that starts large (see docs/FORMAT.md)
 */
public record BitMixConfig(int tableBits, int counterLimit, int matchLength, int matchBits, int mixRate, int apmRate,
        int modelSet) {

    /** Number of header parameters of the {@link #BASE_SET} (the model set is then not stored). */
    public static final int PARAM_COUNT = 6;
    /** Number of header parameters of the other model sets. */
    public static final int PARAM_COUNT_WITH_SET = 7;
    /** The models of the first release: order 0–6 and word contexts shared by all streams, a match model. */
    public static final int BASE_SET = 0;
    /** {@link #BASE_SET} plus per-stream models: see {@link BitMixer}. */
    public static final int STREAM_SET = 1;

    /** A config of the {@link #BASE_SET}. */
    public BitMixConfig(int tableBits, int counterLimit, int matchLength, int matchBits, int mixRate, int apmRate) {
        this(tableBits, counterLimit, matchLength, matchBits, mixRate, apmRate, BASE_SET);
    }

    public BitMixConfig {
        check("table bits", tableBits, 16, 24);
        check("counter limit", counterLimit, 1, BitMixer.COUNT_MASK);
        check("match length", matchLength, 2, MatchModel.VERIFY_LIMIT);
        check("match hash bits", matchBits, 10, 24);
        check("mixer rate", mixRate, 1, 65535);
        check("apm rate", apmRate, 1, 12);
        check("model set", modelSet, BASE_SET, STREAM_SET);
    }

    private static void check(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "]: " + v);
        }
    }

    /** The header parameters: six for the {@link #BASE_SET} (as written by the first release), else seven. */
    public int[] toParams() {
        return modelSet == BASE_SET
                ? new int[] {tableBits, counterLimit, matchLength, matchBits, mixRate, apmRate}
                : new int[] {tableBits, counterLimit, matchLength, matchBits, mixRate, apmRate, modelSet};
    }

    /** Whether {@code n} header parameters can hold a config: {@link #PARAM_COUNT} or {@link #PARAM_COUNT_WITH_SET}. */
    public static boolean validCount(int n) {
        return n == PARAM_COUNT || n == PARAM_COUNT_WITH_SET;
    }

    /** Rebuilds a config from the six or seven header parameters that start at {@code from}. */
    public static BitMixConfig fromParams(int[] p, int from) {
        int n = p.length - from;
        if (!validCount(n)) {
            throw new IllegalArgumentException("bitwise mixer needs " + PARAM_COUNT + " or " + PARAM_COUNT_WITH_SET
                    + " parameters, got " + n);
        }
        return new BitMixConfig(p[from], p[from + 1], p[from + 2], p[from + 3], p[from + 4], p[from + 5],
                n == PARAM_COUNT ? BASE_SET : p[from + 6]);
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(Locale.ROOT, "bitwise mixer (%s, 2^%d-int tables, limit %d, match %d/2^%d, mix rate %d, apm 1/2^%d)",
                modelSet == BASE_SET ? "shared models" : "shared and per-stream models", tableBits, counterLimit,
                matchLength, matchBits, mixRate, apmRate);
    }
}
