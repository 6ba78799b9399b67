package org.nzip.mix;

import org.nzip.tensor.FloatMath;

/**
 * Integer logistic domain of the bitwise models: probabilities are 16-bit integers in
 * [1, 65535] (of 65536), their log-odds ("stretch") are integers in [−2047, 2047] in units of 1/256.
 *
 * <p>Both tables are built once from {@link FloatMath#sigmoid}, which is bit-exact on every JVM, and
 * everything that uses them is integer arithmetic: identical on every machine by construction.
 */
final class Logistic {

    /** Largest magnitude of a stretched probability (log-odds × 256). */
    static final int STRETCH_LIMIT = 2047;
    /** One, in the 16-bit probability scale. */
    static final int ONE = 1 << 16;

    /** squash(d) for d in [−2048, 2047], indexed by d + 2048. */
    private static final int[] SQUASH = new int[4096];
    /** stretch(p) for the 4096 buckets of p >>> 4. */
    private static final short[] STRETCH = new short[4096];

    static {
        for (int i = 0; i < SQUASH.length; i++) {
            float p = FloatMath.sigmoid((i - 2048) / 256f);
            SQUASH[i] = Math.min(ONE - 1, Math.max(1, (int) (p * ONE + 0.5f)));
        }
        // stretch is the inverse of squash at the bucket's centre: the largest d with squash(d) <= centre.
        int d = -2048;
        for (int i = 0; i < STRETCH.length; i++) {
            int centre = i * 16 + 8;
            while (d < STRETCH_LIMIT && SQUASH[d + 1 + 2048] <= centre) {
                d++;
            }
            STRETCH[i] = (short) Math.max(-STRETCH_LIMIT, d);
        }
    }

    private Logistic() {}

    /** The probability (16 bits, [1, 65535]) of log-odds {@code d}/256; {@code d} is clamped to ±2047. */
    static int squash(int d) {
        if (d > STRETCH_LIMIT) {
            d = STRETCH_LIMIT;
        } else if (d < -STRETCH_LIMIT) {
            d = -STRETCH_LIMIT;
        }
        return SQUASH[d + 2048];
    }

    /** The log-odds × 256 of a 16-bit probability {@code p} in [0, 65535]. */
    static int stretch(int p) {
        return STRETCH[p >>> 4];
    }
}
