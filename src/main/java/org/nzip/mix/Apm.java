package org.nzip.mix;

/**
 * Secondary estimation (APM/SSE): maps a probability, in a context, through 33 interpolated points
 * of its stretch (every 128/256 of log-odds from −16 to 16), each point learning the bits that fall
 * nearest to it. Every context starts as the identity. Life cycle per bit: {@link #refine}, then
 * {@link #learn}.
 */
final class Apm {

    /** Interpolation points per context. */
    static final int POINTS = 33;

    private final int[] table;
    private int index;

    Apm(int contexts) {
        table = new int[contexts * POINTS];
        for (int j = 0; j < POINTS; j++) {
            table[j] = Logistic.squash((j - 16) * 128) * 16;
        }
        for (int c = 1; c < contexts; c++) {
            System.arraycopy(table, 0, table, c * POINTS, POINTS);
        }
    }

    /** Ints held for {@code contexts} contexts. */
    static long ints(long contexts) {
        return POINTS * contexts;
    }

    /** The refined probability (16 bits) of stretch {@code d} (in [−2047, 2047]) in context {@code ctx}. */
    int refine(int d, int ctx) {
        int pos = (d + 2048) * 32; // 0 .. 131040, 4096 per interval
        int j = pos >> 12;
        int w = pos & 4095;
        int base = ctx * POINTS + j;
        index = w < 2048 ? base : base + 1;
        return (int) (((long) table[base] * (4096 - w) + (long) table[base + 1] * w) >> 16);
    }

    /** Moves the point nearest to the last {@link #refine} 1/2^rate of the way to the bit. */
    void learn(int bit, int rate) {
        int target = bit == 0 ? 0 : (Logistic.ONE << 4) - 1;
        table[index] += (target - table[index]) >> rate;
    }
}
