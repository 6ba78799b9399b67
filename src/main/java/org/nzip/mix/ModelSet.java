package org.nzip.mix;

/**
 * A set of models the {@link BitMixer} mixes, as data: the hashed contexts (in the order of their
 * mixer inputs), those of them a {@link RunModel} also follows (in the order of its inputs), the
 * first-layer mixers' selectors, the final mixer's step and inputs, the APMs and their weights in the
 * final average, the final stages in series after it, and the boost of the mixer step at the start.
 * The sets are part of the format: from nzip 1.0 on, a new set is a new {@link BitMixConfig} model
 * set and an existing one never changes (before 1.0, a change regenerates the golden files).
 */
final class ModelSet {

    /**
     * The shared contexts that keep bit histories only, in both sets: the last two words; orders 5,
     * 8 and 12; sparse contexts (bytes 2–3, 2–4, 1–3, 4); the last three words; the previous word with
     * the last byte; the current word with the word two back; the column with the byte above and with
     * the last byte; the character classes of the last ten bytes; the open brackets with the word;
     * indirect order 1 and 2 (what followed the last bytes last time); the place in the sentence; the
     * match model's expected byte; the line's first two bytes with the last two; the word that
     * followed the previous word last time with the current one (indirect).
     */
    private static final ContextDef[] HISTORY_ONLY = {
            ContextDef.ORDER5, ContextDef.ORDER8, ContextDef.ORDER12, ContextDef.TWO_WORDS, ContextDef.THREE_WORDS,
            ContextDef.WORD_SKIP, ContextDef.BYTES_2_3, ContextDef.BYTES_2_4, ContextDef.PREVIOUS_WORD_AND_BYTE,
            ContextDef.COLUMN_ABOVE, ContextDef.CLASSES, ContextDef.BRACKETS_AND_WORD, ContextDef.INDIRECT1,
            ContextDef.INDIRECT2, ContextDef.SENTENCE, ContextDef.BYTES_1_3, ContextDef.BYTE_4, ContextDef.COLUMN_AND_BYTE,
            ContextDef.MATCH_BYTE, ContextDef.LINE_START, ContextDef.WORD_INDIRECT};

    /**
     * {@link BitMixConfig#TEXT_SET}. Counters, shared: orders 2, 3, 4 and 6, the current word with
     * the last byte; per stream (each stream's own statistics, which follow it closely): orders 0–4
     * and 6 and the word with the last byte, with run models. A bit history beside each shared
     * counter. Then the {@link #HISTORY_ONLY} contexts.
     * Every mixer selector (the confidence mixer only with a network). An order-1, a hashed order-2
     * and a hashed order-3 APM, then a final stage by the match model's expectation (with
     * default's network −0.11 % on enwik6); a mixer step that starts nine times larger.
     */
    static final ModelSet TEXT = new ModelSet(new ContextDef[] {
            ContextDef.ORDER2, ContextDef.ORDER3, ContextDef.ORDER4, ContextDef.ORDER6, ContextDef.WORD_AND_BYTE,
            ContextDef.STREAM_ORDER1, ContextDef.STREAM_ORDER2, ContextDef.STREAM_ORDER3, ContextDef.STREAM_ORDER4,
            ContextDef.STREAM_WORD_AND_BYTE, ContextDef.STREAM_ORDER6, ContextDef.STREAM_ORDER0},
            new ContextDef[] {ContextDef.STREAM_ORDER1, ContextDef.STREAM_ORDER2, ContextDef.STREAM_ORDER3, ContextDef.STREAM_ORDER4,
                ContextDef.STREAM_WORD_AND_BYTE, ContextDef.STREAM_ORDER6},
            HISTORY_ONLY, true, new MixerSelector[] {MixerSelector.SINGLE, MixerSelector.PARTIAL_BYTE, MixerSelector.LAST_BYTE,
                MixerSelector.CONTEXTS_SEEN, MixerSelector.CLASSES, MixerSelector.WORD_LENGTH, MixerSelector.CONFIDENCE},
            new ApmContext[] {ApmContext.ORDER1, ApmContext.ORDER3_HASH, ApmContext.ORDER2_HASH}, new int[] {1, 1, 1}, 8)
            .chained(ApmContext.MATCH_EXPECTATION);

    /**
     * {@link BitMixConfig#CM_SET}: the text set's shared counters (orders 2, 3, 4 and 6, the word with
     * the last byte), each with a bit history beside it and (here) a run model, then the {@link #HISTORY_ONLY}
     * contexts. No per-stream contexts (in one stream the bit histories do their work: they follow a
     * context's recent bits). The text set's mixers but those chosen by the word length and the
     * network's confidence (a sixth mixer costs more time than its 0.1 % is worth here). The text
     * set's APMs and final stage (here −0.1 to −0.2 % on text, −1.3 % on kennedy.xls).
     */
    static final ModelSet CM = new ModelSet(java.util.Arrays.stream(TEXT.contexts).filter(c -> !c.perStream).toArray(ContextDef[]::new),
            new ContextDef[] {ContextDef.ORDER2, ContextDef.ORDER3, ContextDef.ORDER4, ContextDef.ORDER6, ContextDef.WORD_AND_BYTE},
            HISTORY_ONLY, true, new MixerSelector[] {MixerSelector.SINGLE, MixerSelector.PARTIAL_BYTE, MixerSelector.LAST_BYTE,
                MixerSelector.CONTEXTS_SEEN, MixerSelector.CLASSES}, TEXT.apms, TEXT.apmWeights, TEXT.rateBoost)
            .chained(ApmContext.MATCH_EXPECTATION);

    /**
     * More word and text contexts for the heaviest preset, in both of its sets: the current word with
     * the previous word and the word three back, with the words two and three back; with the last
     * punctuation mark, alone and with the previous word; with the sentence's first word; alone; with
     * the column; and the previous word with the last two bytes. Then the nesting of brackets and
     * quotes (what closes a link, a template or a parenthesis after a word): the open brackets with
     * the words since and the last byte's class; the two innermost with the last byte; and the
     * innermost with the line's first bytes (the cm max set on enwik6.t −1.5 %, alice29.t −0.2 %,
     * book1.t −0.05 %). Then words near each other: the word with the last byte in the same 4 KiB and
     * in the same line; the word with the bytes between it and the previous word; the line's first
     * word with the last byte; the word before the line's last '=' or ':' with the word and the last
     * byte (together enwik6.t −0.56 %, book1.t −0.15 %).
     */
    private static final ContextDef[] MORE_TEXT = {
            ContextDef.WORDS_1_3, ContextDef.WORDS_2_3, ContextDef.PUNCTUATION_AND_WORD, ContextDef.PUNCTUATION_AND_TWO_WORDS,
            ContextDef.SENTENCE_START_AND_WORD, ContextDef.WORD, ContextDef.WORD_AND_COLUMN, ContextDef.PREVIOUS_WORD_AND_TWO_BYTES,
            ContextDef.NEST, ContextDef.NEST_AND_BYTE, ContextDef.LINE_NEST, ContextDef.BLOCK_WORD, ContextDef.LINE_POS_WORD,
            ContextDef.WORD_GAP, ContextDef.LINE_WORD, ContextDef.KEYWORD};
    /** The APMs of the heaviest sets: those of the others, then by the match model's expectation, the contexts seen and the word. */
    private static final ApmContext[] MORE_APMS = {ApmContext.ORDER1, ApmContext.ORDER3_HASH, ApmContext.ORDER2_HASH,
        ApmContext.MATCH, ApmContext.SEEN, ApmContext.WORD};

    /**
     * The heaviest sets' table sizes, as multiples of the configured one (log2), by how many distinct
     * values a context takes (on the enwik8 prefix's transformed stream: 256 for a byte, 3–4 thousand
     * for the nesting, 20–50 thousand for bytes at a distance and the column, over a million for the
     * high orders and word triples): an eighth for the fewest, half for the bytes at a distance, twice
     * for the high orders and word pairs and triples. In about the same memory as equal tables, the
     * cm max set codes dickens' stream 0.10 % smaller, the enwik8 prefix's 0.03 %; with 15 tables
     * doubled rather than 6 (+170 MiB), 0.17 % and 0.07 % (bench/mix/2026-12-03-table-sizes.md).
     */
    private static final java.util.Map<ContextDef, Integer> MAX_TABLE_SCALES = java.util.Map.ofEntries(
            java.util.Map.entry(ContextDef.BYTE_4, -3), java.util.Map.entry(ContextDef.MATCH_BYTE, -3),
            java.util.Map.entry(ContextDef.NEST, -3), java.util.Map.entry(ContextDef.NEST_AND_BYTE, -3),
            java.util.Map.entry(ContextDef.BYTES_2_3, -1), java.util.Map.entry(ContextDef.BYTES_2_4, -1),
            java.util.Map.entry(ContextDef.BYTES_1_3, -1), java.util.Map.entry(ContextDef.COLUMN_ABOVE, -1),
            java.util.Map.entry(ContextDef.COLUMN_AND_BYTE, -1), java.util.Map.entry(ContextDef.LINE_NEST, -1),
            java.util.Map.entry(ContextDef.ORDER5, 1), java.util.Map.entry(ContextDef.ORDER8, 1), java.util.Map.entry(ContextDef.ORDER12, 1),
            java.util.Map.entry(ContextDef.TWO_WORDS, 1), java.util.Map.entry(ContextDef.THREE_WORDS, 1),
            java.util.Map.entry(ContextDef.WORD_SKIP, 1), java.util.Map.entry(ContextDef.PREVIOUS_WORD_AND_BYTE, 1),
            java.util.Map.entry(ContextDef.INDIRECT2, 1), java.util.Map.entry(ContextDef.WORD_INDIRECT, 1),
            java.util.Map.entry(ContextDef.WORDS_1_3, 1), java.util.Map.entry(ContextDef.WORDS_2_3, 1),
            java.util.Map.entry(ContextDef.PUNCTUATION_AND_TWO_WORDS, 1), java.util.Map.entry(ContextDef.SENTENCE_START_AND_WORD, 1),
            java.util.Map.entry(ContextDef.PREVIOUS_WORD_AND_TWO_BYTES, 1), java.util.Map.entry(ContextDef.LINE_POS_WORD, 1));

    /**
     * {@link BitMixConfig#TEXT_MAX_SET}: the {@link #TEXT} set with {@link #MORE_TEXT} contexts, a
     * byte history beside each history-only context and their deterministic input, tables sized by
     * context ({@link #MAX_TABLE_SCALES}), mixers chosen by the byte two back (alone and with the
     * partial byte) and by the innermost open bracket with the last byte's class, and
     * {@link #MORE_APMS}, but not the text set's final stage (its APM by the match model's expectation
     * already sees the match: −0.03 %). A final mixer that also weighs the network directly, with half
     * the usual step (the network's stream of the enwik8 prefix −0.24 %, enwik6's −0.21 %: a large
     * network is right more often than the first-layer mixers credit it). About twice the text set's
     * time in the bitwise stage: worth it where a large network takes most of the time.
     */
    static final ModelSet TEXT_MAX = new ModelSet(TEXT.contexts, TEXT.runs(),
            concat(HISTORY_ONLY, MORE_TEXT), true, true, concat(TEXT.mixers, MixerSelector.SECOND_BYTE, MixerSelector.SECOND_AND_PARTIAL, MixerSelector.NEST),
            MORE_APMS, new int[] {1, 1, 1, 1, 1, 2}, TEXT.rateBoost).scaled(MAX_TABLE_SCALES).withDeterministicInput()
            .withFinalMixer(4, true);

    /** {@link BitMixConfig#CM_MAX_SET}: the {@link #CM} set with what {@link #TEXT_MAX} adds to the text set. */
    static final ModelSet CM_MAX = new ModelSet(CM.contexts, CM.runs(),
            concat(HISTORY_ONLY, MORE_TEXT), true, true, concat(CM.mixers, MixerSelector.SECOND_BYTE, MixerSelector.SECOND_AND_PARTIAL, MixerSelector.NEST),
            MORE_APMS, new int[] {1, 1, 1, 1, 1, 2}, CM.rateBoost).scaled(MAX_TABLE_SCALES).withDeterministicInput();

    @SafeVarargs
    private static <T> T[] concat(T[] a, T... b) {
        T[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The set of a {@link BitMixConfig#modelSet()} (the config has checked it). */
    static ModelSet of(int modelSet) {
        return switch (modelSet) {
            case BitMixConfig.TEXT_SET -> TEXT;
            case BitMixConfig.CM_SET -> CM;
            case BitMixConfig.TEXT_MAX_SET -> TEXT_MAX;
            case BitMixConfig.CM_MAX_SET -> CM_MAX;
            default -> throw new IllegalArgumentException("unknown model set " + modelSet);
        };
    }

    private final ContextDef[] contexts;
    private final ContextDef[] historyContexts;
    private final int[] runContexts;
    private final ApmContext[] apms;
    private final int[] apmWeights;
    private final ApmContext[] chain;
    /** The first-layer mixer step starts at {@code 1 + rateBoost} times the configured one (0: constant). */
    final int rateBoost;

    private final MixerSelector[] mixers;
    /** Whether the shared hashed contexts with counters keep a bit history per counter (a second input per context). */
    final boolean bitHistories;
    /** Whether the history-only contexts keep a byte history each (a second input per context). */
    final boolean byteHistories;
    /** log2 of the final average's total weight (the mixer's 1 and the APMs' weights). */
    final int apmShift;
    /** A table is at most 2^this times larger or smaller than the configured size. */
    static final int MAX_TABLE_SCALE = 3;
    /** Table sizes of history-only contexts, log2 of their multiple of the configured size (absent: 1×). */
    private final java.util.Map<ContextDef, Integer> tableScales;
    /** Whether the history-only contexts' deterministic histories are summed in one more input ({@link HistoryContexts}). */
    final boolean deterministicInput;
    /** The final mixer's step ({@link #withFinalMixer}). */
    final int finalRate;
    /** Whether the final mixer also takes the network's input beside the first-layer mixers' outputs. */
    final boolean networkInFinal;
    /** The final mixer's step of a set that does not name one. */
    static final int FINAL_RATE = 8;

    /**
     * @param contexts   the hashed contexts, in the order of their mixer inputs
     * @param runs       the contexts (of {@code contexts}) a run model follows
     * @param historyContexts hashed contexts with bit histories only ({@link HistoryContexts}), in the order of their inputs
     * @param bitHistories whether each shared hashed context with counters also keeps a {@link BitHistory} per counter, an input each
     * @param mixers     the first-layer mixers; {@link MixerSelector#SINGLE}, if listed, comes first
     * @param apms       the APMs
     * @param apmWeights each APM's weight in the final average, summing to 3, 7, 15, ... (with the mixer's 1, a power of two)
     * @param rateBoost  the first-layer mixer step starts at {@code 1 + rateBoost} times the configured one
     */
    ModelSet(ContextDef[] contexts, ContextDef[] runs, ContextDef[] historyContexts, boolean bitHistories, MixerSelector[] mixers, ApmContext[] apms, int[] apmWeights, int rateBoost) {
        this(contexts, runs, historyContexts, bitHistories, false, mixers, apms, apmWeights, rateBoost);
    }

    /**
     * @param byteHistories whether each history-only context also keeps a byte history ({@link HistoryContexts}), a second input each
     */
    ModelSet(ContextDef[] contexts, ContextDef[] runs, ContextDef[] historyContexts, boolean bitHistories, boolean byteHistories, MixerSelector[] mixers, ApmContext[] apms, int[] apmWeights, int rateBoost) {
        java.util.List<MixerSelector> m = java.util.List.of(mixers);
        if (m.isEmpty() || m.indexOf(MixerSelector.SINGLE) > 0 || m.stream().distinct().count() != m.size()) {
            throw new IllegalArgumentException("distinct mixers, the single-set one first: " + m);
        }
        this.mixers = mixers.clone();
        this.bitHistories = bitHistories;
        this.byteHistories = byteHistories;
        int weights = 0;
        for (int w : apmWeights) {
            weights += w;
        }
        if (apms.length != apmWeights.length || weights < 1 || Integer.bitCount(weights + 1) != 1) {
            throw new IllegalArgumentException("one weight per APM, summing to a power of two less 1 (the mixer's output weighs 1)");
        }
        this.apmShift = Integer.numberOfTrailingZeros(weights + 1);
        this.contexts = contexts;
        this.historyContexts = historyContexts;
        java.util.List<ContextDef> list = java.util.List.of(contexts);
        this.runContexts = java.util.Arrays.stream(runs).mapToInt(list::indexOf).toArray();
        if (java.util.Arrays.stream(runContexts).anyMatch(k -> k < 0)) {
            throw new IllegalArgumentException("a run model follows one of the set's contexts");
        }
        this.apms = apms;
        this.apmWeights = apmWeights;
        this.rateBoost = rateBoost;
        this.chain = new ApmContext[0];
        this.tableScales = java.util.Map.of();
        this.deterministicInput = false;
        this.finalRate = FINAL_RATE;
        this.networkInFinal = false;
    }

    private ModelSet(ModelSet base, ApmContext[] chain, java.util.Map<ContextDef, Integer> tableScales, boolean deterministicInput) {
        this(base, chain, tableScales, deterministicInput, base.finalRate, base.networkInFinal);
    }

    private ModelSet(ModelSet base, ApmContext[] chain, java.util.Map<ContextDef, Integer> tableScales, boolean deterministicInput,
                     int finalRate, boolean networkInFinal) {
        this.contexts = base.contexts;
        this.historyContexts = base.historyContexts;
        this.runContexts = base.runContexts;
        this.apms = base.apms;
        this.apmWeights = base.apmWeights;
        this.rateBoost = base.rateBoost;
        this.mixers = base.mixers;
        this.bitHistories = base.bitHistories;
        this.byteHistories = base.byteHistories;
        this.apmShift = base.apmShift;
        this.chain = chain.clone();
        this.tableScales = java.util.Map.copyOf(tableScales);
        this.deterministicInput = deterministicInput;
        this.finalRate = finalRate;
        this.networkInFinal = networkInFinal;
    }

    /**
     * This set with final stages {@code chain} (instead of its own): APMs in series after the
     * average of the mixer and the parallel APMs, each refining the probability so far and averaged
     * with it, half and half. A stage pays where its context tells what the parallel APMs do not
     * see; a second stage after a first has not paid.
     */
    ModelSet chained(ApmContext... chain) {
        return new ModelSet(this, chain, tableScales, deterministicInput);
    }

    /** This set with history-only tables of {@code 2^scale} times the configured size, by context (absent: 1×). */
    ModelSet scaled(java.util.Map<ContextDef, Integer> scales) {
        for (var e : scales.entrySet()) {
            if (!java.util.List.of(historyContexts).contains(e.getKey()) || Math.abs(e.getValue()) > MAX_TABLE_SCALE) {
                throw new IllegalArgumentException("a scale of at most ±" + MAX_TABLE_SCALE + " for a history-only context of the set: " + e);
            }
        }
        return new ModelSet(this, chain, scales, deterministicInput);
    }

    /** This set with the history-only contexts' deterministic input ({@link HistoryContexts}). */
    ModelSet withDeterministicInput() {
        return new ModelSet(this, chain, tableScales, true);
    }

    /**
     * This set with a final mixer of step {@code rate} (at most {@value #MAX_FINAL_RATE}) that, if
     * {@code network}, also takes the network's input beside the first-layer mixers' outputs (where
     * a network feeds the mixer), so that it can weigh the network directly, by the partial byte.
     */
    ModelSet withFinalMixer(int rate, boolean network) {
        if (rate < 1 || rate > MAX_FINAL_RATE) {
            throw new IllegalArgumentException("a final mixer step in [1, " + MAX_FINAL_RATE + "]: " + rate);
        }
        return new ModelSet(this, chain, tableScales, deterministicInput, rate, network);
    }

    /** Largest final mixer step ({@link #withFinalMixer}). */
    static final int MAX_FINAL_RATE = 64;

    /** {@code other} with this set's final stages, table sizes, deterministic input and final mixer (for variants built from this set's parts). */
    ModelSet extrasOn(ModelSet other) {
        return new ModelSet(other, chain, tableScales, deterministicInput, finalRate, networkInFinal);
    }

    /** Inputs of the final mixer: the first-layer mixers' outputs, and the network's input if it takes it. */
    int finalInputs(boolean network) {
        return mixers(network).length + (network && networkInFinal ? 1 : 0);
    }

    /** Each history-only context's table scale ({@link #scaled}), in the order of {@link #historyContexts()}. */
    int[] historyScales() {
        return java.util.Arrays.stream(historyContexts).mapToInt(c -> tableScales.getOrDefault(c, 0)).toArray();
    }

    ContextDef[] contexts() {
        return contexts.clone();
    }

    ContextDef[] historyContexts() {
        return historyContexts.clone();
    }

    /** The contexts with a run model. */
    private ContextDef[] runs() {
        return java.util.Arrays.stream(runContexts).mapToObj(k -> contexts[k]).toArray(ContextDef[]::new);
    }

    /** Indices in {@link #contexts()} of the contexts with a run model. */
    int[] runContexts() {
        return runContexts.clone();
    }

    /** The first-layer mixers, without {@link MixerSelector#CONFIDENCE} when no network feeds the mixer. */
    MixerSelector[] mixers(boolean network) {
        return java.util.Arrays.stream(mixers).filter(x -> network || x != MixerSelector.CONFIDENCE).toArray(MixerSelector[]::new);
    }

    ApmContext[] apms() {
        return apms.clone();
    }

    /** The final stages, in order ({@link #chained}). */
    ApmContext[] chain() {
        return chain.clone();
    }

    /** Weight of each APM in the final average (the mixer's own output weighs 1; all sum to a power of two). */
    int[] apmWeights() {
        return apmWeights.clone();
    }

    int hashedCount() {
        return contexts.length;
    }

    /** Hashed contexts with counters shared by the streams (those that keep bit histories, if the set has them). */
    int sharedCount() {
        return (int) java.util.Arrays.stream(contexts).filter(c -> !c.perStream).count();
    }

    int historyCount() {
        return historyContexts.length;
    }

    /** Mixer inputs of the history-only contexts. */
    int historyInputs() {
        return HistoryContexts.inputs(historyContexts.length, byteHistories, deterministicInput);
    }

    /** Hashed contexts of both kinds (what {@link MixerSelector#CONTEXTS_SEEN} counts). */
    int contextCount() {
        return contexts.length + historyContexts.length;
    }

    int runCount() {
        return runContexts.length;
    }

    /** APM contexts of all APMs, the final stages' included. */
    long apmContexts() {
        long n = 0;
        for (ApmContext a : apms) {
            n += 1L << a.bits;
        }
        for (ApmContext a : chain) {
            n += 1L << a.bits;
        }
        return n;
    }
}
