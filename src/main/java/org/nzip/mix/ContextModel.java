package org.nzip.mix;

import org.nzip.model.Predictor;

/**
 * An adaptive order-0..N context model (N ≤ 2) over bytes: each order keeps counts of the symbols
 * seen after its context, and the orders are blended from low to high by Witten–Bell interpolation,
 * {@code p_k(x) = (c_k(x) + u_k · p_(k−1)(x)) / (n_k + u_k)}, where {@code n_k} is the context's count
 * total and {@code u_k} the number of distinct symbols it has seen. Counts are halved when a
 * context's total passes a limit, so the model follows changing statistics.
 *
 * <p>It codes one stream. All arithmetic is integer or plain IEEE {@code float}, so it is bit-exact
 * everywhere. Order-2 rows are allocated on first use: memory follows the contexts actually seen.
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
    private int history; // the last two symbols, most recent in the low byte

    /**
     * @param order highest context order, 0..2
     * @param limit count total at which a context's counts are halved, 2..{@link #MAX_LIMIT}
     */
    public ContextModel(int order, int limit) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be 0.." + MAX_ORDER + ": " + order);
        }
        if (limit < 2 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("count limit must be 2.." + MAX_LIMIT + ": " + limit);
        }
        this.order = order;
        this.limit = limit;
    }

    @Override
    public int streams() {
        return 1;
    }

    @Override
    public void predict(int active, float[] p) {
        if (active != 1) {
            throw new IllegalArgumentException("a context model codes one stream");
        }
        blendOrder0(p);
        if (order >= 1) {
            int ctx1 = history & 0xFF;
            blend(p, c1[ctx1], n1[ctx1], u1[ctx1]);
        }
        if (order >= 2) {
            int ctx2 = history & 0xFFFF;
            blend(p, c2[ctx2], n2[ctx2], u2[ctx2]);
        }
    }

    private void blendOrder0(float[] p) {
        float u = u0;
        float inv = 1f / (n0 + u + 1f); // the extra 1 escapes to the uniform order −1
        float uniform = (u + 1f) / ALPHABET;
        for (int x = 0; x < ALPHABET; x++) {
            p[x] = (c0[x] + uniform) * inv;
        }
    }

    private static void blend(float[] p, char[] counts, int n, int distinct) {
        if (n == 0) {
            return; // an unseen context defers to the lower order
        }
        float u = distinct;
        float inv = 1f / (n + u);
        for (int x = 0; x < ALPHABET; x++) {
            p[x] = (counts[x] + u * p[x]) * inv;
        }
    }

    @Override
    public void update(int active, int[] symbols) {
        int x = symbols[0];
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
        history = (history << 8) | x;
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
