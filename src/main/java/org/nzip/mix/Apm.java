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
    /**
     * A point's step is 1/(n + 1.5) of the way to the bit after n updates ({@link Counter}), from a
     * start of {@value #START_COUNT} (the identity is worth that many bits) down to the configured
     * limit: a rarely seen context learns quickly, a common one settles (limit 1023: enwik6, book1,
     * alice29 −0.1 % against a fixed step of 1/64).
     */
    static final int START_COUNT = 16;

    Apm(int contexts) {
        table = new int[contexts * POINTS];
        for (int j = 0; j < POINTS; j++) {
            table[j] = (Logistic.squash((j - 16) * 128) << 6) << Counter.COUNT_BITS | START_COUNT; // a Counter
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
        return (int) (((long) Counter.p(table[base]) * (4096 - w) + (long) Counter.p(table[base + 1]) * w) >> 12);
    }

    /** Moves the point nearest to the last {@link #refine} towards the bit, its step slowing with its count up to {@code limit}. */
    void learn(int bit, int limit) {
        table[index] = Counter.update(table[index], bit, limit);
    }
}
