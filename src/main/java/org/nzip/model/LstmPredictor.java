package org.nzip.model;

import java.util.Arrays;
import org.nzip.tensor.TensorOps;

/**
 * An LSTM language model over bytes that learns online, in the manner of NNCP's LSTM profile.
 *
 * <p><b>Model.</b> {@code L} stacked layers of {@code H} cells. Layer {@code l} at step {@code t} reads
 * the learned embedding of the previous byte, the output of layer {@code l−1} at step {@code t} (for
 * {@code l > 0}) and its own output at step {@code t−1}. Gates {@code i, f, o} are sigmoids and the
 * candidate {@code g} a tanh; the "clamped" cell is {@code c = f·c + min(1−f, i)·g} and {@code h = o·c}
 * (|c| stays ≤ 1 without a tanh). The outputs of all layers feed a linear layer and a softmax over
 * the 256 byte values.
 *
 * <p><b>Batch.</b> {@code B} streams step together, so every product is a matrix–matrix product
 * ({@code [rows × B]} activations, lane per stream). <b>Training.</b> After every {@code T} steps the
 * model back-propagates the cross-entropy of those steps through time (the state at the window's
 * start is a constant) and takes one Adam step (β1 = 0, element-wise gradient clipping, step size
 * {@code lr / sqrt(1 + n / decay)} after {@code n} updates, bias-corrected). The forward pass used
 * for coding is the one trained on, so training costs no extra forward pass.
 *
 * <p><b>Determinism.</b> All arithmetic is {@link TensorOps} kernels (fixed summation orders, own
 * transcendentals) or plain element-wise Java with an explicit rounding at each step; work is split
 * between threads only by output element: the rows of a product, or the streams of the forward pass
 * ({@link #predict(int, int, int, float[])} for a range of streams, each stream's column of every
 * product being its own chain whatever the batch width). The same symbols therefore give the same
 * bits on every backend, CPU, JIT mode and thread count.
 *
 * <p><b>Ranges of streams.</b> The forward pass of a range gathers the range's columns into narrow
 * matrices and multiplies them by transposed copies of the weights (refreshed after every Adam step
 * once a range has been predicted), which lets the kernels vectorize a batch narrower than a vector
 * across the rows of W; the results go back into the window's record, so training sees the same
 * numbers either way.
 */
public final class LstmPredictor implements Predictor {

    private static final int V = ALPHABET;

    /**
     * A second thread takes half of every product (by output rows), half of the Adam step and of the
     * transposition of the weights only
     * when half a layer's gate product is at least this many multiply-adds (tens of microseconds):
     * below that, the hand-offs (microseconds when the other core is idle, milliseconds when it is
     * busy) cost more than they save. Measured end to end on enwik6 (2 cores, native kernels,
     * 2026-11): a 2×192 LSTM with 16 streams (2.6 M) took 37 s with the second thread, 53 s without;
     * a 1×96 LSTM with 32 streams (0.7 M) 10.0 s with it and 10.2 s without. {@code default}'s 2×160
     * with 16 streams (1.8 M) is split.
     */
    static final long PARALLEL_MIN_MACS = 1L << 20;
    /**
     * Rows of a weight-gradient factor gathered per product: 64 rows of T·B columns (80 KB at
     * T·B = 320) stay in a core's L2 cache beside the transposed inputs they are multiplied with.
     */
    static final int GRADIENT_BLOCK = 64;

    private final LstmConfig cfg;
    private final TensorOps ops;
    private final PairRunner pair;
    private final int layers;
    private final int hidden;
    private final int embed;
    private final int streams;
    private final int window;
    private final int hb; // hidden × streams: size of one layer's state
    private final int[] inputWidth; // K of each layer

    // All weights in one array, so one Adam call updates everything; gradients alike.
    private final float[] w;
    private final float[] grad;
    private final AdamOptimizer adam;
    private final ByteEmbedding embedding;
    private final int[] layerW;
    private final int[] layerB;
    private final SoftmaxHead head;

    // The gate and output matrices transposed (K×4H per layer, then L·H×256), for the forward pass of
    // a range of streams (narrow batches are vectorized across the rows of W) and, in a large model,
    // for the input gradients of the backward pass (each row of the product read contiguously instead
    // of a column of W across 4H rows). Allocated by a large model at once, else by the first range.
    private float[] wt;
    private final boolean transposedBackward; // a large model: wt kept up to date after every Adam step
    private final int[] layerWt;
    private final int outWt;
    private long wtUpdates = -1; // the update count wt was transposed at
    private boolean rangesInWindow; // whether the window in progress computed a range of streams
    // The step whose gates already hold the bias and the recurrent part of their sums (computed on the
    // second thread while the caller coded the step before), or -1.
    private int recurrentReady = -1;
    private boolean recurrentDone;  // for the gate products of the step in progress
    private boolean shareWork = true; // useSecondThread: else ranges are not expected, wt is refreshed when used

    // Forward record of the current window: index s = step within the window.
    private final float[][][] u;      // [T][L]: layer input, K×B
    private final float[][][] gates;  // [T][L]: i, f, g, o after activation, 4H×B
    private final float[][][] layerGateRecord; // [L][T]: the same arrays as gates, by layer
    private final float[][][] cell;   // [T+1][L]: cell state, H×B; index 0 = state carried in
    private final float[][] hcat;     // [T+1]: outputs of all layers, (L·H)×B
    private final float[][] probs;    // [T]: softmax, 256×B
    private final SymbolTape tape;

    // Back-propagation scratch. The gradients of the logits and of the gate pre-activations of a
    // step overwrite that step's softmax and gates in the forward record (their last reader).
    private float[] dLogits;             // probs[s] during back-propagation at step s
    private float[] dz;                  // gates[s][l] during back-propagation at step s, layer l
    private final float[] dHcat;
    private final float[] du;
    // The window's factors of the weight gradients, one column per (step, stream), steps from the
    // last: each weight's chain runs over the T·B columns in one product at the window's end (the
    // order a product per step would take), instead of streaming the gradient matrices through the
    // caches at every step. The gradient factors are gathered from the steps' records a block of
    // rows at a time, each block just before its product, so they are read from the cache, not
    // written to cold memory at every step.
    private final float[] hcatWindowT;   // T·B × L·H
    private final float[][] uWindowT;    // [L]: T·B × K
    private final float[] lowerFactorRows; // GRADIENT_BLOCK × T·B, one per thread
    private final float[] upperFactorRows;
    private final float[] dh;
    private final float[] dhUp;
    private final float[][] dhRec;
    private final float[][] dCell;

    // Forward of a range of streams (predictRange): its columns, contiguous.
    private final float[] rangeIn;    // layer input (K×n), then the outputs of all layers (L·H×n)
    private final float[] rangeGates; // gates (4H×n), then logits (256×n)
    private final float[] rangeSoftmax; // the softmax, 256×B (columns [0, n) used)


    // Work shared by two threads, each taking one half of every output; parameterised through fields
    // so that nothing is allocated per step.
    private int taskStep;
    private int taskLayer;
    private final Runnable lowerGateRows;
    private final Runnable upperGateRows;
    private final Runnable lowerOutputRows;
    private final Runnable upperOutputRows;
    private final Runnable lowerOutputGradient;
    private final Runnable upperOutputGradient;
    private final Runnable lowerLayerGradient;
    private final Runnable upperLayerGradient;
    private final Runnable lowerOutputWeights;
    private final Runnable upperOutputWeights;
    private final Runnable lowerLayerWeights;
    private final Runnable upperLayerWeights;
    private final Runnable lowerTranspose;
    private final Runnable upperTranspose;
    private final Runnable recurrentTask;

    /**
     * @param threads 1 for a single thread; 2 or more lets a second thread take half of every
     *                product of the training and of the whole batch's forward pass when the products
     *                are large enough to gain (the output is the same either way); the forward pass
     *                of a range of streams always runs on the calling thread alone
     */
    public LstmPredictor(LstmConfig cfg, TensorOps ops, int threads) {
        this.cfg = cfg;
        this.ops = ops;
        this.layers = cfg.layers();
        this.hidden = cfg.hidden();
        this.embed = cfg.embed();
        this.streams = cfg.streams();
        this.window = cfg.bptt();
        this.hb = hidden * streams;
        this.inputWidth = new int[layers];
        int maxK = 0;
        for (int l = 0; l < layers; l++) {
            inputWidth[l] = embed + (l > 0 ? hidden : 0) + hidden;
            maxK = Math.max(maxK, inputWidth[l]);
        }
        ParameterStore params = new ParameterStore();
        embedding = new ByteEmbedding(params, embed);
        layerW = new int[layers];
        layerB = new int[layers];
        for (int l = 0; l < layers; l++) {
            layerW[l] = params.reserve(4L * hidden * inputWidth[l]);
            layerB[l] = params.reserve(4L * hidden);
        }
        head = new SoftmaxHead(params, layers * hidden);
        params.allocate(cfg.parameterCount());
        w = params.weights();
        grad = params.gradients();
        adam = new AdamOptimizer(ops, params, cfg.learningRate(), cfg.lrDecaySteps(), cfg.beta2(), cfg.epsilon(),
                cfg.gradientClip());
        initWeights();
        layerWt = new int[layers];
        int t = 0;
        for (int l = 0; l < layers; l++) {
            layerWt[l] = t;
            t += 4 * hidden * inputWidth[l];
        }
        outWt = t;

        u = new float[window][layers][];
        gates = new float[window][layers][];
        cell = new float[window + 1][layers][];
        hcat = new float[window + 1][];
        probs = new float[window][];
        for (int s = 0; s <= window; s++) {
            for (int l = 0; l < layers; l++) {
                cell[s][l] = new float[hb];
                if (s < window) {
                    u[s][l] = new float[inputWidth[l] * streams];
                    gates[s][l] = new float[4 * hb];
                }
            }
            hcat[s] = new float[layers * hb];
            if (s < window) {
                probs[s] = new float[V * streams];
            }
        }
        tape = new SymbolTape(window, streams);
        layerGateRecord = new float[layers][window][];
        for (int l = 0; l < layers; l++) {
            for (int s = 0; s < window; s++) {
                layerGateRecord[l][s] = gates[s][l];
            }
        }

        dHcat = new float[layers * hb];
        du = new float[maxK * streams];
        int tb = window * streams;
        hcatWindowT = new float[layers * hidden * tb];
        lowerFactorRows = new float[GRADIENT_BLOCK * tb];
        upperFactorRows = new float[GRADIENT_BLOCK * tb];
        uWindowT = new float[layers][];
        for (int l = 0; l < layers; l++) {
            uWindowT[l] = new float[inputWidth[l] * tb];
        }
        dh = new float[hb];
        dhUp = new float[hb];
        dhRec = new float[layers][hb];
        dCell = new float[layers][hb];
        rangeIn = new float[Math.max(maxK, layers * hidden) * streams];
        rangeGates = new float[Math.max(4 * hidden, V) * streams];
        rangeSoftmax = new float[V * streams];
        long halfLayerMacs = 2L * hidden * maxK * streams;
        transposedBackward = halfLayerMacs >= PARALLEL_MIN_MACS;
        pair = new PairRunner(threads > 1 && transposedBackward);
        if (transposedBackward) {
            wt = new float[outWt + V * layers * hidden];
            transposeWeights(0, 2);
        }
        lowerGateRows = () -> gateRows(0, (4 * hidden) / 2);
        upperGateRows = () -> gateRows((4 * hidden) / 2, 4 * hidden);
        lowerOutputRows = () -> outputRows(0, V / 2);
        upperOutputRows = () -> outputRows(V / 2, V);
        lowerOutputGradient = () -> outputInputGradient(0, (layers * hidden) / 2);
        upperOutputGradient = () -> outputInputGradient((layers * hidden) / 2, layers * hidden);
        lowerLayerGradient = () -> layerInputGradient(0, inputWidth[taskLayer] / 2);
        upperLayerGradient = () -> layerInputGradient(inputWidth[taskLayer] / 2, inputWidth[taskLayer]);
        lowerOutputWeights = () -> outputWeightGradient(0, V / 2, lowerFactorRows);
        upperOutputWeights = () -> outputWeightGradient(V / 2, V, upperFactorRows);
        lowerLayerWeights = () -> layerWeightGradient(0, (4 * hidden) / 2, lowerFactorRows);
        upperLayerWeights = () -> layerWeightGradient((4 * hidden) / 2, 4 * hidden, upperFactorRows);
        lowerTranspose = () -> transposeWeights(0, 1);
        upperTranspose = () -> transposeWeights(1, 2);
        recurrentTask = this::recurrentParts;
    }

    /**
     * Bytes of heap such a predictor holds: the weights with their gradient and Adam moment, the
     * forward record of a training window, and the back-propagation scratch (as the constructor
     * allocates them; array headers aside).
     */
    public static long memoryUsage(LstmConfig cfg) {
        long layers = cfg.layers();
        long hidden = cfg.hidden();
        long streams = cfg.streams();
        long window = cfg.bptt();
        long hb = hidden * streams;
        long inputs = 0;
        long maxK = 0;
        for (int l = 0; l < layers; l++) {
            long k = cfg.embed() + (l > 0 ? hidden : 0) + hidden;
            inputs += k;
            maxK = Math.max(maxK, k);
        }
        long floats = 2 * cfg.parameterCount() + AdamOptimizer.floats(cfg.parameterCount())
                + window * (inputs * streams + layers * 4 * hb + V * streams) // u, gates, probs
                + (window + 1) * (layers * hb + layers * hb) // cell, hcat
                + layers * hb + maxK * streams // dHcat, du
                + window * streams * (layers * hidden + inputs + 2 * GRADIENT_BLOCK) // the window's gradient factors
                + 2 * hb + 2 * layers * hb // dh, dhUp, dhRec, dCell
                + Math.max(maxK, layers * hidden) * streams + Math.max(4 * hidden, V) * streams + V * streams // rangeIn, rangeGates, rangeSoftmax
                + 4 * hidden * inputs + V * layers * hidden; // wt
        return 4 * (floats + SymbolTape.ints(window, streams));
    }

    private void initWeights() {
        SplitMix rng = new SplitMix(0x6E7A6970L ^ cfg.seed());
        embedding.init(w, rng);
        for (int l = 0; l < layers; l++) {
            float a = (float) (1.0 / Math.sqrt(inputWidth[l]));
            for (int i = 0; i < 4 * hidden * inputWidth[l]; i++) {
                w[layerW[l] + i] = rng.symmetric(a);
            }
            // biases start at 0: gates half open
        }
        head.init(w, rng);
    }

    @Override
    public int streams() {
        return streams;
    }

    // ---------------------------------------------------------------------------------------------
    // Forward
    // ---------------------------------------------------------------------------------------------

    @Override
    public int window() {
        return window;
    }

    @Override
    public int position() {
        return tape.step();
    }

    @Override
    public void predict(int position, int from, int to, float[] out) {
        if (position < 0 || position >= window || from < 0 || from > to || to > streams) {
            throw new IllegalArgumentException("position " + position + ", streams [" + from + ", " + to + ")");
        }
        if (from == 0 && to == streams) {
            predictAll(position, out);
        } else if (from < to) {
            predictRange(position, from, to, out);
        }
    }

    /**
     * The forward pass of every stream at window position s; products shared with the second thread,
     * if any. A gate's sum runs over the bias, the recurrent inputs (the layer's output at the step
     * before), then the other inputs: the first two are known a step early, so the second thread
     * computes them for the next step while the caller codes this one's bytes.
     */
    private void predictAll(int s, float[] out) {
        pair.join();
        recurrentDone = recurrentReady == s;
        recurrentReady = -1;
        float[] hPrev = hcat[s];
        float[] hNext = hcat[s + 1];
        for (int l = 0; l < layers; l++) {
            float[] ul = u[s][l];
            embedding.gather(w, tape.input(s), 0, streams, ul, 0, streams);
            int r = embed * streams;
            if (l > 0) {
                System.arraycopy(hNext, (l - 1) * hb, ul, r, hb);
                r += hb;
            }
            System.arraycopy(hPrev, l * hb, ul, r, hb);

            taskStep = s;
            taskLayer = l;
            pair.run(lowerGateRows, upperGateRows);
            float[] z = gates[s][l];
            ops.sigmoid(z, 0, z, 0, 2 * hb);   // i, f
            ops.tanh(z, 2 * hb, z, 2 * hb, hb); // g
            ops.sigmoid(z, 3 * hb, z, 3 * hb, hb); // o
            float[] cPrev = cell[s][l];
            float[] cNext = cell[s + 1][l];
            int hOff = l * hb;
            for (int j = 0; j < hb; j++) {
                float ig = z[j];
                float fg = z[hb + j];
                float gg = z[2 * hb + j];
                float og = z[3 * hb + j];
                float c = cellState(ig, fg, gg, cPrev[j]);
                cNext[j] = c;
                hNext[hOff + j] = og * c;
            }
        }
        float[] p = probs[s];
        taskStep = s;
        pair.run(lowerOutputRows, upperOutputRows);
        if (s + 1 < window && pair.parallel() && shareWork) { // the weights stay until the window's end
            recurrentReady = s + 1;
            pair.start(recurrentTask);
        }
        ops.softmax(p, 0, V, streams, p, 0);
        SoftmaxHead.writeDistributions(p, streams, 0, 0, streams, out);
    }

    /** The bias and recurrent part of every gate's sum at step {@link #recurrentReady}, into its gates. */
    private void recurrentParts() {
        int s = recurrentReady;
        for (int l = 0; l < layers; l++) {
            int k = inputWidth[l];
            ops.matmulColumns(w, layerW[l], 4 * hidden, k, k - hidden, k, w, layerB[l],
                    hcat[s], l * hb, streams, gates[s][l], 0);
        }
    }

    /**
     * The forward pass of streams [from, to) at window position s, on the calling thread: the
     * columns of those streams are gathered into narrow matrices (range scratch), computed with the
     * same kernels — whose every output element is its own chain, whatever the batch width — and
     * scattered back into the window's record, so the bits equal those of {@link #predictAll}.
     */
    private void predictRange(int s, int from, int to, float[] out) {
        // (No recurrent part is ready or in flight: the caller switches to ranges only between windows.)
        rangesInWindow = true;
        if (wtUpdates != adam.steps()) { // the first pass of a range (train() keeps wt up to date while ranges are used)
            if (wt == null) {
                wt = new float[outWt + V * layers * hidden];
            }
            transposeWeights(0, 2);
        }
        int nb = to - from;
        int hn = hidden * nb;
        float[] hPrev = hcat[s];
        float[] hNext = hcat[s + 1];
        int[] in = tape.input(s);
        for (int l = 0; l < layers; l++) {
            float[] ul = u[s][l];
            int k = inputWidth[l];
            // Layer input, rows: embedding, the layer below (l > 0), this layer's previous output.
            embedding.gather(w, in, from, to, ul, 0, streams);
            embedding.gather(w, in, from, to, rangeIn, -from, nb);
            int r = embed;
            if (l > 0) {
                gatherColumns(hNext, (l - 1) * hb, hidden, from, to, ul, r);
                r += hidden;
            }
            gatherColumns(hPrev, l * hb, hidden, from, to, ul, r);

            float[] z = rangeGates;
            int kr = k - hidden; // the sum's order of predictAll: bias, recurrent columns, the others
            ops.matmulColumnsTransposed(wt, layerWt[l], 4 * hidden, k, kr, k, w, layerB[l], rangeIn, kr * nb, nb, z, 0);
            ops.matmulColumnsTransposed(wt, layerWt[l], 4 * hidden, k, 0, kr, null, 0, rangeIn, 0, nb, z, 0);
            ops.sigmoid(z, 0, z, 0, 2 * hn);   // i, f
            ops.tanh(z, 2 * hn, z, 2 * hn, hn); // g
            ops.sigmoid(z, 3 * hn, z, 3 * hn, hn); // o
            float[] zl = gates[s][l];
            for (int row = 0; row < 4 * hidden; row++) {
                int src = row * nb - from;
                int dst = row * streams;
                for (int b = from; b < to; b++) { // (short: a loop beats System.arraycopy's call)
                    zl[dst + b] = z[src + b];
                }
            }
            float[] cPrev = cell[s][l];
            float[] cNext = cell[s + 1][l];
            int hOff = l * hb;
            for (int j = 0; j < hidden; j++) {
                for (int b = from; b < to; b++) {
                    int jn = j * nb + b - from;
                    int jb = j * streams + b;
                    float ig = z[jn];
                    float fg = z[hn + jn];
                    float gg = z[2 * hn + jn];
                    float og = z[3 * hn + jn];
                    float c = cellState(ig, fg, gg, cPrev[jb]);
                    cNext[jb] = c;
                    hNext[hOff + jb] = og * c;
                }
            }
        }
        int lh = layers * hidden;
        for (int row = 0; row < lh; row++) {
            int src = row * streams;
            int dst = row * nb - from;
            for (int b = from; b < to; b++) {
                rangeIn[dst + b] = hNext[src + b];
            }
        }
        float[] logits = rangeGates;
        head.logitsTransposed(ops, wt, outWt, w, rangeIn, 0, nb, logits, 0);
        // The softmax runs at the full batch width (its columns are independent): kernels are fast on
        // whole vectors of columns, and a narrow batch may not fill one. The columns past nb hold
        // whatever finite values an earlier range left there.
        float[] sm = rangeSoftmax;
        for (int x = 0; x < V; x++) {
            int src = x * nb;
            int dst = x * streams;
            for (int c = 0; c < nb; c++) {
                sm[dst + c] = logits[src + c];
            }
        }
        ops.softmax(sm, 0, V, streams, sm, 0);
        float[] p = probs[s];
        for (int x = 0; x < V; x++) {
            int row = x * streams;
            for (int b = from; b < to; b++) {
                p[row + b] = sm[row + b - from];
            }
        }
        SoftmaxHead.writeDistributions(sm, streams, -from, from, to, out);
    }

    /**
     * Copies columns [from, to) of a rows×B matrix at src[srcOff] to rows [row0, row0 + rows) of the
     * layer input ul (rows×B) and of the range input (rows×n).
     */
    private void gatherColumns(float[] src, int srcOff, int rows, int from, int to, float[] ul, int row0) {
        int nb = to - from;
        for (int row = 0; row < rows; row++) {
            int si = srcOff + row * streams;
            int ui = (row0 + row) * streams;
            int ri = (row0 + row) * nb - from;
            for (int b = from; b < to; b++) {
                float v = src[si + b];
                ul[ui + b] = v;
                rangeIn[ri + b] = v;
            }
        }
    }

    /**
     * Pre-activations of gate rows [from, to) of the current layer, z = b + W·u: the bias and the
     * recurrent columns (the last {@code hidden} of u) first, unless already done, then the others.
     */
    private void gateRows(int from, int to) {
        int l = taskLayer;
        int k = inputWidth[l];
        int kr = k - hidden;
        float[] ul = u[taskStep][l];
        float[] z = gates[taskStep][l];
        if (!recurrentDone) {
            ops.matmulColumns(w, layerW[l] + from * k, to - from, k, kr, k, w, layerB[l] + from,
                    ul, kr * streams, streams, z, from * streams);
        }
        ops.matmulColumns(w, layerW[l] + from * k, to - from, k, 0, kr, null, 0, ul, 0, streams, z, from * streams);
    }

    /** Logits of output rows [from, to) at the current step: z = W·h + b over the outputs of all layers. */
    private void outputRows(int from, int to) {
        head.logitRows(ops, w, from, to, hcat[taskStep + 1], 0, streams, probs[taskStep], 0);
    }

    @Override
    public boolean sharesProducts() {
        return pair.parallel();
    }

    @Override
    public void useSecondThread(boolean use) {
        pair.enable(use);
        shareWork = use;
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
        train();
        // The last state of this window is the first of the next.
        for (int l = 0; l < layers; l++) {
            System.arraycopy(cell[window][l], 0, cell[0][l], 0, hb);
        }
        System.arraycopy(hcat[window], 0, hcat[0], 0, layers * hb);
        tape.nextWindow();
    }

    // ---------------------------------------------------------------------------------------------
    // Back-propagation through time and the Adam step
    // ---------------------------------------------------------------------------------------------

    private void train() {
        backward();
        adam.step(pair);
        // Ranges come in runs of windows (the caller switches ways rarely): transposed here, the
        // weights are shared by both threads; after a window without ranges, the first range of a
        // window transposes them on its thread.
        if (transposedBackward || (wt != null && shareWork && rangesInWindow)) {
            pair.run(lowerTranspose, upperTranspose);
        }
        rangesInWindow = false;
    }

    /** Transposes halves [from, to) (of 2: the first or the second half of the rows) of every matrix into {@link #wt}. */
    private void transposeWeights(int from, int to) {
        for (int l = 0; l <= layers; l++) {
            int m = l < layers ? 4 * hidden : V;
            int k = l < layers ? inputWidth[l] : layers * hidden;
            int src = l < layers ? layerW[l] : head.weightOffset();
            int dst = l < layers ? layerWt[l] : outWt;
            int r0 = from * (m / 2);
            int r1 = to == 2 ? m : to * (m / 2);
            for (int c0 = 0; c0 < k; c0 += 16) { // blocks of 16 columns: the writes stay in few cache lines
                int c1 = Math.min(k, c0 + 16);
                for (int r = r0; r < r1; r++) {
                    int row = src + r * k;
                    for (int c = c0; c < c1; c++) {
                        wt[dst + c * m + r] = w[row + c];
                    }
                }
            }
        }
        if (to == 2) {
            wtUpdates = adam.steps();
        }
    }

    /** Fills {@link #grad} with the gradient of the window's cross-entropy (in nats). */
    private void backward() {
        Arrays.fill(grad, 0f);
        for (int l = 0; l < layers; l++) {
            Arrays.fill(dhRec[l], 0f);
            Arrays.fill(dCell[l], 0f);
        }
        int lh = layers * hidden;
        for (int s = window - 1; s >= 0; s--) {
            int column = (window - 1 - s) * streams; // this step's first column in the window's factors
            // Output layer: dLogits = p − onehot(target) on active streams, 0 elsewhere.
            dLogits = probs[s];
            SoftmaxHead.lossGradient(dLogits, tape.target(s), tape.active(s), streams, dLogits);
            ops.transpose(hcat[s + 1], 0, lh, streams, hcatWindowT, column * lh);
            pair.run(lowerOutputGradient, upperOutputGradient);
            head.biasGradient(ops, dLogits, streams, grad);

            for (int l = layers - 1; l >= 0; l--) {
                dz = gates[s][l];
                backwardCell(s, l);
                ops.transpose(u[s][l], 0, inputWidth[l], streams, uWindowT[l], column * inputWidth[l]);
                taskLayer = l;
                pair.run(lowerLayerGradient, upperLayerGradient);
                ops.rowSums(dz, 0, 4 * hidden, streams, grad, layerB[l], true);
                scatterInputGradient(s, l);
            }
        }
        // The weight gradients: dW += Σ over the window's steps (last first) and streams, as one product each.
        pair.run(lowerOutputWeights, upperOutputWeights);
        for (int l = 0; l < layers; l++) {
            taskLayer = l;
            pair.run(lowerLayerWeights, upperLayerWeights);
        }
    }

    /**
     * Gathers rows [from, to) of the window's steps' rows×B matrices (record[s], in place of their
     * forward values) into the (to − from)×(T·B) block: step s's columns at (T − 1 − s)·B.
     */
    private void gatherFactorRows(float[][] record, int from, int to, float[] block) {
        int tb = window * streams;
        for (int row = from; row < to; row++) {
            int dst = (row - from) * tb;
            for (int s = window - 1; s >= 0; s--) {
                System.arraycopy(record[s], row * streams, block, dst, streams);
                dst += streams;
            }
        }
    }

    /**
     * Whether the backward pass takes its input gradients from {@link #wt}: a large model, whose wt is
     * transposed at construction and after every Adam step, so it is always current here.
     */
    private boolean backwardFromTransposed() {
        assert !transposedBackward || wtUpdates == adam.steps() : "wt transposed at " + wtUpdates + ", " + adam.steps() + " steps";
        return transposedBackward;
    }

    /** Output layer at the current step: rows [inFrom, inTo) of dHcat = Wᵀ·dLogits. */
    private void outputInputGradient(int inFrom, int inTo) {
        if (backwardFromTransposed()) {
            head.inputGradientRowsTransposed(ops, wt, outWt, dLogits, inFrom, inTo, streams, dHcat, 0);
            return;
        }
        head.inputGradientRows(ops, w, dLogits, inFrom, inTo, streams, dHcat, 0);
    }

    /** Output layer, the whole window: weight-gradient rows [rowFrom, rowTo) of dW += dLogits·hᵀ. */
    private void outputWeightGradient(int rowFrom, int rowTo, float[] block) {
        for (int r0 = rowFrom; r0 < rowTo; r0 += GRADIENT_BLOCK) {
            int r1 = Math.min(rowTo, r0 + GRADIENT_BLOCK);
            gatherFactorRows(probs, r0, r1, block);
            head.weightGradientRows(ops, block, r0, r1, hcatWindowT, window * streams, grad);
        }
    }

    /** Gradients of the gate pre-activations of layer l at step s, into {@link #dz}; updates dCell[l]. */
    private void backwardCell(int s, int l) {
        float[] z = gates[s][l];
        float[] cPrev = cell[s][l];
        float[] cNext = cell[s + 1][l];
        float[] rec = dhRec[l];
        float[] dc = dCell[l];
        boolean top = l == layers - 1;
        int hOff = l * hb;
        for (int j = 0; j < hb; j++) {
            float d = dHcat[hOff + j] + rec[j];
            if (!top) {
                d = d + dhUp[j];
            }
            dh[j] = d;
        }
        for (int j = 0; j < hb; j++) {
            float ig = z[j];
            float fg = z[hb + j];
            float gg = z[2 * hb + j];
            float og = z[3 * hb + j];
            float c = cNext[j];
            float d = dh[j];
            float dOut = d * c;
            float dC = Math.fma(d, og, dc[j]);
            float oneMinusF = 1f - fg;
            boolean forgetClamps = oneMinusF < ig;
            float m = forgetClamps ? oneMinusF : ig;
            float dm = dC * gg;
            float dG = dC * m;
            float dF = dC * cPrev[j];
            float dI = 0f;
            if (forgetClamps) {
                dF = dF - dm;
            } else {
                dI = dm;
            }
            dc[j] = dC * fg;
            dz[j] = dI * (ig * (1f - ig));
            dz[hb + j] = dF * (fg * oneMinusF);
            dz[2 * hb + j] = dG * (1f - gg * gg);
            dz[3 * hb + j] = dOut * (og * (1f - og));
        }
    }

    /**
     * Layer taskLayer at the current step: rows [inFrom, inTo) of the input gradient du = Wᵀ·dz, from
     * the transposed weights when they are up to date (the same chains: from 0 over the gate rows).
     */
    private void layerInputGradient(int inFrom, int inTo) {
        int l = taskLayer;
        if (backwardFromTransposed()) {
            int m = 4 * hidden;
            ops.matmul(wt, layerWt[l] + inFrom * m, inTo - inFrom, m, dz, 0, streams, du, inFrom * streams);
            return;
        }
        ops.matmulTransposedRows(w, layerW[l], 4 * hidden, inputWidth[l], inFrom, inTo, dz, 0, streams, du, 0, false);
    }

    /** Layer taskLayer, the whole window: weight-gradient rows [rowFrom, rowTo) of dW += dz·uᵀ. */
    private void layerWeightGradient(int rowFrom, int rowTo, float[] block) {
        int l = taskLayer;
        int k = inputWidth[l];
        int tb = window * streams;
        for (int r0 = rowFrom; r0 < rowTo; r0 += GRADIENT_BLOCK) {
            int r1 = Math.min(rowTo, r0 + GRADIENT_BLOCK);
            gatherFactorRows(layerGateRecord[l], r0, r1, block);
            ops.outerAccumulate(block, 0, r1 - r0, uWindowT[l], 0, k, tb, grad, layerW[l] + r0 * k);
        }
    }

    /** Sends the gradient of layer l's input to the embedding, the layer below and the previous step. */
    private void scatterInputGradient(int s, int l) {
        embedding.accumulateGradient(grad, tape.input(s), streams, du, 0);
        int r = embed * streams;
        if (l > 0) {
            System.arraycopy(du, r, dhUp, 0, hb);
            r += hb;
        }
        System.arraycopy(du, r, dhRec[l], 0, hb);
    }

    /** Total trainable weights. */
    public int weightCount() {
        return w.length;
    }

    /** The weights, for tests (mutable: a gradient check perturbs them). */
    float[] weightsForTest() {
        return w;
    }

    /**
     * For the gradient check: codes the window's last step like {@link #update} but, instead of
     * training, leaves the gradient of the window's loss in the returned array.
     */
    float[] gradientForTest(int activeStreams, int[] symbols) {
        tape.setLastStep(activeStreams, symbols);
        backward();
        return grad;
    }

    @Override
    public void close() {
        pair.close();
    }

    /**
     * The new cell state from the gates and the old state: the input gate is capped at 1 − forget
     * gate, then one fma. Both forward passes (whole batch and stream range) use this, so they
     * agree bit for bit.
     */
    private static float cellState(float ig, float fg, float gg, float cPrev) {
        float m = Math.min(1f - fg, ig);
        return Math.fma(fg, cPrev, m * gg);
    }
}
