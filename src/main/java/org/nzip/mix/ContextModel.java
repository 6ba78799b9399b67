package org.nzip.mix;

import org.nzip.model.Predictor;

/**
 * An adaptive order-0..N context model (N ≤ 6) over bytes: each order keeps counts of the symbols
 * seen after its context, and the orders are blended from low to high by Witten–Bell interpolation,
 * {@code p_k(x) = (c_k(x) + u_k · p_(k−1)(x)) / (n_k + u_k)}, where {@code n_k} is the context's count
 * total and {@code u_k} the number of distinct symbols it has seen. Counts are halved when a
 * context's total passes a limit, so the model follows changing statistics.
 *
 * <p>It codes one stream or, as a partner of the LSTM, several streams that share the statistics
 * (each with its own context; counts are updated in stream order after each step). All arithmetic
 * is integer or plain IEEE {@code float}, so it is bit-exact everywhere. Order-2 rows are allocated
 * on first use: memory follows the contexts actually seen. Orders 3 to 6 live in hashed tables of
 * {@code 2^}{@value #HASHED_BITS} rows each, allocated on first use and tagged with a 32-bit check of
 * their context: a row claimed by another context starts again from zero.
 */
public final class ContextModel implements Predictor {

    /** Highest supported context order. */
    public static final int MAX_ORDER = 6;
    /** log2 of the rows of each hashed order (3 and 4); a row holds 256 counts. */
    static final int HASHED_BITS = 17;
    /** Highest count limit: counts are {@code char}s and may reach the limit plus one. */
    public static final int MAX_LIMIT = 65534;

    private final int order;
    private final int limit;

    private final int[] c0 = new int[ALPHABET];
    private int n0;
    private int u0;
    private final char[][] c1 = new char[ALPHABET][];
    private final int[] n1 = new int[ALPHABET];
    private final int[] u1 = new int[ALPHABET];
    private final char[][] c2 = new char[ALPHABET * ALPHABET][];
    private final int[] n2 = new int[ALPHABET * ALPHABET];
    private final int[] u2 = new int[ALPHABET * ALPHABET];
    private final char[][][] hashedRows; // [order − 3][slot]
    private final int[][] hashedTag;     // exact context of the row in a slot
    private final int[][] hashedN;
    private final int[][] hashedU;
    private final int streams;
    private final long[] history; // per stream, the last eight symbols, most recent in the low byte

    /**
     * @param order highest context order, 0..6
     * @param limit count total at which a context's counts are halved, 2..{@link #MAX_LIMIT}
     */
    public ContextModel(int order, int limit) {
        this(order, limit, 1);
    }

    /**
     * @param order   highest context order, 0..6
     * @param limit   count total at which a context's counts are halved, 2..{@link #MAX_LIMIT}
     * @param streams streams sharing the statistics, 1..256
     */
    public ContextModel(int order, int limit, int streams) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be 0.." + MAX_ORDER + ": " + order);
        }
        if (limit < 2 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("count limit must be 2.." + MAX_LIMIT + ": " + limit);
        }
        if (streams < 1 || streams > 256) {
            throw new IllegalArgumentException("streams must be 1..256: " + streams);
        }
        this.order = order;
        this.limit = limit;
        this.streams = streams;
        this.history = new long[streams];
        int hashed = Math.max(0, order - 2);
        hashedRows = new char[hashed][1 << HASHED_BITS][];
        hashedTag = new int[hashed][1 << HASHED_BITS];
        hashedN = new int[hashed][1 << HASHED_BITS];
        hashedU = new int[hashed][1 << HASHED_BITS];
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public void predict(int active, float[] p) {
        if (active < 1 || active > streams) {
            throw new IllegalArgumentException("active streams must be 1.." + streams + ": " + active);
        }
        for (int s = 0; s < active; s++) {
            int o = s * ALPHABET;
            blendOrder0(p, o);
            if (order >= 1) {
                int ctx1 = (int) history[s] & 0xFF;
                blend(p, o, c1[ctx1], n1[ctx1], u1[ctx1]);
            }
            if (order >= 2) {
                int ctx2 = (int) history[s] & 0xFFFF;
                blend(p, o, c2[ctx2], n2[ctx2], u2[ctx2]);
            }
            for (int k = 3; k <= order; k++) {
                long ctx = context(s, k);
                int slot = slot(ctx);
                char[] row = hashedRows[k - 3][slot];
                if (row != null && hashedTag[k - 3][slot] == check(ctx)) {
                    blend(p, o, row, hashedN[k - 3][slot], hashedU[k - 3][slot]);
                }
            }
        }
    }

    /** The last k bytes of stream s (3 ≤ k ≤ 6) as a number. */
    private long context(int s, int k) {
        return history[s] & ((1L << (8 * k)) - 1);
    }

    private static int slot(long ctx) {
        return (int) ((ctx * 0x9E3779B97F4A7C15L) >>> (64 - HASHED_BITS));
    }

    /** The tag of a context: other bits of another hash than the slot's. */
    private static int check(long ctx) {
        return (int) ((ctx * 0xC2B2AE3D27D4EB4FL) >>> 32);
    }

    /**
     * How much the model knows in stream {@code s}'s context: {@code order·2^16 + min(n, 65535)} for
     * the highest order whose context has been seen ({@code n > 0}), n being its count total.
     */
    public int contextConfidence(int s) {
        for (int k = order; k >= 1; k--) {
            int n;
            if (k >= 3) {
                long ctx = context(s, k);
                int slot = slot(ctx);
                n = hashedRows[k - 3][slot] != null && hashedTag[k - 3][slot] == check(ctx) ? hashedN[k - 3][slot] : 0;
            } else {
                n = k == 2 ? n2[(int) history[s] & 0xFFFF] : n1[(int) history[s] & 0xFF];
            }
            if (n > 0) {
                return (k << 16) + Math.min(n, 0xFFFF);
            }
        }
        return Math.min(n0, 0xFFFF);
    }

    private void blendOrder0(float[] p, int o) {
        float u = u0;
        float inv = 1f / (n0 + u + 1f); // the extra 1 escapes to the uniform order −1
        float uniform = (u + 1f) / ALPHABET;
        for (int x = 0; x < ALPHABET; x++) {
            p[o + x] = (c0[x] + uniform) * inv;
        }
    }

    private static void blend(float[] p, int o, char[] counts, int n, int distinct) {
        if (n == 0) {
            return; // an unseen context defers to the lower order
        }
        float u = distinct;
        float inv = 1f / (n + u);
        for (int x = 0; x < ALPHABET; x++) {
            p[o + x] = (counts[x] + u * p[o + x]) * inv;
        }
    }

    @Override
    public void update(int active, int[] symbols) {
        for (int s = 0; s < active; s++) {
            count(s, symbols[s]);
        }
    }

    private void count(int s, int x) {
        long history = this.history[s];
        if (c0[x]++ == 0) {
            u0++;
        }
        if (++n0 > 1 << 30) {
            n0 = halve(c0);
            u0 = distinct(c0);
        }
        if (order >= 1) {
            int ctx = (int) history & 0xFF;
            c1[ctx] = count(c1[ctx], x, n1, u1, ctx);
        }
        if (order >= 2) {
            int ctx = (int) history & 0xFFFF;
            c2[ctx] = count(c2[ctx], x, n2, u2, ctx);
        }
        for (int k = 3; k <= order; k++) {
            long context = context(s, k);
            int slot = slot(context);
            int ctx = check(context);
            char[] row = hashedRows[k - 3][slot];
            int[] tag = hashedTag[k - 3];
            if (row != null && tag[slot] != ctx) {
                java.util.Arrays.fill(row, (char) 0); // the slot changes hands
                hashedN[k - 3][slot] = 0;
                hashedU[k - 3][slot] = 0;
            }
            tag[slot] = ctx;
            hashedRows[k - 3][slot] = count(row, x, hashedN[k - 3], hashedU[k - 3], slot);
        }
        this.history[s] = (history << 8) | x;
    }

    private char[] count(char[] row, int x, int[] n, int[] u, int ctx) {
        if (row == null) {
            row = new char[ALPHABET];
        }
        if (row[x]++ == 0) {
            u[ctx]++;
        }
        if (++n[ctx] > limit) {
            int total = 0;
            int seen = 0;
            for (int i = 0; i < ALPHABET; i++) {
                int c = row[i] >>> 1; // halving forgets symbols seen once: they are the stalest evidence
                row[i] = (char) c;
                total += c;
                seen += c > 0 ? 1 : 0;
            }
            n[ctx] = total;
            u[ctx] = seen;
        }
        return row;
    }

    private static int halve(int[] counts) {
        int total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] >>>= 1;
            total += counts[i];
        }
        return total;
    }

    private static int distinct(int[] counts) {
        int seen = 0;
        for (int c : counts) {
            seen += c > 0 ? 1 : 0;
        }
        return seen;
    }
}
