package org.nzip.mix;

import org.nzip.model.Predictor;

/**
 * An adaptive order-0..N context model (N ≤ 2) over bytes: each order keeps counts of the symbols
 * seen after its context, and the orders are blended from low to high by Witten–Bell interpolation,
 * {@code p_k(x) = (c_k(x) + u_k · p_(k−1)(x)) / (n_k + u_k)}, where {@code n_k} is the context's count
 * total and {@code u_k} the number of distinct symbols it has seen. Counts are halved when a
 * context's total passes a limit, so the model follows changing statistics.
 *
 * <p>It codes one stream or, as a partner of the LSTM, several streams that share the statistics
 * (each with its own context; counts are updated in stream order after each step). All arithmetic
 * is integer or plain IEEE {@code float}, so it is bit-exact everywhere. Order-2 rows are allocated
 * on first use: memory follows the contexts actually seen.
 */
public final class ContextModel implements Predictor {

    /** Highest supported context order. */
    public static final int MAX_ORDER = 2;
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
    private final int streams;
    private final int[] history; // per stream, the last two symbols, most recent in the low byte

    /**
     * @param order highest context order, 0..2
     * @param limit count total at which a context's counts are halved, 2..{@link #MAX_LIMIT}
     */
    public ContextModel(int order, int limit) {
        this(order, limit, 1);
    }

    /**
     * @param order   highest context order, 0..2
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
        this.history = new int[streams];
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
                int ctx1 = history[s] & 0xFF;
                blend(p, o, c1[ctx1], n1[ctx1], u1[ctx1]);
            }
            if (order >= 2) {
                int ctx2 = history[s] & 0xFFFF;
                blend(p, o, c2[ctx2], n2[ctx2], u2[ctx2]);
            }
        }
    }

    /** Count total of the highest-order context of stream {@code s} (0 if unseen): how much it knows. */
    public int contextCount(int s) {
        return switch (order) {
            case 0 -> n0;
            case 1 -> n1[history[s] & 0xFF];
            default -> n2[history[s] & 0xFFFF];
        };
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
        int history = this.history[s];
        if (c0[x]++ == 0) {
            u0++;
        }
        if (++n0 > 1 << 30) {
            n0 = halve(c0);
            u0 = distinct(c0);
        }
        if (order >= 1) {
            int ctx = history & 0xFF;
            c1[ctx] = count(c1[ctx], x, n1, u1, ctx);
        }
        if (order >= 2) {
            int ctx = history & 0xFFFF;
            c2[ctx] = count(c2[ctx], x, n2, u2, ctx);
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
