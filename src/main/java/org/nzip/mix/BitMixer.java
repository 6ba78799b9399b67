package org.nzip.mix;

/**
 * Codes each byte as eight binary decisions (most significant bit first) and predicts each one by
 * mixing the LSTM's distribution with bitwise context models, in the manner of the PAQ family:
 *
 * <ul>
 *   <li>inputs: the LSTM's probability of the bit ({@link LstmInput}); adaptive probabilities of
 *       the bit in direct order-0 and order-1 contexts ({@link DirectContexts}) and in the hashed contexts of the
 *       {@linkplain ModelSet model set} ({@link HashedContexts}); the match model's expected bit
 *       ({@link MatchInput}); a bias; the set's run models ({@link RunModel});</li>
 *   <li>gated linear {@linkplain Mixer mixers} in the logistic domain, one per {@linkplain
 *       MixerSelector selector} of the set, each choosing its weights by a small context of the bit;
 *       the single-set mixer comes first and every other starts its new sets from it. A final mixer
 *       (weights chosen by the partial byte) mixes their outputs, and in the heaviest sets the
 *       network's input too ({@link ModelSet#withFinalMixer}); all learn online from the coding
 *       cost;</li>
 *   <li>the set's secondary estimation tables ({@link Apm}) refine that, and are averaged with it;</li>
 *   <li>the set's final stages ({@link ModelSet#chain()}), more APMs in series, each refine the
 *       probability so far and are averaged with it, half and half.</li>
 * </ul>
 *
 * <p>Per-stream contexts and run models give back what an input split into interleaved streams
 * loses: the shared statistics see all streams at once and follow none of them closely.
 *
 * <p>All context statistics are shared by the streams (each stream uses its own last bytes as
 * context); streams are coded one after another within a step, so the encoder and the decoder
 * update them in the same order. Integer arithmetic only: the floats end at the quantised
 * frequencies, in {@code Frequencies.quantize}.
 *
 * <p>Each model has one life cycle: its contexts are set at a byte (or nibble) boundary, it writes
 * its inputs for each bit, and it is updated with the bit. A new model declares its number of inputs
 * and takes its place in the input layout below; a new context is a {@link ContextDef} in a new
 * {@link ModelSet}.
 *
 * <p>Usage per step: for each active stream {@link #beginSymbol}, then eight times {@link #p1} and
 * {@link #update}; after all streams {@link #endStep}.
 */
public final class BitMixer {

    /** Mixer inputs of the bias. */
    static final int BIAS_INPUTS = 1;
    /** Value of the bias input. */
    private static final int BIAS = 256;
    /** The mixer step's starting boost ({@link ModelSet#rateBoost}) halves after this many bits. */
    private static final long RATE_BOOST_BITS = 1 << 16;
    // Layout of the inputs: LSTM, direct contexts, hashed contexts, match, bias, runs.
    private static final int IN_LSTM = 0;
    private static final int IN_DIRECT = IN_LSTM + LstmInput.INPUTS;
    private static final int IN_HASHED = IN_DIRECT + DirectContexts.INPUTS;
    private final int inHistory;
    private final int inMatch;
    private final int inBias;
    private final int inRun;
    private final int inputCount;

    private final int baseMixRate;
    private int mixRate;
    private final int rateBoost;
    private final int apmLimit;

    // The models.
    private final History history;
    private final LstmInput lstm = new LstmInput();
    private final DirectContexts direct;
    private final MatchInput match;
    private final ContextGroup group; // the hashed contexts and their run models

    // Mixing: the first layer (the set's selectors; the single-set mixer first, if any), then the final mixer.
    private final MixerSelector[] selectors;
    private final Mixer[] mixers;
    private final boolean firstIsParent;
    private final Mixer last;
    private final int finalRate;
    /** The first-layer mixers' outputs, then (if the set says so) the network's input: the final mixer's inputs. */
    private final int[] firstLayer;
    private final Apm[] apms;
    private final ApmContext[] apmContexts;
    private final int[] apmWeights;
    private final int apmShift;
    private final Apm[] chain;
    private final ApmContext[] chainContexts;
    /** Bits coded so far (drives the mixer step's decay). */
    private long bitsCoded;

    // The symbol being coded.
    private int stream;
    private int c0; // 1 followed by the bits of the byte coded so far
    private int bitIndex; // 0..7
    private int nest; // History.nestAndClass of the stream, for the whole byte

    // The bit being coded.
    private final int[] inputs;

    /**
     * @param config  the parameters
     * @param streams number of streams coded per step
     * @param network whether a network's distribution comes with each byte ({@link #beginSymbol})
     */
    public BitMixer(BitMixConfig config, int streams, boolean network) {
        this(config, ModelSet.of(config.modelSet()), streams, network);
    }

    /** A mixer of another model set than the config's (for experiments: the format knows only {@link ModelSet#of}'s). */
    BitMixer(BitMixConfig config, ModelSet set, int streams, boolean network) {
        this.baseMixRate = config.mixRate();
        this.mixRate = baseMixRate;
        this.rateBoost = set.rateBoost;
        this.apmLimit = (1 << config.apmLimitBits()) - 1;
        history = new History(streams);
        direct = new DirectContexts(config.counterLimit());
        HashedContexts hashed = new HashedContexts(set.contexts(), config.counterLimit(), config.tableBits(), set.bitHistories);
        HistoryContexts historyOnly = new HistoryContexts(set.historyContexts(), set.historyScales(), config.tableBits() + 2, set.byteHistories,
                set.deterministicInput);
        match = new MatchInput(new MatchModel(streams, config.matchLength(), config.matchBits()), config.counterLimit());
        RunModel runs = new RunModel(set.runContexts(), config.counterLimit());
        inHistory = IN_HASHED + hashed.inputs();
        inMatch = inHistory + historyOnly.inputs();
        inBias = inMatch + MatchInput.INPUTS;
        inRun = inBias + BIAS_INPUTS;
        inputCount = inRun + runs.inputs();
        inputs = new int[inputCount];
        group = new ContextGroup(history, hashed, historyOnly, runs, IN_HASHED, inHistory, inRun);

        selectors = set.mixers(network);
        mixers = new Mixer[selectors.length];
        firstIsParent = selectors[0] == MixerSelector.SINGLE;
        Mixer parent = null;
        for (int i = 0; i < selectors.length; i++) {
            mixers[i] = new Mixer(selectors[i].sets(set.contextCount()), inputCount, i == 0 ? null : parent);
            if (i == 0 || parent == null) {
                mixers[i].fill(IN_LSTM, IN_LSTM + LstmInput.INPUTS, 1 << 16); // the LSTM's input starts at weight 1,
                mixers[i].fill(IN_LSTM + LstmInput.INPUTS, inputCount, 1 << 13); // every other at ⅛
            }
            if (i == 0 && firstIsParent) {
                parent = mixers[0];
            }
        }
        int firstLayerCount = selectors.length;
        int finalInputs = set.finalInputs(network);
        last = new Mixer(256, finalInputs);
        last.fill(0, firstLayerCount, (1 << 16) / firstLayerCount); // the network's direct input, if any, starts at 0
        firstLayer = new int[finalInputs];
        finalRate = set.finalRate;

        apmContexts = set.apms();
        apmWeights = set.apmWeights();
        apmShift = set.apmShift;
        apms = new Apm[apmContexts.length];
        for (int i = 0; i < apms.length; i++) {
            apms[i] = new Apm(1 << apmContexts[i].bits);
        }
        chainContexts = set.chain();
        chain = new Apm[chainContexts.length];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = new Apm(1 << chainContexts[i].bits);
        }
    }

    static int inputCount(ModelSet set) {
        int hashed = set.hashedCount() + (set.bitHistories ? set.sharedCount() : 0);
        return LstmInput.INPUTS + DirectContexts.INPUTS + hashed + set.historyInputs() + MatchInput.INPUTS + BIAS_INPUTS + set.runCount();
    }

    /** Multiply-adds per coded byte: eight bits, each through every first-layer mixer and the final one (predict and train). */
    public static long workPerByte(BitMixConfig config, boolean network) {
        ModelSet set = ModelSet.of(config.modelSet());
        return 8L * 2 * inputCount(set) * (set.mixers(network).length + 1);
    }

    /**
     * Bytes of heap a mixer of this configuration holds once its first block, of {@code firstBlock}
     * bytes, has sized the tables (as the constructor and {@link #startBlock} allocate them; array
     * headers aside).
     */
    public static long memoryUsage(BitMixConfig config, int streams, int firstBlock, boolean network) {
        ModelSet set = ModelSet.of(config.modelSet());
        long inputs = inputCount(set);
        long mixerSets = 0;
        for (MixerSelector m : set.mixers(network)) {
            mixerSets += m.sets(set.contextCount());
        }
        int finalInputs = set.finalInputs(network);
        long ints = DirectContexts.INTS
                + MatchInput.INTS + mixerSets * (inputs + 1) + 256L * (finalInputs + 1) + finalInputs + Apm.ints(set.apmContexts())
                + RunModel.ints(set.runCount()) + History.ints(streams) + 4 * inputs;
        return 4 * ints + LstmInput.BYTES + MatchModel.memoryUsage(streams, config.matchBits(), firstBlock)
                + HashedContexts.bytes(set.hashedCount(), set.bitHistories ? set.sharedCount() : 0, HashedContexts.tableBits(config.tableBits(), firstBlock))
                + HistoryContexts.bytes(set.historyScales(), config.tableBits() + 2, firstBlock, set.byteHistories);
    }

    /**
     * Announces a block of {@code length} bytes: the match model forgets; the statistics stay. The
     * first block sizes the tables ({@link HashedContexts#tableBits}, {@link HistoryContexts#tableBits}).
     * Every block but the last of a file is full, so a file of several blocks always gets the largest tables.
     */
    public void startBlock(int length) {
        match.model().startBlock(length);
        group.allocate(length);
    }

    /**
     * Starts the next byte of stream {@code s}, whose LSTM distribution is {@code freq[0..256)}
     * (every frequency ≥ 1), or {@code null} for none (the LSTM's input is then 0, as for a uniform
     * distribution).
     */
    public void beginSymbol(int s, int[] freq) {
        stream = s;
        lstm.setDistribution(freq);
        c0 = 1;
        bitIndex = 0;
        match.setContext(s);
        history.setMatch(match.expectedByte(), match.length());
        nest = history.nestAndClass(s);
        group.begin(s, inputs);
    }

    /** The probability that the next bit is 1, in 1/65536, in [1, 65535]. */
    public int p1() {
        inputs[IN_LSTM] = lstm.predict(c0, bitIndex);
        int lastByte = history.lastByte(stream);
        direct.predict(inputs, IN_DIRECT, c0, lastByte);
        int seen = group.seen(); // hashed contexts with statistics at this node (their inputs are written)
        inputs[inMatch] = match.predict(c0, bitIndex);
        inputs[inBias] = BIAS;

        int matchState = match.state();
        int confidence = Math.min(15, Math.abs(inputs[IN_LSTM]) >> 7);
        int classes = history.classes(stream) & 0x3F;
        int wordLength = history.wordLengths(stream) >> 4;
        int last4 = history.last4(stream);
        int word = history.word(stream);
        for (int i = 0; i < mixers.length; i++) { // in order: the single-set mixer before the sets that copy it
            int selector = selectors[i].select(c0, bitIndex, matchState, lastByte, seen, classes, confidence, wordLength, last4, nest);
            firstLayer[i] = mixers[i].mix(inputs, selector);
        }
        if (firstLayer.length > mixers.length) {
            firstLayer[mixers.length] = inputs[IN_LSTM];
        }
        int d = last.mix(firstLayer, c0);
        int p = last.probability() + (1 << apmShift >> 1);
        int matchCtx = history.matchContext();
        int expectation = match.expectation();
        for (int i = 0; i < apms.length; i++) {
            p += apmWeights[i] * apms[i].refine(d, apmContexts[i].context(c0, last4, matchCtx, seen, word, expectation));
        }
        p = Math.min(Logistic.ONE - 1, Math.max(1, p >> apmShift));
        for (int i = 0; i < chain.length; i++) {
            int q = chain[i].refine(Logistic.stretch(p), chainContexts[i].context(c0, last4, matchCtx, seen, word, expectation));
            p = Math.min(Logistic.ONE - 1, Math.max(1, (p + q + 1) >> 1));
        }
        return p;
    }

    /** Learns the bit just coded ({@code bit} is 0 or 1) and moves to the next. */
    public void update(int bit) {
        int target = bit << 16;
        if (rateBoost != 0) {
            bitsCoded++;
            mixRate = baseMixRate + (int) (baseMixRate * rateBoost * RATE_BOOST_BITS / (RATE_BOOST_BITS + bitsCoded));
        }
        for (int i = 0; i < mixers.length; i++) {
            // The single-set mixer sees every bit: it needs no start boost.
            mixers[i].train(inputs, target, i == 0 && firstIsParent ? baseMixRate : mixRate);
        }
        last.train(firstLayer, target, finalRate);
        for (Apm apm : apms) {
            apm.learn(bit, apmLimit);
        }
        for (Apm apm : chain) {
            apm.learn(bit, apmLimit);
        }
        direct.update(bit);
        group.bit(bit, inputs); // the next bit's inputs: the mixers are trained
        match.update(bit);
        c0 = c0 << 1 | bit;
        bitIndex++;
        if (bitIndex == 8) {
            history.update(stream, c0 & 0xFF);
        }
    }

    /** After every active stream's byte of a step: the match model takes the step's symbols. */
    public void endStep(int active, int[] symbols) {
        match.model().update(active, symbols);
    }
}
