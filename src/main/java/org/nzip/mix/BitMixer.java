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

    /** Hashed contexts: orders 2, 3, 4, 6, the current word with the last byte, the last two words, order 5. */
    static final int HASHED = 7;
    private static final int IN_LSTM = 0;
    private static final int IN_ORDER0 = 1;
    private static final int IN_ORDER1 = 2;
    private static final int IN_HASHED = 3;
    private static final int IN_MATCH = IN_HASHED + HASHED;
    private static final int IN_BIAS = IN_MATCH + 1;
    /** Number of mixer inputs. */
    static final int INPUTS = IN_BIAS + 1;
    private static final int MATCH_STATES = 4;
    /** Step size of the final mixer, which mixes the three first-layer mixers. */
    private static final int FINAL_RATE = 8;
    /** Weight sets of the second mixer: bit position × LSTM confidence × match state. */
    private static final int CONFIDENCE_SETS = 8 * 16 * MATCH_STATES;

    private final int counterLimit;
    private final int mixRate;
    private final int apmRate;
    private final MatchModel match;

    // Context statistics, shared by all streams.
    private final int[] order0 = new int[256];
    private final int[] order1 = new int[1 << 16];
    private final int[][] hashed = new int[HASHED][];
    private final int maxTableBits;
    private int hashShift;
    private final int[] matchCounters = new int[64 * 2];
    private final Mixer byByte = new Mixer(MATCH_STATES * 256, INPUTS);
    private final Mixer byConfidence = new Mixer(CONFIDENCE_SETS, INPUTS);
    private final Mixer byLastByte = new Mixer(256 * 8, INPUTS);
    private final Mixer last = new Mixer(256, 3);
    private final int[] firstLayer = new int[3];
    private final Apm apmOrder1 = new Apm(1 << 16);
    /** Contexts of the second APM: a 12-bit hash of the last three bytes and the partial byte (small enough to stay in cache). */
    private static final int APM3_BITS = 12;
    private final Apm apmOrder3 = new Apm(1 << APM3_BITS);

    // Per stream history.
    private final int[] last4;
    private final int[] before4;
    private final int[] wordHash;
    private final int[] previousWord;

    // The symbol being coded.
    private int stream;
    private int c0; // 1 followed by the bits of the byte coded so far
    private int bitIndex; // 0..7
    private final long[] cumulative = new long[257]; // cumulative[0] stays 0
    private boolean hasLstm;
    private final int[] contextHash = new int[HASHED];
    private final int[] bucket = new int[HASHED];
    private int expectedByte;
    private int matchBucket;
    private int matchState;

    // The bit being coded, from p1 for update.
    private final int[] inputs = new int[INPUTS];
    private final int[] slot = new int[INPUTS];
    private int matchSlot;

    /**
     * @param config  the parameters
     * @param streams number of streams coded per step
     */
    public BitMixer(BitMixConfig config, int streams) {
        this.counterLimit = config.counterLimit();
        this.mixRate = config.mixRate();
        this.apmRate = config.apmRate();
        this.match = new MatchModel(streams, config.matchLength(), config.matchBits());
        this.maxTableBits = config.tableBits();
        Arrays.fill(order0, FRESH);
        Arrays.fill(order1, FRESH);
        Arrays.fill(matchCounters, FRESH);
        for (Mixer m : new Mixer[] {byByte, byConfidence, byLastByte}) {
            m.fill(IN_LSTM, IN_ORDER0, 1 << 16); // the LSTM's input starts at weight 1,
            m.fill(IN_ORDER0, INPUTS, 1 << 14); // every other at ¼
        }
        last.fill(0, 3, (1 << 16) / 3);
        last4 = new int[streams];
        before4 = new int[streams];
        wordHash = new int[streams];
        previousWord = new int[streams];
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
            int bits = 16;
            while (bits < maxTableBits && (1L << bits) < 16L * length) {
                bits++;
            }
            for (int i = 0; i < HASHED; i++) {
                hashed[i] = new int[1 << bits];
                Arrays.fill(hashed[i], FRESH);
            }
            hashShift = 32 - (bits - 4);
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
        expectedByte = match.expected(s);
        int length = match.matchLength(s);
        matchBucket = Math.min(63, length < 16 ? length : 16 + ((length - 16) >> 2));
        matchState = expectedByte < 0 ? 0 : length < 16 ? 1 : length < 32 ? 2 : 3;
        findBuckets();
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
        for (int k = 0; k < HASHED; k++) {
            int at = bucket[k] + node;
            slot[IN_HASHED + k] = at;
            inputs[IN_HASHED + k] = counterInput(hashed[k][at]);
        }
        matchSlot = -1;
        inputs[IN_MATCH] = 0;
        if (expectedByte >= 0 && (expectedByte | 256) >>> (8 - bitIndex) == c0) {
            int expectedBit = (expectedByte >>> shift) & 1;
            matchSlot = matchBucket * 2 + expectedBit;
            inputs[IN_MATCH] = Logistic.stretch(matchCounters[matchSlot] >>> 16);
        }
        inputs[IN_BIAS] = 256;

        int confidence = Math.min(15, Math.abs(inputs[IN_LSTM]) >> 7);
        mixFirstLayer(matchState * 256 + c0, (bitIndex * 16 + confidence) * MATCH_STATES + matchState,
                (last4[stream] & 0xFF) * 8 + bitIndex);
        int d = last.mix(firstLayer, c0);
        int mixed = last.probability();
        int a1 = apmOrder1.refine(d, i1);
        int a3 = apmOrder3.refine(d, (c0 ^ (((last4[stream] & 0xFFFFFF) * 0x9E3779B1) >>> (32 - APM3_BITS))) & ((1 << APM3_BITS) - 1));
        int p = (mixed + a1 + 2 * a3 + 2) >> 2;
        return Math.min(Logistic.ONE - 1, Math.max(1, p));
    }

    /** Learns the bit just coded ({@code bit} is 0 or 1) and moves to the next. */
    public void update(int bit) {
        int target = bit << 16;
        trainFirstLayer(target);
        last.train(firstLayer, target, FINAL_RATE);
        apmOrder1.learn(bit, apmRate);
        apmOrder3.learn(bit, apmRate);
        order0[slot[IN_ORDER0]] = adapt(order0[slot[IN_ORDER0]], bit);
        order1[slot[IN_ORDER1]] = adapt(order1[slot[IN_ORDER1]], bit);
        for (int k = 0; k < HASHED; k++) {
            int[] t = hashed[k];
            int at = slot[IN_HASHED + k];
            t[at] = adapt(t[at], bit);
        }
        if (matchSlot >= 0) {
            matchCounters[matchSlot] = adapt(matchCounters[matchSlot], bit);
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
        for (int i = 0; i < INPUTS; i++) {
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
        for (int i = 0; i < INPUTS; i++) {
            long x = inputs[i];
            w1[b1 + i] = Mixer.clamp(w1[b1 + i] + (int) ((step1 * x) >> 20));
            w2[b2 + i] = Mixer.clamp(w2[b2 + i] + (int) ((step2 * x) >> 20));
            w3[b3 + i] = Mixer.clamp(w3[b3 + i] + (int) ((step3 * x) >> 20));
        }
    }

    private void endSymbol(int x) {
        int s = stream;
        before4[s] = before4[s] << 8 | last4[s] >>> 24;
        last4[s] = last4[s] << 8 | x;
        int lower = x >= 'A' && x <= 'Z' ? x + 32 : x;
        if ((lower >= 'a' && lower <= 'z') || x >= 128) {
            wordHash[s] = (wordHash[s] + lower + 1) * 0x2F0B4A13;
        } else if (wordHash[s] != 0) {
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
        for (int k = 0; k < HASHED; k++) {
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
    private int adapt(int counter, int bit) {
        int n = counter & COUNT_MASK;
        int p = counter >>> COUNT_BITS; // 22 bits
        int target = bit == 0 ? 0 : (1 << 22) - 1;
        p += (int) (((long) (target - p) * RATE[n]) >> 16);
        if (n < counterLimit) {
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
