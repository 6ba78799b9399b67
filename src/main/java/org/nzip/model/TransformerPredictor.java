package org.nzip.model;

import java.util.Arrays;
import org.nzip.tensor.TensorOps;

/**
 * A transformer language model over bytes that learns online, after NNCP's transformer: a
 * Transformer-XL with pre-RMSNorm, gated feed-forward layers, Adam with β1 = 0. <b>Not yet wired
 * into the container format or the presets</b>: no header kind names it, so no {@code .nz} file
 * uses it.
 *
 * <p><b>Model.</b> The embedding of the previous byte starts a residual stream of width D through
 * {@code L} blocks, each {@code x += Attention(RMSNorm(x)); x += SwiGLU-FFN(RMSNorm(x))}, then a
 * last RMSNorm and the shared {@link SoftmaxHead}. Attention has {@code H} heads of width D/H; the
 * query of step s of a segment of {@code T} steps sees the keys of the previous segment (its
 * memory) and of the current one up to s, with a learned bias per head and distance (0 to 2T − 1)
 * added to the scores as the position information. The feed-forward layer is
 * {@code W2·(a · silu(g)) + b2} with {@code [a; g] = W1·x + b1}.
 *
 * <p><b>Coding and training.</b> One forward step per symbol: the step's keys and values go into a
 * cache, so a step costs the products of one position plus its attention over at most 2T cached
 * positions. After the segment's last step the model back-propagates the cross-entropy of the
 * whole segment (the memory is a constant: no gradient flows into the previous segment), takes one
 * Adam step, and the segment's keys and values become the memory of the next. The memory keeps
 * the keys and values computed while its segment was coded (one Adam step older than the weights
 * that read them), which spares recomputing them.
 *
 * <p><b>Batch and threads.</b> {@code B} streams step together, lane per stream; every kernel
 * computes each stream's column with its own chains, so results do not depend on the batch width
 * or the backend. A range of streams can be predicted alone, and a step ahead of the others (the
 * two-thread pipeline of the coder), on copies of its columns; narrow batches are not yet
 * vectorized across the rows of the weights as the LSTM's are. A second thread, when asked for,
 * takes half of the rows of every product of the whole batch's forward pass and of the training, and
 * half of the Adam step, when half the output layer is at least
 * {@code LstmPredictor.PARALLEL_MIN_MACS} multiply-adds.
 */
public final class TransformerPredictor implements Predictor {

    private static final int V = ALPHABET;
    /** ε of every RMSNorm. */
    static final float NORM_EPS = 1e-5f;

    private final TensorOps ops;
    private final PairRunner pair;
    private final int layers;
    private final int d;       // model width D
    private final int heads;
    private final int dh;      // head width
    private final int ffn;
    private final int streams; // B
    private final int seg;     // T
    private final int db;      // D × B
    private final float scale; // 1 / sqrt(head width)

    private final float[] w;
    private final float[] grad;
    private final AdamOptimizer adam;
    private final ByteEmbedding embedding;
    private final int[] norm1;
    private final int[] wQkv;
    private final int[] bQkv;
    private final int[] relBias; // heads × 2T per layer
    private final int[] wOut;
    private final int[] bOut;
    private final int[] norm2;
    private final int[] w1;
    private final int[] b1;
    private final int[] w2;
    private final int[] b2;
    private final int normFinal;
    private final SoftmaxHead head;

    // Key/value caches per layer: 2T slots of D×B; slots [0, T) the memory, [T, 2T) the current segment.
    private final float[][] keys;
    private final float[][] values;
    private int memory; // positions in the memory: 0 in the first segment, T afterwards

    // Forward record of the segment, [T][L] (x: [T][L + 1]).
    private final float[][][] x;     // residual stream entering each block, D×B; x[s][L] leaves the last
    private final float[][][] xn1;   // RMSNorm before attention, D×B
    private final float[][][] inv1;  // its 1/rms per stream
    private final float[][][] q;     // queries, D×B
    private final float[][][] probs; // attention weights, heads × (2T × B), n × B used per head
    private final float[][][] att;   // heads' outputs, D×B
    private final float[][][] mid;   // residual stream after attention, D×B
    private final float[][][] xn2;   // RMSNorm before the feed-forward layer
    private final float[][][] inv2;
    private final float[][][] u;     // [a; g], 2F×B
    private final float[][][] hid;   // a · silu(g), F×B
    private final float[][] xf;      // final RMSNorm, D×B
    private final float[][] invF;
    private final float[][] out;     // softmax over bytes, 256×B
    private final SymbolTape tape;

    // The forward pass of a range of nb streams: its columns (rows × nb), the cache's span likewise.
    private float[] rangeIn;
    private float[] rangeNext;
    private final float[] rangeXn1;
    private final float[] rangeInv1;
    private final float[] rangeQ;
    private final float[] rangeProbs;
    private final float[] rangeAtt;
    private final float[] rangeMid;
    private final float[] rangeXn2;
    private final float[] rangeInv2;
    private final float[] rangeU;
    private final float[] rangeHid;
    private final float[] rangeKeys;
    private final float[] rangeValues;
    private final float[] rangeXf;
    private final float[] rangeInvF;
    private final float[] rangeOut;

    // Scratch.
    private final float[] tmp;       // D×B
    private final float[][] dx;      // [T]: gradient of the residual stream, D×B
    private final float[] dKeys;     // T × (D×B): gradient of the current segment's keys
    private final float[] dValues;   // T × (D×B)
    private final float[] dLogits;
    private final float[] dNorm;     // D×B: gradient of a norm's output
    private final float[] dMid;
    private final float[] dAtt;
    private final float[] dHid;
    private final float[] dU;
    private final float[] dQkv;      // 3D×B
    private final float[] dP;        // 2T×B
    private final float[] transposed;

    // Work shared with the second thread, by output rows: parameterised through fields, so that
    // nothing is allocated per step.
    private int taskStep; // the step the logits' halves work on
    private final Runnable lowerLogits;
    private final Runnable upperLogits;
    private int fW, fB, fM, fK, fYOff; // linear(): the product under way
    private float[] fX, fY;
    private final Runnable lowerRows;
    private final Runnable upperRows;
    private int bW, bM, bK; // linearBackward(): the product under way
    private float[] bDy, bDx;
    private final Runnable lowerGradient;
    private final Runnable upperGradient;

    /**
     * @param threads 1 for a single thread; 2 or more lets a second thread take half of every product
     *                and of the Adam step when the products are large enough to gain (the output is
     *                the same either way)
     */
    public TransformerPredictor(TransformerConfig cfg, TensorOps ops, int threads) {
        this(cfg, ops, threads, LstmPredictor.PARALLEL_MIN_MACS);
    }

    /** @param parallelMinMacs the smallest half output layer (multiply-adds) given to a second thread; tests pass 0 */
    TransformerPredictor(TransformerConfig cfg, TensorOps ops, int threads, long parallelMinMacs) {
        this.ops = ops;
        this.layers = cfg.layers();
        this.d = cfg.model();
        this.heads = cfg.heads();
        this.dh = cfg.headWidth();
        this.ffn = cfg.ffn();
        this.streams = cfg.streams();
        this.seg = cfg.segment();
        this.db = d * streams;
        this.scale = (float) (1.0 / Math.sqrt(dh));

        ParameterStore params = new ParameterStore();
        embedding = new ByteEmbedding(params, d);
        norm1 = new int[layers];
        wQkv = new int[layers];
        bQkv = new int[layers];
        relBias = new int[layers];
        wOut = new int[layers];
        bOut = new int[layers];
        norm2 = new int[layers];
        w1 = new int[layers];
        b1 = new int[layers];
        w2 = new int[layers];
        b2 = new int[layers];
        for (int l = 0; l < layers; l++) {
            norm1[l] = params.reserve(d);
            wQkv[l] = params.reserve(3L * d * d);
            bQkv[l] = params.reserve(3L * d);
            relBias[l] = params.reserve(2L * heads * seg);
            wOut[l] = params.reserve((long) d * d);
            bOut[l] = params.reserve(d);
            norm2[l] = params.reserve(d);
            w1[l] = params.reserve(2L * ffn * d);
            b1[l] = params.reserve(2L * ffn);
            w2[l] = params.reserve((long) d * ffn);
            b2[l] = params.reserve(d);
        }
        normFinal = params.reserve(d);
        head = new SoftmaxHead(params, d);
        params.allocate(cfg.parameterCount());
        w = params.weights();
        grad = params.gradients();
        adam = new AdamOptimizer(ops, params, cfg.learningRate(), cfg.lrDecaySteps(), cfg.beta2(), cfg.epsilon(),
                cfg.gradientClip());
        initWeights(cfg.seed());

        keys = new float[layers][2 * seg * db];
        values = new float[layers][2 * seg * db];
        x = new float[seg][layers + 1][db];
        xn1 = new float[seg][layers][db];
        inv1 = new float[seg][layers][streams];
        q = new float[seg][layers][db];
        probs = new float[seg][layers][heads * 2 * seg * streams];
        att = new float[seg][layers][db];
        mid = new float[seg][layers][db];
        xn2 = new float[seg][layers][db];
        inv2 = new float[seg][layers][streams];
        u = new float[seg][layers][2 * ffn * streams];
        hid = new float[seg][layers][ffn * streams];
        xf = new float[seg][db];
        invF = new float[seg][streams];
        out = new float[seg][V * streams];
        tape = new SymbolTape(seg, streams);

        rangeIn = new float[db];
        rangeNext = new float[db];
        rangeXn1 = new float[db];
        rangeInv1 = new float[streams];
        rangeQ = new float[db];
        rangeProbs = new float[heads * 2 * seg * streams];
        rangeAtt = new float[db];
        rangeMid = new float[db];
        rangeXn2 = new float[db];
        rangeInv2 = new float[streams];
        rangeU = new float[2 * ffn * streams];
        rangeHid = new float[ffn * streams];
        rangeKeys = new float[2 * seg * db];
        rangeValues = new float[2 * seg * db];
        rangeXf = new float[db];
        rangeInvF = new float[streams];
        rangeOut = new float[V * streams];
        tmp = new float[db];
        dx = new float[seg][db];
        dKeys = new float[seg * db];
        dValues = new float[seg * db];
        dLogits = new float[V * streams];
        dNorm = new float[db];
        dMid = new float[db];
        dAtt = new float[db];
        dHid = new float[ffn * streams];
        dU = new float[2 * ffn * streams];
        dQkv = new float[3 * db];
        dP = new float[2 * seg * streams];
        transposed = new float[Math.max(d, ffn) * streams];

        // As the LSTM: a second thread only where half a product is large enough to pay for the hand-off.
        pair = new PairRunner(threads > 1 && (long) (V / 2) * d * streams >= parallelMinMacs);
        lowerLogits = () -> head.logitRows(ops, w, 0, V / 2, xf[taskStep], 0, streams, out[taskStep], 0);
        upperLogits = () -> head.logitRows(ops, w, V / 2, V, xf[taskStep], 0, streams, out[taskStep], 0);
        lowerRows = () -> linearRows(0, fM / 2);
        upperRows = () -> linearRows(fM / 2, fM);
        lowerGradient = () -> linearGradient(0, bM / 2, 0, bK / 2);
        upperGradient = () -> linearGradient(bM / 2, bM, bK / 2, bK);
    }

    /**
     * Bytes of heap such a predictor holds: the weights with their gradient and Adam moment, the
     * key/value caches, the forward record of a segment and the scratch (array headers aside).
     */
    public static long memoryUsage(TransformerConfig cfg) {
        long l = cfg.layers();
        long b = cfg.streams();
        long t = cfg.segment();
        long db = cfg.model() * b;
        long fb = cfg.ffn() * b;
        long n = cfg.parameterCount();
        long floats = 2 * n + AdamOptimizer.floats(n)
                + 2 * l * 2 * t * db // caches
                + t * ((l + 1) * db + l * (5 * db + 2 * b + cfg.heads() * 2 * t * b + 3 * fb) + db + b + V * b)
                + db + 3 * t * db + V * b + 3 * db + fb + 2 * fb + 3 * db + 2 * t * b
                + Math.max(cfg.model(), cfg.ffn()) * b
                + 8 * db + 3 * b + cfg.heads() * 2 * t * b + 3 * fb + 2 * 2 * t * db + V * b; // the range scratch
        return 4 * (floats + SymbolTape.ints(t, b));
    }

    private void initWeights(int seed) {
        SplitMix rng = new SplitMix(0x6E7A7466L ^ seed);
        embedding.init(w, rng);
        float ad = (float) (1.0 / Math.sqrt(d));
        float af = (float) (1.0 / Math.sqrt(ffn));
        for (int l = 0; l < layers; l++) {
            Arrays.fill(w, norm1[l], norm1[l] + d, 1f);
            Arrays.fill(w, norm2[l], norm2[l] + d, 1f);
            fill(rng, wQkv[l], 3 * d * d, ad);
            fill(rng, wOut[l], d * d, ad);
            fill(rng, w1[l], 2 * ffn * d, ad);
            fill(rng, w2[l], d * ffn, af);
            recencyBiases(l);
            // the other biases start at 0
        }
        Arrays.fill(w, normFinal, normFinal + d, 1f);
        head.init(w, rng);
    }

    /**
     * Starts block l's position biases as ALiBi's: head h's bias falls with the distance t by the
     * slope 2^(−8(h + 1)/H), so every head begins with its own preference for recent positions and
     * the model finds the previous bytes early. From zero biases (uniform attention) models wider than
     * 64 with a feed-forward layer twice as wide or more stayed near 3.7 bpb on enwik6's first 200 kB:
     * the feed-forward layer learned the byte frequencies before the attention learned where to look.
     * Exact in float (a power of two times a small integer).
     */
    private void recencyBiases(int l) {
        for (int h = 0; h < heads; h++) {
            float slope = (float) Math.pow(2.0, -8.0 * (h + 1) / heads);
            int off = relBias[l] + h * 2 * seg;
            for (int t = 0; t < 2 * seg; t++) {
                w[off + t] = -slope * t;
            }
        }
    }

    private void fill(SplitMix rng, int off, int n, float a) {
        for (int i = 0; i < n; i++) {
            w[off + i] = rng.symmetric(a);
        }
    }

    @Override
    public int streams() {
        return streams;
    }

    @Override
    public int window() {
        return seg;
    }

    @Override
    public int position() {
        return tape.step();
    }

    /** Total trainable weights. */
    public int weightCount() {
        return w.length;
    }

    // ---------------------------------------------------------------------------------------------
    // Forward
    // ---------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc} A range of streams runs the same kernels on copies of its columns (narrow
     * matrices), whose results go back into the segment's record, so the bits equal the whole
     * batch's.
     */
    @Override
    public void predict(int position, int from, int to, float[] probs) {
        if (from < 0 || from > to || to > streams) {
            throw new IllegalArgumentException("streams [" + from + ", " + to + ")");
        }
        int step = tape.step();
        if (position != step && !(position == step + 1 && position < seg)) {
            throw new IllegalArgumentException("position " + position + " at step " + step);
        }
        if (from == to) {
            return;
        }
        if (from == 0 && to == streams) {
            forward(position, 0, streams);
            SoftmaxHead.writeDistributions(out[position], streams, 0, 0, streams, probs);
        } else {
            forward(position, from, to);
            SoftmaxHead.writeDistributions(rangeOut, to - from, -from, from, to, probs);
        }
    }

    /**
     * The forward pass of streams [from, to) at segment position s. For the whole batch the layers
     * work in the record itself; for a range, on copies of its columns (the record's columns, the
     * cache's span) that go back into the record afterwards.
     */
    private void forward(int s, int from, int to) {
        boolean all = from == 0 && to == streams;
        int nb = to - from;
        int n = memory + s + 1; // positions attended: the memory, then the segment up to s
        int first = seg - memory; // the span's first cache slot
        int slot = seg + s;       // this step's slot
        float[] in = all ? x[s][0] : rangeIn;
        embedding.gather(w, tape.input(s), from, to, in, -from, nb);
        for (int l = 0; l < layers; l++) {
            float[] next = all ? x[s][l + 1] : rangeNext;
            if (all) {
                block(l, s, streams, n, first, slot, in, xn1[s][l], inv1[s][l], q[s][l], probs[s][l], att[s][l],
                        mid[s][l], xn2[s][l], inv2[s][l], u[s][l], hid[s][l], next, keys[l], values[l]);
            } else {
                gatherSlots(keys[l], first, slot, from, to, rangeKeys);
                gatherSlots(values[l], first, slot, from, to, rangeValues);
                block(l, s, nb, n, first, slot, in, rangeXn1, rangeInv1, rangeQ, rangeProbs, rangeAtt, rangeMid,
                        rangeXn2, rangeInv2, rangeU, rangeHid, next, rangeKeys, rangeValues);
                scatter(in, d, from, to, x[s][l]);
                scatter(rangeXn1, d, from, to, xn1[s][l]);
                scatter(rangeInv1, 1, from, to, inv1[s][l]);
                scatter(rangeQ, d, from, to, q[s][l]);
                for (int h = 0; h < heads; h++) {
                    int po = h * 2 * seg;
                    scatterRows(rangeProbs, po * nb, n, from, to, probs[s][l], po * streams);
                }
                scatter(rangeAtt, d, from, to, att[s][l]);
                scatter(rangeMid, d, from, to, mid[s][l]);
                scatter(rangeXn2, d, from, to, xn2[s][l]);
                scatter(rangeInv2, 1, from, to, inv2[s][l]);
                scatter(rangeU, 2 * ffn, from, to, u[s][l]);
                scatter(rangeHid, ffn, from, to, hid[s][l]);
                scatterRows(rangeKeys, slot * d * nb, d, from, to, keys[l], slot * db);
                scatterRows(rangeValues, slot * d * nb, d, from, to, values[l], slot * db);
                rangeNext = in; // the next layer reads this one's output
                rangeIn = next;
            }
            in = next;
        }
        if (all) {
            ops.rmsNorm(in, 0, d, streams, w, normFinal, NORM_EPS, xf[s], 0, invF[s], 0);
            taskStep = s;
            pair.run(lowerLogits, upperLogits);
            ops.softmax(out[s], 0, V, streams, out[s], 0);
        } else {
            scatter(in, d, from, to, x[s][layers]);
            ops.rmsNorm(in, 0, d, nb, w, normFinal, NORM_EPS, rangeXf, 0, rangeInvF, 0);
            head.logitRows(ops, w, 0, V, rangeXf, 0, nb, rangeOut, 0);
            ops.softmax(rangeOut, 0, V, nb, rangeOut, 0);
            scatter(rangeXf, d, from, to, xf[s]);
            scatter(rangeInvF, 1, from, to, invF[s]);
            scatter(rangeOut, V, from, to, out[s]);
        }
    }

    /**
     * Block l at step s for a batch of nb columns (every matrix rows×nb): from the input xl, through
     * the norms, attention over cache slots [first, first + n) (this step's keys and values written
     * to slot {@code slot} first) and the feed-forward layer, to the output xOut.
     */
    private void block(int l, int s, int nb, int n, int first, int slot, float[] xl, float[] xn, float[] inv,
                       float[] qs, float[] p, float[] a, float[] m, float[] xn2l, float[] inv2l, float[] ul,
                       float[] hl, float[] xOut, float[] kc, float[] vc) {
        int dnb = d * nb;
        ops.rmsNorm(xl, 0, d, nb, w, norm1[l], NORM_EPS, xn, 0, inv, 0);
        linear(wQkv[l], bQkv[l], d, d, xn, nb, qs, 0);
        linear(wQkv[l] + d * d, bQkv[l] + d, d, d, xn, nb, kc, slot * dnb);
        linear(wQkv[l] + 2 * d * d, bQkv[l] + 2 * d, d, d, xn, nb, vc, slot * dnb);
        for (int h = 0; h < heads; h++) {
            int po = h * 2 * seg * nb;
            int ho = h * dh * nb;
            ops.attentionScores(qs, ho, kc, first * dnb + ho, dnb, n, dh, nb, scale, p, po);
            int bias = relBias[l] + h * 2 * seg + memory + s; // distance of span position j: memory + s − j
            for (int j = 0; j < n; j++) {
                float r = w[bias - j];
                int row = po + j * nb;
                for (int b = 0; b < nb; b++) {
                    p[row + b] = p[row + b] + r;
                }
            }
            ops.softmax(p, po, n, nb, p, po);
            ops.attentionMix(p, po, vc, first * dnb + ho, dnb, n, dh, nb, a, ho, false);
        }
        linear(wOut[l], bOut[l], d, d, a, nb, tmp, 0);
        for (int i = 0; i < dnb; i++) {
            m[i] = xl[i] + tmp[i];
        }
        ops.rmsNorm(m, 0, d, nb, w, norm2[l], NORM_EPS, xn2l, 0, inv2l, 0);
        linear(w1[l], b1[l], 2 * ffn, d, xn2l, nb, ul, 0);
        ops.swiglu(ul, 0, ffn * nb, hl, 0);
        linear(w2[l], b2[l], d, ffn, hl, nb, tmp, 0);
        for (int i = 0; i < dnb; i++) {
            xOut[i] = m[i] + tmp[i];
        }
    }

    /**
     * {@code y = W·x + b} for an m×k matrix at w[wOff] and a k×nb input: the whole batch's products
     * are shared by output rows with the second thread, if any; a range's run on this thread.
     */
    private void linear(int wOff, int bOff, int m, int k, float[] x, int nb, float[] y, int yOff) {
        if (nb != streams || !pair.parallel()) {
            ops.matmulBias(w, wOff, m, k, w, bOff, x, 0, nb, y, yOff);
            return;
        }
        fW = wOff;
        fB = bOff;
        fM = m;
        fK = k;
        fX = x;
        fY = y;
        fYOff = yOff;
        pair.run(lowerRows, upperRows);
    }

    private void linearRows(int from, int to) {
        ops.matmulBias(w, fW + from * fK, to - from, fK, w, fB + from, fX, 0, streams, fY, fYOff + from * streams);
    }

    /**
     * The backward pass of a linear layer (m×k at w[wOff]) with input x (k×B) and output gradient
     * dy (m×B): {@code dW += dy·xᵀ} and {@code dx = Wᵀ·dy}, halves of both on the second thread, if
     * any. The bias gradient is the caller's.
     */
    private void linearBackward(int wOff, int m, int k, float[] dy, float[] x, float[] dx) {
        ops.transpose(x, 0, k, streams, transposed, 0);
        bW = wOff;
        bM = m;
        bK = k;
        bDy = dy;
        bDx = dx;
        pair.run(lowerGradient, upperGradient);
    }

    private void linearGradient(int rowFrom, int rowTo, int inFrom, int inTo) {
        ops.outerAccumulate(bDy, rowFrom * streams, rowTo - rowFrom, transposed, 0, bK, streams, grad, bW + rowFrom * bK);
        ops.matmulTransposedRows(w, bW, bM, bK, inFrom, inTo, bDy, 0, streams, bDx, 0, false);
    }

    /** Copies columns [from, to) of cache slots [first, end) (D×B each) into the narrow cache (D×nb each, same slots). */
    private void gatherSlots(float[] cache, int first, int end, int from, int to, float[] narrow) {
        int nb = to - from;
        for (int row = first * d; row < end * d; row++) {
            int src = row * streams + from;
            int dst = row * nb;
            for (int c = 0; c < nb; c++) {
                narrow[dst + c] = cache[src + c];
            }
        }
    }

    /** Copies a rows×nb matrix into columns [from, to) of the rows×B matrix dst. */
    private void scatter(float[] src, int rows, int from, int to, float[] dst) {
        scatterRows(src, 0, rows, from, to, dst, 0);
    }

    private void scatterRows(float[] src, int srcOff, int rows, int from, int to, float[] dst, int dstOff) {
        int nb = to - from;
        for (int row = 0; row < rows; row++) {
            int si = srcOff + row * nb;
            int di = dstOff + row * streams + from;
            for (int c = 0; c < nb; c++) {
                dst[di + c] = src[si + c];
            }
        }
    }

    @Override
    public boolean sharesProducts() {
        return pair.parallel();
    }

    @Override
    public void useSecondThread(boolean use) {
        pair.enable(use);
    }

    @Override
    public void observe(int from, int to, int activeStreams, int[] symbols) {
        tape.observe(from, to, activeStreams, symbols);
    }

    @Override
    public void endStep(int activeStreams) {
        if (!tape.endStep(activeStreams)) {
            return;
        }
        backward();
        adam.step(pair);
        // This segment's keys and values become the memory of the next.
        for (int l = 0; l < layers; l++) {
            System.arraycopy(keys[l], seg * db, keys[l], 0, seg * db);
            System.arraycopy(values[l], seg * db, values[l], 0, seg * db);
        }
        memory = seg;
        tape.nextWindow();
    }

    // ---------------------------------------------------------------------------------------------
    // Back-propagation over the segment
    // ---------------------------------------------------------------------------------------------

    /** Fills {@link #grad} with the gradient of the segment's cross-entropy (in nats). */
    private void backward() {
        Arrays.fill(grad, 0f);
        for (int s = 0; s < seg; s++) {
            SoftmaxHead.lossGradient(out[s], tape.target(s), tape.active(s), streams, dLogits);
            linearBackward(head.weightOffset(), V, d, dLogits, xf[s], dNorm);
            head.biasGradient(ops, dLogits, streams, grad);
            Arrays.fill(dx[s], 0f);
            ops.rmsNormBackward(x[s][layers], 0, d, streams, w, normFinal, invF[s], 0, dNorm, 0, dx[s], 0, grad,
                    normFinal);
        }
        for (int l = layers - 1; l >= 0; l--) {
            Arrays.fill(dKeys, 0f);
            Arrays.fill(dValues, 0f);
            // Step s's keys and values are read by steps s..T−1: going backwards, they are complete
            // once step s's own query has been back-propagated.
            for (int s = seg - 1; s >= 0; s--) {
                backwardFeedForward(s, l);
                backwardAttention(s, l);
            }
        }
        for (int s = 0; s < seg; s++) {
            embedding.accumulateGradient(grad, tape.input(s), streams, dx[s], 0);
        }
    }

    /** dx[s] holds the gradient of block l's output; leaves the gradient of its mid-point in {@link #dMid}. */
    private void backwardFeedForward(int s, int l) {
        float[] dy = dx[s];
        ops.rowSums(dy, 0, d, streams, grad, b2[l], true);
        linearBackward(w2[l], d, ffn, dy, hid[s][l], dHid);
        ops.swigluBackward(u[s][l], 0, ffn * streams, dHid, 0, dU, 0);
        ops.rowSums(dU, 0, 2 * ffn, streams, grad, b1[l], true);
        linearBackward(w1[l], 2 * ffn, d, dU, xn2[s][l], dNorm);
        System.arraycopy(dy, 0, dMid, 0, db);
        ops.rmsNormBackward(mid[s][l], 0, d, streams, w, norm2[l], inv2[s][l], 0, dNorm, 0, dMid, 0, grad, norm2[l]);
    }

    /** From {@link #dMid}: the attention of step s in block l; leaves the gradient of the block's input in dx[s]. */
    private void backwardAttention(int s, int l) {
        ops.rowSums(dMid, 0, d, streams, grad, bOut[l], true);
        linearBackward(wOut[l], d, d, dMid, att[s][l], dAtt);
        int n = memory + s + 1;
        int first = (seg - memory) * db;
        float[] p = probs[s][l];
        for (int h = 0; h < heads; h++) {
            int po = h * 2 * seg * streams;
            int ho = h * dh * streams;
            // dP = dOut·V, then through the softmax to the scores
            ops.attentionScores(dAtt, ho, values[l], first + ho, db, n, dh, streams, 1f, dP, 0);
            ops.softmaxBackward(p, po, dP, 0, n, streams, dP, 0);
            int bias = relBias[l] + h * 2 * seg + memory + s;
            for (int j = 0; j < n; j++) {
                float acc = grad[bias - j];
                int row = j * streams;
                for (int b = 0; b < streams; b++) {
                    acc = acc + dP[row + b];
                }
                grad[bias - j] = acc;
                for (int b = 0; b < streams; b++) {
                    dP[row + b] = dP[row + b] * scale;
                }
            }
            // dQ = Σ_j dS_j·K_j; dK_j += dS_j·q and dV_j += P_j·dOut for the segment's positions (not the memory's)
            ops.attentionMix(dP, 0, keys[l], first + ho, db, n, dh, streams, dQkv, ho, false);
            ops.attentionOuter(dP, memory * streams, q[s][l], ho, s + 1, dh, streams, dKeys, ho, db);
            ops.attentionOuter(p, po + memory * streams, dAtt, ho, s + 1, dh, streams, dValues, ho, db);
        }
        System.arraycopy(dKeys, s * db, dQkv, db, db);
        System.arraycopy(dValues, s * db, dQkv, 2 * db, db);
        ops.rowSums(dQkv, 0, 3 * d, streams, grad, bQkv[l], true);
        linearBackward(wQkv[l], 3 * d, d, dQkv, xn1[s][l], dNorm);
        System.arraycopy(dMid, 0, dx[s], 0, db);
        ops.rmsNormBackward(x[s][l], 0, d, streams, w, norm1[l], inv1[s][l], 0, dNorm, 0, dx[s], 0, grad, norm1[l]);
    }

    /** The weights, for tests (mutable: a gradient check perturbs them). */
    float[] weightsForTest() {
        return w;
    }

    /**
     * For the gradient check: codes the segment's last step like {@link #update} but, instead of
     * training, leaves the gradient of the segment's loss in the returned array.
     */
    float[] gradientForTest(int activeStreams, int[] symbols) {
        tape.setLastStep(activeStreams, symbols);
        backward();
        return grad;
    }

    /** Offsets of the parts of block l's parameters, for tests: gain 1, QKV, position biases, output, gain 2, W1, W2. */
    int[] blockOffsetsForTest(int l) {
        return new int[] {norm1[l], wQkv[l], relBias[l], wOut[l], norm2[l], w1[l], w2[l], b2[l] + d};
    }

    @Override
    public void close() {
        pair.close();
    }
}
