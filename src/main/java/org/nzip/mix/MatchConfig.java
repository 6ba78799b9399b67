package org.nzip.mix;

/**
 * Parameters of the {@link MatchMixer} that refines an LSTM's predictions with a {@link MatchModel};
 * stored in the container header after the LSTM's, in the order of {@link #toParams()}.
 *
 * @param minLength    bytes of context a match needs (2..32)
 * @param hashBits     log2 of the largest hash table (10..24; a block of n bytes uses about n entries)
 * @param learningRate step size of the mixing weights, (0, 1]
 */
public record MatchConfig(int minLength, int hashBits, float learningRate) {

    /** Number of header parameters. */
    public static final int PARAM_COUNT = 3;

    public MatchConfig {
        if (minLength < 2 || minLength > MatchModel.VERIFY_LIMIT) {
            throw new IllegalArgumentException("match length must be in [2, " + MatchModel.VERIFY_LIMIT + "]: " + minLength);
        }
        if (hashBits < 10 || hashBits > 24) {
            throw new IllegalArgumentException("match hash bits must be in [10, 24]: " + hashBits);
        }
        if (!(learningRate > 0f && learningRate <= 1f)) {
            throw new IllegalArgumentException("match learning rate must be in (0, 1]: " + learningRate);
        }
    }

    /** The header parameters. */
    public int[] toParams() {
        return new int[] {minLength, hashBits, Float.floatToRawIntBits(learningRate)};
    }

    /** Rebuilds a config from {@link #PARAM_COUNT} header parameters starting at {@code from}. */
    public static MatchConfig fromParams(int[] p, int from) {
        if (p.length - from != PARAM_COUNT) {
            throw new IllegalArgumentException("match mixer needs " + PARAM_COUNT + " parameters, got " + (p.length - from));
        }
        return new MatchConfig(p[from], p[from + 1], Float.intBitsToFloat(p[from + 2]));
    }

    /** A one-line description for listings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "match model (min %d bytes, 2^%d table, lr %s)",
                minLength, hashBits, learningRate);
    }
}
