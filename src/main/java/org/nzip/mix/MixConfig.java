package org.nzip.mix;

import org.nzip.model.Predictor;

/**
 * Parameters of the models mixed with an LSTM's predictions (model kind 3): a {@link ContextMixer}
 * blends in order-0..N counts shared by all streams, then a {@link MatchMixer} refines the byte a
 * {@link MatchModel} predicts. Stored in the container header after the LSTM's parameters, in the
 * order of {@link #toParams()}.
 *
 * @param matchLength bytes of context a match needs (2..32)
 * @param hashBits    log2 of the largest match hash table (10..24; a block of n bytes uses about n entries)
 * @param matchRate   step size of the match weights, (0, 1]
 * @param countOrder  highest order of the shared context model (0..6)
 * @param countLimit  count total at which a context's counts are halved (2..65534)
 * @param countRate   step size of the blend weights, (0, 1]
 */
public record MixConfig(int matchLength, int hashBits, float matchRate, int countOrder, int countLimit, float countRate) {

    /** Number of header parameters. */
    public static final int PARAM_COUNT = 6;

    public MixConfig {
        if (matchLength < 2 || matchLength > MatchModel.VERIFY_LIMIT) {
            throw new IllegalArgumentException("match length must be in [2, " + MatchModel.VERIFY_LIMIT + "]: " + matchLength);
        }
        if (hashBits < 10 || hashBits > 24) {
            throw new IllegalArgumentException("match hash bits must be in [10, 24]: " + hashBits);
        }
        checkRate("match", matchRate);
        if (countOrder < 0 || countOrder > ContextModel.MAX_ORDER) {
            throw new IllegalArgumentException("count order must be in [0, " + ContextModel.MAX_ORDER + "]: " + countOrder);
        }
        if (countLimit < 2 || countLimit > ContextModel.MAX_LIMIT) {
            throw new IllegalArgumentException("count limit must be in [2, " + ContextModel.MAX_LIMIT + "]: " + countLimit);
        }
        checkRate("count", countRate);
    }

    private static void checkRate(String what, float rate) {
        if (!(rate > 0f && rate <= 1f)) { // also rejects NaN
            throw new IllegalArgumentException(what + " learning rate must be in (0, 1]: " + rate);
        }
    }

    /** Wraps a predictor (the LSTM) with the mixed models; closing the result closes it. */
    public Predictor wrap(Predictor lstm) {
        return new MatchMixer(new ContextMixer(lstm, countOrder, countLimit, countRate), this);
    }

    /** The header parameters. */
    public int[] toParams() {
        return new int[] {matchLength, hashBits, Float.floatToRawIntBits(matchRate),
                countOrder, countLimit, Float.floatToRawIntBits(countRate)};
    }

    /** Rebuilds a config from the {@link #PARAM_COUNT} header parameters that start at {@code from}. */
    public static MixConfig fromParams(int[] p, int from) {
        if (p.length - from != PARAM_COUNT) {
            throw new IllegalArgumentException("mixed models need " + PARAM_COUNT + " parameters, got " + (p.length - from));
        }
        return new MixConfig(p[from], p[from + 1], Float.intBitsToFloat(p[from + 2]),
                p[from + 3], p[from + 4], Float.intBitsToFloat(p[from + 5]));
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "order-%d counts (lr %s) + match model (min %d bytes, 2^%d table, lr %s)",
                countOrder, countRate, matchLength, hashBits, matchRate);
    }
}
