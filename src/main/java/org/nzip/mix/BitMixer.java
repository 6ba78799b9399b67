package org.nzip.mix;

import java.util.Arrays;

/**
 * Codes each byte as eight binary decisions (most significant bit first) and predicts each one by
 * mixing the LSTM's distribution with bitwise context models, in the manner of the PAQ family:
 *
 * <ul>
 *   <li>inputs: the LSTM's probability of the bit (from its quantised byte distribution: the share of
 *       the prefix's symbols whose next bit is 1); adaptive probabilities of the bit in the contexts
 *       of the last 0–6 bytes, of the current word (with the last byte) and of the last two words;
 *       a match model's expected bit; a bias;</li>
 *   <li>three gated linear mixers in the logistic domain, choosing their weights by the partial byte
 *       and the match state, by the bit position, the LSTM's confidence and the match state, and by
 *       the last byte and the bit position; a final mixer (weights chosen by the partial byte) mixes
 *       their outputs; all learn online from the coding cost;</li>
 *   <li>two secondary estimation tables (APM/SSE) refine that in the context of the last byte and of
 *       a 12-bit hash of the last three, and are averaged with it.</li>
 * </ul>
 *
 * <p>The {@linkplain BitMixConfig#STREAM_SET stream set} adds what an input split into interleaved
 * streams loses: the shared statistics see all streams at once, so each stream also gets contexts of
 * its own (orders 0–4 and 6 and its word, with fast counters) and, for six of them, a run model (the
 * byte that last followed the context and how often in a row); six more shared contexts (orders 8 and
 * 12, two sparse ones, three words, the previous word with the last byte); a fourth first-layer mixer
 * chosen by how many contexts have been seen before; an APM on a 16-bit hash of the last two bytes;
 * and a mixer step that starts nine times larger and decays towards the configured one. On enwik6
 * with {@code max}'s LSTM (ideal code length): 1.8053 bpb with the base set, 1.7370 with this one.
 *
 * <p>All context statistics are shared by the streams (each stream uses its own last bytes as
 * context); streams are coded one after another within a step, so the encoder and the decoder
 * update them in the same order. Integer arithmetic only: the floats end at the quantised
 * frequencies, in {@code Frequencies.quantize}.
 *
 * <p>Usage per step: for each active stream {@link #beginSymbol}, then eight times {@link #p1} and
 * {@link #update}; after all streams {@link #endStep}.
 */
public final class BitMixer {

    /** Low bits of a counter that hold its count; the upper 22 bits are the probability of a 1. */
    static final int COUNT_MASK = 1023;
    private static final int COUNT_BITS = 10;
    /** A fresh counter: probability ½, count 0. */
    private static final int FRESH = 1 << 31;
    /** Adaptation rate by count, in 1/65536: 1/(n + 1.5). */
    private static final int[] RATE = new int[COUNT_MASK + 1];

    static {
        for (int n = 0; n <= COUNT_MASK; n++) {
            RATE[n] = 131072 / (2 * n + 3);
        }
    }

    /** Shared hashed contexts: orders 2, 3, 4, 6, the current word with the last byte, the last two words, order 5. */
    static final int BASE_HASHED = 7;
    /** The stream set's per-stream contexts: orders 1, 2, 3, 4, the word with the last byte, order 6, order 0. */
    static final int STREAM_HASHED = 7;
    /** The stream set's run models, on the first six per-stream contexts. */
    static final int RUNS = 6;
    /** The stream set's extra shared contexts: orders 8, 12, two sparse ones, three words, previous word with last byte. */
    static final int EXTRA_HASHED = 6;
    /** Counter limit of the per-stream contexts: they must follow their stream closely. */
    private static final int STREAM_COUNTER_LIMIT = 8;
    /** The stream set's mixer step starts {@code 1 + RATE_BOOST} times the configured one ... */
    private static final int RATE_BOOST = 8;
    /** ... and the boost halves after this many bits. */
    private static final long RATE_BOOST_BITS = 1 << 16;
    private static final int IN_LSTM = 0;
    private static final int IN_ORDER0 = 1;
    private static final int IN_ORDER1 = 2;
    private static final int IN_HASHED = 3;
    private static final int MATCH_STATES = 4;
    /** Step size of the final mixer, which mixes the three first-layer mixers. */
    private static final int FINAL_RATE = 8;
    /** Weight sets of the second mixer: bit position × LSTM confidence × match state. */
    private static final int CONFIDENCE_SETS = 8 * 16 * MATCH_STATES;

    private final int counterLimit;
    private final int baseMixRate;
    private int mixRate;
    private final int apmRate;
    private final MatchModel match;
    private final boolean streamSet;

    // Layout of the inputs: LSTM, order 0, order 1, the hashed contexts, match, bias, runs.
    /** Hashed contexts: {@link #BASE_HASHED}, then (stream set) {@link #STREAM_HASHED} and {@link #EXTRA_HASHED}. */
    private final int hashedCount;
    private final int inMatch;
    private final int inBias;
    private final int inRun;
    private final int inputCount;
    private final int runCount;

    // Context statistics, shared by all streams.
    private final int[] order0 = new int[256];
    private final int[] order1 = new int[1 << 16];
    private final int[][] hashed;
    private final int maxTableBits;
    private int hashShift;
    private final int[] matchCounters = new int[64 * 2];
    private final Mixer byByte;
    private final Mixer byConfidence;
    private final Mixer byLastByte;
    private final Mixer bySeen; // stream set only
    private final Mixer last;
    private final int[] firstLayer;
    private final Apm apmOrder1 = new Apm(1 << 16);
    /** Contexts of the second APM: a 12-bit hash of the last three bytes and the partial byte (small enough to stay in cache). */
    private static final int APM3_BITS = 12;
    private final Apm apmOrder3 = new Apm(1 << APM3_BITS);
    private static final int APM2_BITS = 16;
    private final Apm apmOrder2; // stream set only
    /** Bits coded so far (stream set: drives the mixer step's decay). */
    private long bitsCoded;

    // Run models (stream set): per context a table of tag (12 bits) | run length (12) | byte (8).
    private final int[][] runTables;
    private int runShift;
    private final int[] runCounters;
    private final int[] runEntry;
    private final int[] runIndex;
    private final int[] runSlot;

    // Per stream history.
    private final int[] last4;
    private final int[] before4;
    private final int[] older4;
    private final int[] wordHash;
    private final int[] previousWord;
    private final int[] wordBefore;

    // The symbol being coded.
    private int stream;
    private int c0; // 1 followed by the bits of the byte coded so far
    private int bitIndex; // 0..7
    private final long[] cumulative = new long[257]; // cumulative[0] stays 0
    private boolean hasLstm;
    private final int[] contextHash;
    private final int[] bucket;
    private int expectedByte;
    private int matchBucket;
    private int matchState;

    // The bit being coded, from p1 for update.
    private final int[] inputs;
    private final int[] slot;
    private int matchSlot;

    /**
     * @param config  the parameters
     * @param streams number of streams coded per step
     */
    public BitMixer(BitMixConfig config, int streams) {
        this.counterLimit = config.counterLimit();
        this.baseMixRate = config.mixRate();
        this.mixRate = baseMixRate;
        this.apmRate = config.apmRate();
        this.match = new MatchModel(streams, config.matchLength(), config.matchBits());
        this.maxTableBits = config.tableBits();
        this.streamSet = config.modelSet() == BitMixConfig.STREAM_SET;
        hashedCount = BASE_HASHED + (streamSet ? STREAM_HASHED + EXTRA_HASHED : 0);
        runCount = streamSet ? RUNS : 0;
        inMatch = IN_HASHED + hashedCount;
        inBias = inMatch + 1;
        inRun = inBias + 1;
        inputCount = inRun + runCount;
        hashed = new int[hashedCount][];
        contextHash = new int[hashedCount];
        bucket = new int[hashedCount];
        inputs = new int[inputCount];
        slot = new int[inputCount];
        byByte = new Mixer(MATCH_STATES * 256, inputCount);
        byConfidence = new Mixer(CONFIDENCE_SETS, inputCount);
        byLastByte = new Mixer(256 * 8, inputCount);
        bySeen = streamSet ? new Mixer((hashedCount + 1) * 8 * MATCH_STATES, inputCount) : null;
        int layer = streamSet ? 4 : 3;
        last = new Mixer(256, layer);
        firstLayer = new int[layer];
        apmOrder2 = streamSet ? new Apm(1 << APM2_BITS) : null;
        runTables = new int[runCount][];
        runCounters = new int[runCount * 64 * 2];
        runEntry = new int[runCount];
        runIndex = new int[runCount];
        runSlot = new int[runCount];
        Arrays.fill(order0, FRESH);
        Arrays.fill(order1, FRESH);
        Arrays.fill(matchCounters, FRESH);
        Arrays.fill(runCounters, FRESH);
        for (Mixer m : streamSet ? new Mixer[] {byByte, byConfidence, byLastByte, bySeen} : new Mixer[] {byByte, byConfidence, byLastByte}) {
            m.fill(IN_LSTM, IN_ORDER0, 1 << 16); // the LSTM's input starts at weight 1,
            m.fill(IN_ORDER0, inputCount, 1 << 14); // every other at ¼
        }
        last.fill(0, layer, (1 << 16) / layer);
        last4 = new int[streams];
        before4 = new int[streams];
        older4 = new int[streams];
        wordHash = new int[streams];
        previousWord = new int[streams];
        wordBefore = new int[streams];
    }

    private static int tableBits(int maxTableBits, int firstBlock) {
        int bits = 16;
        while (bits < maxTableBits && (1L << bits) < 16L * firstBlock) {
            bits++;
        }
        return bits;
    }

    private static int runBits(int firstBlock) {
        int bits = 16;
        while (bits < 20 && (1L << bits) < firstBlock) {
            bits++;
        }
        return bits;
    }

    /** Multiply-adds per coded byte: eight bits, each through every first-layer mixer (predict and train). */
    public static long workPerByte(BitMixConfig config) {
        boolean streamSet = config.modelSet() == BitMixConfig.STREAM_SET;
        int inputs = IN_HASHED + BASE_HASHED + (streamSet ? STREAM_HASHED + EXTRA_HASHED + RUNS : 0) + 2;
        return 8L * 2 * inputs * (streamSet ? 5 : 4);
    }

    /**
     * Bytes of heap a mixer of this configuration holds once its first block, of {@code firstBlock}
     * bytes, has sized the tables (as the constructor and {@link #startBlock} allocate them; array
     * headers aside).
     */
    public static long memoryUsage(BitMixConfig config, int streams, int firstBlock) {
        boolean streamSet = config.modelSet() == BitMixConfig.STREAM_SET;
        int hashedCount = BASE_HASHED + (streamSet ? STREAM_HASHED + EXTRA_HASHED : 0);
        int runCount = streamSet ? RUNS : 0;
        long inputs = IN_HASHED + hashedCount + 2 + runCount;
        long mixerSets = MATCH_STATES * 256 + CONFIDENCE_SETS + 256 * 8
                + (streamSet ? (hashedCount + 1) * 8L * MATCH_STATES : 0);
        int layer = streamSet ? 4 : 3;
        long apmContexts = (1 << 16) + (1 << APM3_BITS) + (streamSet ? 1 << APM2_BITS : 0);
        long ints = 256 + (1 << 16) // order 0 and 1
                + hashedCount * (1L << tableBits(config.tableBits(), firstBlock))
                + 128 + mixerSets * inputs + 256L * layer + layer + 33 * apmContexts
                + runCount * ((1L << runBits(firstBlock)) + 128 + 3)
                + 6L * streams + 4 * inputs + 2L * hashedCount;
        return 4 * ints + 8 * 257 + MatchModel.memoryUsage(streams, config.matchBits(), firstBlock);
    }

    /**
     * Announces a block of {@code length} bytes: the match model forgets; the statistics stay. The
     * first block sizes the hashed tables: 16 ints per byte (a byte touches two 16-int buckets per
     * context, and most contexts recur), a power of two from 2^16 up to 2^tableBits. Every block but
     * the last of a file is full, so a file of several blocks always gets the largest tables.
     */
    public void startBlock(int length) {
        match.startBlock(length);
        if (hashed[0] == null) {
            int bits = tableBits(maxTableBits, length);
            for (int i = 0; i < hashedCount; i++) {
                hashed[i] = new int[1 << bits];
                Arrays.fill(hashed[i], FRESH);
            }
            hashShift = 32 - (bits - 4);
            // Run tables: one int per byte, 2^16..2^20 (their 12-bit tags are the hash's low bits).
            int runBits = runBits(length);
            for (int r = 0; r < runCount; r++) {
                runTables[r] = new int[1 << runBits];
            }
            runShift = 32 - runBits;
        }
    }

    /**
     * Starts the next byte of stream {@code s}, whose LSTM distribution is {@code freq[0..256)}
     * (every frequency ≥ 1), or {@code null} for none (the LSTM's input is then 0, as for a uniform
     * distribution).
     */
    public void beginSymbol(int s, int[] freq) {
        stream = s;
        hasLstm = freq != null;
        if (hasLstm) {
            long sum = 0;
            for (int x = 0; x < 256; x++) {
                sum += freq[x];
                cumulative[x + 1] = sum;
            }
        }
        c0 = 1;
        bitIndex = 0;
        int h4 = last4[s];
        int h8 = before4[s];
        contextHash[0] = finish((h4 & 0xFFFF) * 0x9E3779B1 + 0x1000193);
        contextHash[1] = finish((h4 & 0xFFFFFF) * 0x85EBCA6B + 0x2000193);
        contextHash[2] = finish(h4 * 0xC2B2AE35 + 0x3000193);
        contextHash[3] = finish(h4 * 0x27D4EB2F + (h8 & 0xFFFF) * 0x165667B1 + 0x4000193);
        contextHash[4] = finish(wordHash[s] * 0x9E3779B1 + (h4 & 0xFF) * 0x61C88647 + 0x5000193);
        contextHash[5] = finish(wordHash[s] * 0x9E3779B1 + previousWord[s] * 0x61C88647 + 0x6000193);
        contextHash[6] = finish(h4 * 0x27D4EB2F + (h8 & 0xFF) * 0x165667B1 + 0x7000193);
        if (streamSet) {
            streamContexts(s, h4, h8);
        }
        expectedByte = match.expected(s);
        int length = match.matchLength(s);
        matchBucket = Math.min(63, length < 16 ? length : 16 + ((length - 16) >> 2));
        matchState = expectedByte < 0 ? 0 : length < 16 ? 1 : length < 32 ? 2 : 3;
        for (int r = 0; r < runCount; r++) {
            int h = contextHash[BASE_HASHED + r];
            int at = h >>> runShift;
            runIndex[r] = at;
            int e = runTables[r][at];
            runEntry[r] = e != 0 && (e >>> 20) == (h & 0xFFF) ? e : 0;
        }
        findBuckets();
    }

    /** The stream set's contexts: per-stream ones (salted with the stream), then the extra shared ones. */
    private void streamContexts(int s, int h4, int h8) {
        int salt = (s + 1) * 0x3C6EF372;
        int k = BASE_HASHED;
        contextHash[k++] = finish((h4 & 0xFF) * 0x9E3779B1 + salt + 0x11000193);
        contextHash[k++] = finish((h4 & 0xFFFF) * 0x9E3779B1 + salt + 0x12000193);
        contextHash[k++] = finish((h4 & 0xFFFFFF) * 0x85EBCA6B + salt + 0x13000193);
        contextHash[k++] = finish(h4 * 0xC2B2AE35 + salt + 0x14000193);
        contextHash[k++] = finish(wordHash[s] * 0x9E3779B1 + (h4 & 0xFF) * 0x61C88647 + salt + 0x15000193);
        contextHash[k++] = finish(h4 * 0x27D4EB2F + (h8 & 0xFFFF) * 0x165667B1 + salt + 0x16000193);
        contextHash[k++] = salt + 0x17000193;
        int h12 = older4[s];
        contextHash[k++] = finish(h4 * 0x27D4EB2F + h8 * 0x165667B1 + 0x21000193);
        contextHash[k++] = finish(finish(h4 * 0x27D4EB2F + h8 * 0x165667B1) + h12 * 0x2545F491 + 0x22000193);
        contextHash[k++] = finish((h4 & 0xFFFF00) * 0x9E3779B1 + 0x23000193);
        contextHash[k++] = finish(wordHash[s] * 0x9E3779B1 + previousWord[s] * 0x61C88647 + wordBefore[s] * 0x2545F491 + 0x24000193);
        contextHash[k++] = finish((h4 & 0xFF00FF00) * 0x9E3779B1 + 0x25000193);
        contextHash[k] = finish(previousWord[s] * 0x61C88647 + (h4 & 0xFF) * 0x2545F491 + 0x26000193);
    }

    /** Whether hashed context {@code k} is one of the stream set's per-stream contexts. */
    private static boolean perStream(int k) {
        return k >= BASE_HASHED && k < BASE_HASHED + STREAM_HASHED;
    }

    /** The probability that the next bit is 1, in 1/65536, in [1, 65535]. */
    public int p1() {
        // LSTM: share of the prefix's symbols whose next bit is 1.
        int shift = 7 - bitIndex;
        if (hasLstm) {
            int lo = (c0 << (shift + 1)) & 0xFF;
            int mid = lo + (1 << shift);
            int hi = mid + (1 << shift);
            long all = cumulative[hi] - cumulative[lo];
            long ones = cumulative[hi] - cumulative[mid];
            int pl = (int) ((ones << 16) / all);
            inputs[IN_LSTM] = Logistic.stretch(Math.min(Logistic.ONE - 1, Math.max(1, pl)));
        } else {
            inputs[IN_LSTM] = 0;
        }

        slot[IN_ORDER0] = c0;
        inputs[IN_ORDER0] = counterInput(order0[c0]);
        int i1 = (last4[stream] & 0xFF) << 8 | c0;
        slot[IN_ORDER1] = i1;
        inputs[IN_ORDER1] = counterInput(order1[i1]);
        int node = nibbleNode();
        int seen = 0; // hashed contexts whose current node has been trained
        for (int k = 0; k < hashedCount; k++) {
            int at = bucket[k] + node;
            slot[IN_HASHED + k] = at;
            int counter = hashed[k][at];
            inputs[IN_HASHED + k] = counterInput(counter);
            if ((counter & COUNT_MASK) != 0) {
                seen++;
            }
        }
        matchSlot = -1;
        inputs[inMatch] = 0;
        if (expectedByte >= 0 && (expectedByte | 256) >>> (8 - bitIndex) == c0) {
            int expectedBit = (expectedByte >>> shift) & 1;
            matchSlot = matchBucket * 2 + expectedBit;
            inputs[inMatch] = Logistic.stretch(matchCounters[matchSlot] >>> 16);
        }
        inputs[inBias] = 256;
        for (int r = 0; r < runCount; r++) {
            int e = runEntry[r];
            int runByte = e & 0xFF;
            runSlot[r] = -1;
            inputs[inRun + r] = 0;
            if (e != 0 && (runByte | 256) >>> (8 - bitIndex) == c0) {
                int run = Math.min(63, (e >>> 8) & 0xFFF);
                runSlot[r] = (r * 64 + run) * 2 + ((runByte >>> shift) & 1);
                inputs[inRun + r] = Logistic.stretch(runCounters[runSlot[r]] >>> 16);
            }
        }

        int confidence = Math.min(15, Math.abs(inputs[IN_LSTM]) >> 7);
        mixFirstLayer(matchState * 256 + c0, (bitIndex * 16 + confidence) * MATCH_STATES + matchState,
                (last4[stream] & 0xFF) * 8 + bitIndex);
        if (streamSet) {
            firstLayer[3] = bySeen.mix(inputs, (seen * 8 + bitIndex) * MATCH_STATES + matchState);
        }
        int d = last.mix(firstLayer, c0);
        int mixed = last.probability();
        int a1 = apmOrder1.refine(d, i1);
        int a3 = apmOrder3.refine(d, apmContext(0xFFFFFF, APM3_BITS));
        int p;
        if (streamSet) {
            int a2 = apmOrder2.refine(d, apmContext(0xFFFF, APM2_BITS));
            p = (mixed + a1 + a3 + a2 + 2) >> 2;
        } else {
            p = (mixed + a1 + 2 * a3 + 2) >> 2;
        }
        return Math.min(Logistic.ONE - 1, Math.max(1, p));
    }

    /** An APM context of {@code bits} bits: a hash of the last bytes {@code mask} selects, mixed with the partial byte. */
    private int apmContext(int mask, int bits) {
        return (c0 ^ (((last4[stream] & mask) * 0x9E3779B1) >>> (32 - bits))) & ((1 << bits) - 1);
    }

    /** Learns the bit just coded ({@code bit} is 0 or 1) and moves to the next. */
    public void update(int bit) {
        int target = bit << 16;
        if (streamSet) {
            bitsCoded++;
            mixRate = baseMixRate + (int) (baseMixRate * RATE_BOOST * RATE_BOOST_BITS / (RATE_BOOST_BITS + bitsCoded));
        }
        trainFirstLayer(target);
        if (streamSet) {
            bySeen.train(inputs, target, mixRate);
            apmOrder2.learn(bit, apmRate);
        }
        last.train(firstLayer, target, FINAL_RATE);
        apmOrder1.learn(bit, apmRate);
        apmOrder3.learn(bit, apmRate);
        order0[slot[IN_ORDER0]] = adapt(order0[slot[IN_ORDER0]], bit, counterLimit);
        order1[slot[IN_ORDER1]] = adapt(order1[slot[IN_ORDER1]], bit, counterLimit);
        for (int k = 0; k < hashedCount; k++) {
            int[] t = hashed[k];
            int at = slot[IN_HASHED + k];
            t[at] = adapt(t[at], bit, perStream(k) ? STREAM_COUNTER_LIMIT : counterLimit);
        }
        if (matchSlot >= 0) {
            matchCounters[matchSlot] = adapt(matchCounters[matchSlot], bit, counterLimit);
        }
        for (int r = 0; r < runCount; r++) {
            if (runSlot[r] >= 0) {
                runCounters[runSlot[r]] = adapt(runCounters[runSlot[r]], bit, counterLimit);
            }
        }
        c0 = c0 << 1 | bit;
        bitIndex++;
        if (bitIndex == 4) {
            findBuckets();
        } else if (bitIndex == 8) {
            endSymbol(c0 & 0xFF);
        }
    }

    /** After every active stream's byte of a step: the match model takes the step's symbols. */
    public void endStep(int active, int[] symbols) {
        match.update(active, symbols);
    }

    /** The three first-layer mixers in one pass over the inputs (the same sums as {@link Mixer#mix}). */
    private void mixFirstLayer(int set1, int set2, int set3) {
        int[] w1 = byByte.weights;
        int[] w2 = byConfidence.weights;
        int[] w3 = byLastByte.weights;
        int b1 = byByte.select(set1);
        int b2 = byConfidence.select(set2);
        int b3 = byLastByte.select(set3);
        long sum1 = 0;
        long sum2 = 0;
        long sum3 = 0;
        for (int i = 0; i < inputCount; i++) {
            long x = inputs[i];
            sum1 += w1[b1 + i] * x;
            sum2 += w2[b2 + i] * x;
            sum3 += w3[b3 + i] * x;
        }
        firstLayer[0] = byByte.output(sum1);
        firstLayer[1] = byConfidence.output(sum2);
        firstLayer[2] = byLastByte.output(sum3);
    }

    /** {@link Mixer#train} of the three first-layer mixers in one pass. */
    private void trainFirstLayer(int target) {
        int[] w1 = byByte.weights;
        int[] w2 = byConfidence.weights;
        int[] w3 = byLastByte.weights;
        int b1 = byByte.set;
        int b2 = byConfidence.set;
        int b3 = byLastByte.set;
        long step1 = (long) (target - byByte.p) * mixRate;
        long step2 = (long) (target - byConfidence.p) * mixRate;
        long step3 = (long) (target - byLastByte.p) * mixRate;
        for (int i = 0; i < inputCount; i++) {
            long x = inputs[i];
            w1[b1 + i] = Mixer.clamp(w1[b1 + i] + (int) ((step1 * x) >> 20));
            w2[b2 + i] = Mixer.clamp(w2[b2 + i] + (int) ((step2 * x) >> 20));
            w3[b3 + i] = Mixer.clamp(w3[b3 + i] + (int) ((step3 * x) >> 20));
        }
    }

    private void endSymbol(int x) {
        for (int r = 0; r < runCount; r++) {
            int e = runEntry[r];
            int run = e != 0 && (e & 0xFF) == x ? Math.min(4095, ((e >>> 8) & 0xFFF) + 1) : 1;
            runTables[r][runIndex[r]] = (contextHash[BASE_HASHED + r] & 0xFFF) << 20 | run << 8 | x;
        }
        int s = stream;
        older4[s] = older4[s] << 8 | before4[s] >>> 24;
        before4[s] = before4[s] << 8 | last4[s] >>> 24;
        last4[s] = last4[s] << 8 | x;
        int lower = x >= 'A' && x <= 'Z' ? x + 32 : x;
        if ((lower >= 'a' && lower <= 'z') || x >= 128) {
            wordHash[s] = (wordHash[s] + lower + 1) * 0x2F0B4A13;
        } else if (wordHash[s] != 0) {
            wordBefore[s] = previousWord[s];
            previousWord[s] = wordHash[s];
            wordHash[s] = 0;
        }
    }

    /** Index in the 15-node nibble tree of the next bit: 1, 2–3, 4–7, 8–15. */
    private int nibbleNode() {
        int known = bitIndex & 3;
        int bits = c0 & ((1 << known) - 1);
        return (1 << known) | bits;
    }

    /** At the start of each nibble: finds or claims each hashed context's 16-int bucket. */
    private void findBuckets() {
        int nibbleSalt = bitIndex == 0 ? 0 : (c0 & 0xF) * 0x2C1B3C6D + 0x7F4A7C15;
        for (int k = 0; k < hashedCount; k++) {
            int h = finish(contextHash[k] + nibbleSalt);
            int[] t = hashed[k];
            int first = (h >>> hashShift) << 4;
            int tag = (h * 0x5851F42D) | 1; // never 0, and not FRESH's bits by chance only
            int second = first ^ 16;
            if (t[first] == tag) {
                bucket[k] = first;
            } else if (t[second] == tag) {
                bucket[k] = second;
            } else {
                // Claim the bucket whose root has learned less.
                int victim = (t[first + 1] & COUNT_MASK) <= (t[second + 1] & COUNT_MASK) ? first : second;
                t[victim] = tag;
                Arrays.fill(t, victim + 1, victim + 16, FRESH);
                bucket[k] = victim;
            }
        }
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        h *= 0x846CA68B;
        h ^= h >>> 16;
        return h;
    }

    /** A counter's stretched probability, or 0 (no opinion) if it has never been trained. */
    private static int counterInput(int counter) {
        return (counter & COUNT_MASK) == 0 ? 0 : Logistic.stretch(counter >>> 16);
    }

    /** Moves a counter towards the bit, at a rate that slows with its count up to the limit. */
    private static int adapt(int counter, int bit, int limit) {
        int n = counter & COUNT_MASK;
        int p = counter >>> COUNT_BITS; // 22 bits
        int target = bit == 0 ? 0 : (1 << 22) - 1;
        p += (int) (((long) (target - p) * RATE[n]) >> 16);
        if (n < limit) {
            n++;
        }
        return p << COUNT_BITS | n;
    }

    /**
     * A gated linear mixer in the logistic domain: one weight set (16.16 fixed point) per selector
     * value; the output is the clamped dot product of the chosen set with the stretched inputs, and a
     * step of gradient descent on the coding cost moves the set by {@code rate·(bit − p)·input}.
     */
    private static final class Mixer {
        /** Weights stay within ±64. */
        private static final int WEIGHT_LIMIT = 64 << 16;

        private final int n;
        private final int[] weights;
        private int set;
        private int p;

        Mixer(int sets, int n) {
            this.n = n;
            this.weights = new int[sets * n];
        }

        /** Sets weights {@code [from, to)} of every set to {@code value}. */
        void fill(int from, int to, int value) {
            for (int base = 0; base < weights.length; base += n) {
                Arrays.fill(weights, base + from, base + to, value);
            }
        }

        /** The mixed log-odds (clamped to ±2047) of {@code x} with weight set {@code selector}. */
        int mix(int[] x, int selector) {
            select(selector);
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (long) weights[set + i] * x[i];
            }
            return output(sum);
        }

        /** Chooses the weight set of the next output; returns its offset in {@link #weights}. */
        int select(int selector) {
            set = selector * n;
            return set;
        }

        /** The log-odds (clamped) of a dot product computed with the selected set; remembers p. */
        int output(long sum) {
            int d = (int) Math.max(-Logistic.STRETCH_LIMIT, Math.min(Logistic.STRETCH_LIMIT, sum >> 16));
            p = Logistic.squash(d);
            return d;
        }

        static int clamp(int v) {
            return Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, v));
        }

        /** The probability of the last {@link #mix}. */
        int probability() {
            return p;
        }

        /** Trains the set of the last {@link #mix} on {@code target} (the bit × 65536). */
        void train(int[] x, int target, int rate) {
            long step = (long) (target - p) * rate;
            for (int i = 0; i < n; i++) {
                weights[set + i] = clamp(weights[set + i] + (int) ((step * x[i]) >> 20));
            }
        }
    }

    /**
     * Secondary estimation: maps a probability, in a context, through 33 interpolated points of its
     * stretch, each learning the bits that fall near it.
     */
    private static final class Apm {
        private final int[] table;
        private int index;

        Apm(int contexts) {
            table = new int[contexts * 33];
            for (int j = 0; j < 33; j++) { // every context starts as the identity
                table[j] = Logistic.squash((j - 16) * 128) * 16;
            }
            for (int c = 1; c < contexts; c++) {
                System.arraycopy(table, 0, table, c * 33, 33);
            }
        }

        /** The refined probability (16 bits) of stretch {@code d} in context {@code ctx}. */
        int refine(int d, int ctx) {
            int pos = (d + 2048) * 32; // 0 .. 131040, 4096 per interval
            int j = pos >> 12;
            int w = pos & 4095;
            int base = ctx * 33 + j;
            index = w < 2048 ? base : base + 1;
            return (int) (((long) table[base] * (4096 - w) + (long) table[base + 1] * w) >> 16);
        }

        void learn(int bit, int rate) {
            int target = bit == 0 ? 0 : (Logistic.ONE << 4) - 1;
            table[index] += (target - table[index]) >> rate;
        }
    }
}
