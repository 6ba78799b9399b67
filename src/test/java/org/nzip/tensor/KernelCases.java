package org.nzip.tensor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Runs every kernel of a {@link TensorOps} over a fixed, seeded set of cases and hands each output
 * to a sink, so that backends can be compared case by case (in-process) or by digest (child JVMs
 * with other vector widths / JIT modes, see {@link VectorWidthTest}).
 */
final class KernelCases {

    /** Sizes of the vectorized dimension: 1–70, 127–129, 255–257, 511–513, 1023–1025. */
    static final int[] VEC_SIZES = IntStream.concat(IntStream.rangeClosed(1, 70),
            IntStream.of(127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025)).toArray();
    /** Batch widths (the vectorized dimension of lane-per-column kernels). */
    static final int[] BATCHES = {1, 2, 7, 8, 15, 16, 17, 31, 32, 33};
    /** (M, K) shapes for batched products: cover 6- and 8-row tiles plus remainders. */
    static final int[][] SHAPES = {{1, 1}, {5, 3}, {13, 37}, {20, 70}};

    /** Values that stress the transcendentals (finite and not). */
    static final float[] SPECIALS = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f,
            1e-7f, -1e-7f, 0.625f, -0.625f, 0.62499994f, 1f, -1f, 9.01f, -9.01f, 17.33f, -17.33f, 80f, -80f, 88.72f,
            88.73f, -87.3f, -88f, -100f, -103.9f, -104f, -110f, 89f, 200f, -200f, 1e30f, -1e30f, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    private KernelCases() {}

    static float[] random(SplittableRandom rnd, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /** Wide-range inputs for tanh/sigmoid (and the exp inside them) with special values mixed in. */
    static float[] activationInputs(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(8);
            a[i] = switch (kind) {
                case 0 -> SPECIALS[rnd.nextInt(SPECIALS.length)];
                case 1 -> (float) ((rnd.nextDouble() * 2 - 1) * 120);
                case 2 -> (float) ((rnd.nextDouble() * 2 - 1) * 0.7);
                default -> (float) ((rnd.nextDouble() * 2 - 1) * 10);
            };
        }
        return a;
    }

    static SplittableRandom rnd(String name) {
        return new SplittableRandom(name.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** Runs all cases on {@code ops}; {@code sink} receives (case name, output array). */
    static void runAll(TensorOps ops, BiConsumer<String, float[]> sink) {
        elementwise(ops, sink);
        products(ops, sink);
        columnwise(ops, sink);
        transformer(ops, sink);
    }

    static void elementwise(TensorOps ops, BiConsumer<String, float[]> sink) {
        for (int n : VEC_SIZES) {
            String id = "n=" + n;
            SplittableRandom r = rnd("elementwise " + id);
            float[] in = activationInputs(r, n + 1);
            float[] act = new float[n + 1];
            ops.tanh(in, 1, act, 0, n);
            sink.accept("tanh " + id, act.clone());
            ops.sigmoid(in, 1, act, 0, n);
            sink.accept("sigmoid " + id, act.clone());
            float[] inPlace = in.clone();
            ops.tanh(inPlace, 1, inPlace, 1, n);
            sink.accept("tanh in-place " + id, inPlace);
            // Adam
            float[] w = random(r, n, 1), g = random(r, n, 2), v = random(r, n, 1);
            for (int i = 0; i < n; i++) {
                v[i] = Math.abs(v[i]);
            }
            ops.adamUpdate(w, 0, g, 0, v, 0, n, 4e-3f, 0.9999f, 1e-8f, 0.5f);
            ops.adamUpdate(w, 0, g, 0, v, 0, n, 1e-3f, 0.99f, 1e-6f, Float.POSITIVE_INFINITY);
            sink.accept("adam w " + id, w);
            sink.accept("adam v " + id, v);
        }
    }

    static void products(TensorOps ops, BiConsumer<String, float[]> sink) {
        // batched products: B vectorized
        for (int b : BATCHES) {
            for (int[] shape : SHAPES) {
                batched(ops, sink, shape[0], shape[1], b);
            }
        }
        for (int b : new int[] {16, 32}) {
            batched(ops, sink, 64, 130, b);
        }
        // weights given transposed: narrow batches are vectorized across rows (blocks of 32 and 16 rows, then the rest)
        for (int b : BATCHES) {
            transposedWeights(ops, sink, 77, 19, b);
        }
        transposedWeights(ops, sink, 640, 40, 8);
        transposedWeights(ops, sink, 5, 3, 4);
        // transposed with B = 1 (k rows: row tiles and their remainders) and weight gradient (k vectorized)
        for (int k : VEC_SIZES) {
            String id = "k=" + k;
            SplittableRandom r = rnd("transposedB1 " + id);
            int m = 5;
            float[] w = random(r, m * k, 1), dy = random(r, m, 1), dx = random(r, k, 1);
            ops.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, 1, dx, 0, true);
            sink.accept("matmulTransposedRows B=1 acc " + id, dx.clone());
            ops.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, 1, dx, 0, false);
            sink.accept("matmulTransposedRows B=1 " + id, dx);
            for (int mm : new int[] {1, 5}) {
                for (int b : new int[] {1, 7, 16}) {
                    outer(ops, sink, mm, k, b);
                }
            }
        }
    }

    private static void batched(TensorOps ops, BiConsumer<String, float[]> sink, int m, int k, int b) {
        String id = "m=" + m + " k=" + k + " b=" + b;
        SplittableRandom r = rnd("batched " + id);
        float[] w = random(r, m * k + 1, 1), x = random(r, k * b + 2, 1), bias = random(r, m, 1);
        float[] y = new float[m * b];
        ops.matmulBias(w, 1, m, k, bias, 0, x, 2, b, y, 0);
        sink.accept("matmulBias " + id, y.clone());
        float[] dx = random(r, k * b, 1);
        ops.matmulTransposedRows(w, 1, m, k, 0, k, y, 0, b, dx, 0, true);
        sink.accept("matmulTransposedRows acc " + id, dx.clone());
        ops.matmulTransposedRows(w, 1, m, k, 0, k, y, 0, b, dx, 0, false);
        sink.accept("matmulTransposedRows " + id, dx.clone());
        ops.matmulTransposedRows(w, 1, m, k, k / 3, k, y, 0, b, dx, 0, true); // a range not starting at row 0
        sink.accept("matmulTransposedRows [k/3, k) acc " + id, dx);
        // the product in two pieces, the last columns (with the bias) first: a row stride beyond the inner width
        int ka = k / 3;
        float[] ys = new float[m * b];
        ops.matmulColumns(w, 1, m, k, ka, k, bias, 0, x, 2 + ka * b, b, ys, 0);
        ops.matmulColumns(w, 1, m, k, 0, ka, null, 0, x, 2, b, ys, 0);
        sink.accept("matmulColumns [k/3, k) then [0, k/3) " + id, ys);
        outer(ops, sink, m, k, b);
    }

    private static void transposedWeights(TensorOps ops, BiConsumer<String, float[]> sink, int m, int k, int b) {
        String id = "m=" + m + " k=" + k + " b=" + b;
        SplittableRandom r = rnd("transposed weights " + id);
        float[] w = random(r, m * k, 1), x = random(r, k * b + 2, 1), bias = random(r, m + 1, 1);
        float[] wt = new float[m * k + 3];
        ops.transpose(w, 0, m, k, wt, 3);
        float[] y = new float[m * b];
        ops.matmulBiasTransposed(wt, 3, m, k, bias, 1, x, 2, b, y, 0);
        sink.accept("matmulBiasTransposed " + id, y.clone());
        float[] yw = new float[m * b];
        ops.matmulBias(w, 0, m, k, bias, 1, x, 2, b, yw, 0);
        if (!java.util.Arrays.equals(y, yw)) {
            throw new AssertionError("matmulBiasTransposed differs from matmulBias, " + id + ", " + ops.name());
        }
        int ka = k / 3; // the product in two pieces, both ways of giving the weights
        float[] ys = new float[m * b];
        ops.matmulColumnsTransposed(wt, 3, m, k, ka, k, bias, 1, x, 2 + ka * b, b, ys, 0);
        ops.matmulColumnsTransposed(wt, 3, m, k, 0, ka, null, 0, x, 2, b, ys, 0);
        sink.accept("matmulColumnsTransposed " + id, ys.clone());
        float[] yws = new float[m * b];
        ops.matmulColumns(w, 0, m, k, ka, k, bias, 1, x, 2 + ka * b, b, yws, 0);
        ops.matmulColumns(w, 0, m, k, 0, ka, null, 0, x, 2, b, yws, 0);
        if (!java.util.Arrays.equals(ys, yws)) {
            throw new AssertionError("matmulColumnsTransposed differs from matmulColumns, " + id + ", " + ops.name());
        }
        // the row tiles' accumulating form, through the transposed product of the backward pass
        float[] dx = random(r, m * b, 1);
        ops.matmulTransposedRows(wt, 3, k, m, 0, m, x, 2, b, dx, 0, true);
        sink.accept("matmulTransposedRows of wt acc " + id, dx);
        // the backward pass's input gradient from the transposed weights: rows [k/3, k) of Wᵀ·dY as a plain product
        float[] dy = random(r, m * b, 1);
        float[] g = random(r, k * b, 1);
        ops.matmul(wt, 3 + ka * m, k - ka, m, dy, 0, b, g, ka * b);
        sink.accept("matmul of wt rows " + id, g.clone());
        float[] gw = g.clone();
        java.util.Arrays.fill(gw, ka * b, k * b, Float.NaN);
        ops.matmulTransposedRows(w, 0, m, k, ka, k, dy, 0, b, gw, 0, false);
        if (!java.util.Arrays.equals(g, gw)) {
            throw new AssertionError("matmul of wt rows differs from matmulTransposedRows, " + id + ", " + ops.name());
        }
    }

    private static void outer(TensorOps ops, BiConsumer<String, float[]> sink, int m, int k, int b) {
        String id = "m=" + m + " k=" + k + " b=" + b;
        SplittableRandom r = rnd("outer " + id);
        float[] dy = random(r, m * b, 1), x = random(r, k * b, 1), dw = random(r, m * k + 3, 1);
        float[] xT = new float[k * b + 1];
        ops.transpose(x, 0, k, b, xT, 1);
        ops.outerAccumulate(dy, 0, m, xT, 1, k, b, dw, 3);
        sink.accept("outerAccumulate " + id, dw);
    }

    static void columnwise(TensorOps ops, BiConsumer<String, float[]> sink) {
        for (int b : BATCHES) {
            for (int rows : new int[] {1, 7, 256}) {
                columns(ops, sink, rows, b);
            }
        }
        for (int rows : VEC_SIZES) {
            columns(ops, sink, rows, 1);
        }
    }

    private static void columns(TensorOps ops, BiConsumer<String, float[]> sink, int rows, int b) {
        String id = "rows=" + rows + " b=" + b;
        SplittableRandom r = rnd("columns " + id);
        float[] x = random(r, rows * b + 1, 12);
        float[] out = new float[rows * b];
        ops.softmax(x, 1, rows, b, out, 0);
        sink.accept("softmax " + id, out);
    }

    /** The transformer's kernels: attention over spans (B vectorized), softmax gradient, RMSNorm, SwiGLU (n vectorized). */
    static void transformer(TensorOps ops, BiConsumer<String, float[]> sink) {
        for (int b : VEC_SIZES) {
            attention(ops, sink, 3, 5, b);
        }
        for (int b : BATCHES) {
            for (int[] shape : new int[][] {{1, 1}, {17, 8}, {64, 32}}) {
                attention(ops, sink, shape[0], shape[1], b);
            }
        }
        for (int n : VEC_SIZES) {
            String id = "n=" + n;
            SplittableRandom r = rnd("swiglu " + id);
            float[] u = activationInputs(r, 2 * n + 1);
            float[] h = new float[n + 2];
            ops.swiglu(u, 1, n, h, 2);
            sink.accept("swiglu " + id, h);
            float[] dh = random(r, n, 2);
            float[] du = new float[2 * n + 3];
            ops.swigluBackward(u, 1, n, dh, 0, du, 3);
            sink.accept("swigluBackward " + id, du);
        }
    }

    private static void attention(TensorOps ops, BiConsumer<String, float[]> sink, int n, int d, int b) {
        String id = "n=" + n + " d=" + d + " b=" + b;
        SplittableRandom r = rnd("attention " + id);
        int stride = d * b + 3; // blocks not adjacent, as one head's slice of a cache of wider blocks
        float[] q = random(r, d * b + 1, 1), keys = random(r, n * stride + 2, 1);
        float[] scores = new float[n * b];
        ops.attentionScores(q, 1, keys, 2, stride, n, d, b, 0.37f, scores, 0);
        sink.accept("attentionScores " + id, scores.clone());
        float[] p = new float[n * b];
        ops.softmax(scores, 0, n, b, p, 0);
        float[] mixed = random(r, d * b, 1);
        ops.attentionMix(p, 0, keys, 2, stride, n, d, b, mixed, 0, true);
        sink.accept("attentionMix acc " + id, mixed.clone());
        ops.attentionMix(p, 0, keys, 2, stride, n, d, b, mixed, 0, false);
        sink.accept("attentionMix " + id, mixed);
        float[] dp = random(r, n * b, 1);
        float[] ds = new float[n * b];
        ops.softmaxBackward(p, 0, dp, 0, n, b, ds, 0);
        sink.accept("softmaxBackward " + id, ds);
        float[] dk = random(r, n * stride + 2, 1);
        ops.attentionOuter(ds, 0, q, 1, n, d, b, dk, 2, stride);
        sink.accept("attentionOuter " + id, dk);
        // RMSNorm over the d rows of q
        float[] gain = random(r, d, 2), out = new float[d * b], inv = new float[b + 1];
        ops.rmsNorm(q, 1, d, b, gain, 0, 1e-5f, out, 0, inv, 1);
        sink.accept("rmsNorm " + id, out);
        float[] dy = random(r, d * b, 1), dx = random(r, d * b, 1), dGain = random(r, d, 1);
        ops.rmsNormBackward(q, 1, d, b, gain, 0, inv, 1, dy, 0, dx, 0, dGain, 0);
        sink.accept("rmsNormBackward dx " + id, dx);
        sink.accept("rmsNormBackward dGain " + id, dGain);
    }

    /** SHA-256 over (name, raw bits) of all cases; NaNs are canonicalised (their payload is unspecified). */
    static String digest(TensorOps ops) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            runAll(ops, (name, out) -> {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                for (float f : out) {
                    int bits = Float.floatToIntBits(f);
                    md.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
                }
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Child-JVM entry point: prints "&lt;description&gt;\n&lt;digest&gt;" for the named backend, or with "get" the outcome of {@link TensorOps#get()}. */
    public static void main(String[] args) {
        if (args[0].equals("get")) { // selection through the system property
            try {
                System.out.println(TensorOps.get().name());
            } catch (IllegalArgumentException e) {
                System.out.println("IllegalArgumentException: " + e.getMessage());
            }
            return;
        }
        TensorOps ops = TensorOps.named(args[0]);
        System.out.println(ops.description());
        System.out.println(digest(ops));
    }
}
