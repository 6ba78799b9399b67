package org.nzip.mix;

/**
 * A set of models the {@link BitMixer} mixes, as data: the hashed contexts (in the order of their
 * mixer inputs; those marked {@code run} also get a {@link RunModel}), whether a fourth first-layer
 * mixer is chosen by how many contexts have been seen, the APMs and their weights in the final
 * average, and the boost of the mixer step at the start. The sets are part of the format: a new set
 * is a new {@link BitMixConfig} model set; never change an existing one.
 */
final class ModelSet {

    /** {@link BitMixConfig#BASE_SET}: orders 2–6, the word with the last byte, the last two words. */
    static final ModelSet BASE = new ModelSet(new ContextDef[] {
            ContextDef.ORDER2, ContextDef.ORDER3, ContextDef.ORDER4, ContextDef.ORDER6, ContextDef.WORD_AND_BYTE,
            ContextDef.TWO_WORDS, ContextDef.ORDER5},
            false, new ApmContext[] {ApmContext.ORDER1, ApmContext.ORDER3_HASH}, new int[] {1, 2}, 0);

    /**
     * {@link BitMixConfig#STREAM_SET}: the base set, per-stream orders 1–4 and 6 and word (with run
     * models) and order 0, shared orders 8 and 12, two sparse contexts, three words, the previous word
     * with the last byte; the seen-count mixer, an order-2 APM, a mixer step that starts nine times larger.
     */
    static final ModelSet STREAM = new ModelSet(new ContextDef[] {
            ContextDef.ORDER2, ContextDef.ORDER3, ContextDef.ORDER4, ContextDef.ORDER6, ContextDef.WORD_AND_BYTE,
            ContextDef.TWO_WORDS, ContextDef.ORDER5,
            ContextDef.STREAM_ORDER1, ContextDef.STREAM_ORDER2, ContextDef.STREAM_ORDER3, ContextDef.STREAM_ORDER4,
            ContextDef.STREAM_WORD_AND_BYTE, ContextDef.STREAM_ORDER6, ContextDef.STREAM_ORDER0,
            ContextDef.ORDER8, ContextDef.ORDER12, ContextDef.BYTES_2_3, ContextDef.THREE_WORDS, ContextDef.BYTES_2_4,
            ContextDef.PREVIOUS_WORD_AND_BYTE},
            true, new ApmContext[] {ApmContext.ORDER1, ApmContext.ORDER3_HASH, ApmContext.ORDER2_HASH}, new int[] {1, 1, 1}, 8);

    /**
     * {@link BitMixConfig#TEXT_SET}: the stream set and a text model (the word two back, the column
     * with the byte above, character classes, brackets, the place in the sentence, the column with the
     * last byte), indirect and sparse contexts for structured data, and the match model's expected
     * byte as a context.
     */
    static final ModelSet TEXT = new ModelSet(concat(STREAM.contexts, ContextDef.WORD_SKIP, ContextDef.COLUMN_ABOVE,
            ContextDef.CLASSES, ContextDef.BRACKETS_AND_WORD, ContextDef.INDIRECT1, ContextDef.INDIRECT2,
            ContextDef.SENTENCE, ContextDef.BYTES_1_3, ContextDef.BYTE_4, ContextDef.COLUMN_AND_BYTE, ContextDef.MATCH_BYTE),
            true, new ApmContext[] {ApmContext.ORDER1, ApmContext.ORDER3_HASH, ApmContext.ORDER2_HASH}, new int[] {1, 1, 1}, 8);

    private static ContextDef[] concat(ContextDef[] first, ContextDef... more) {
        ContextDef[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** The set of a {@link BitMixConfig#modelSet()}. */
    static ModelSet of(int modelSet) {
        return switch (modelSet) {
            case BitMixConfig.STREAM_SET -> STREAM;
            case BitMixConfig.TEXT_SET -> TEXT;
            default -> BASE;
        };
    }

    private final ContextDef[] contexts;
    private final int[] runContexts;
    /** Whether a fourth first-layer mixer is selected by the number of trained hashed contexts. */
    final boolean seenMixer;
    private final ApmContext[] apms;
    private final int[] apmWeights;
    /** The first-layer mixer step starts at {@code 1 + rateBoost} times the configured one (0: constant). */
    final int rateBoost;

    private ModelSet(ContextDef[] contexts, boolean seenMixer, ApmContext[] apms, int[] apmWeights, int rateBoost) {
        int weights = 0;
        for (int w : apmWeights) {
            weights += w;
        }
        if (apms.length != apmWeights.length || weights != 3) {
            throw new IllegalArgumentException("one weight per APM, summing to 3 (the mixer's output weighs 1)");
        }
        this.contexts = contexts;
        this.runContexts = java.util.stream.IntStream.range(0, contexts.length).filter(k -> contexts[k].run).toArray();
        this.seenMixer = seenMixer;
        this.apms = apms;
        this.apmWeights = apmWeights;
        this.rateBoost = rateBoost;
    }

    ContextDef[] contexts() {
        return contexts.clone();
    }

    /** Indices in {@link #contexts()} of the contexts with a run model. */
    int[] runContexts() {
        return runContexts.clone();
    }

    ApmContext[] apms() {
        return apms.clone();
    }

    /** Weight of each APM in the final average (the mixer's own output weighs 1; all sum to 4). */
    int[] apmWeights() {
        return apmWeights.clone();
    }

    int hashedCount() {
        return contexts.length;
    }

    int runCount() {
        return runContexts.length;
    }

    /** First-layer mixers. */
    int firstLayer() {
        return seenMixer ? 4 : 3;
    }

    /** APM contexts of all APMs. */
    long apmContexts() {
        long n = 0;
        for (ApmContext a : apms) {
            n += 1L << a.bits;
        }
        return n;
    }
}
