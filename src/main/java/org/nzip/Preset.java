package org.nzip;

import org.nzip.codec.CmConfig;
import org.nzip.codec.LstmCmConfig;
import org.nzip.codec.ModelConfig;
import org.nzip.codec.TransformerCmConfig;
import org.nzip.mix.BitMixConfig;
import org.nzip.model.LstmConfig;
import org.nzip.model.TransformerConfig;

/**
 * Named sets of model hyper-parameters. The header of a compressed stream stores the complete model
 * description, not just the preset name, so presets can be retuned without breaking old files.
 *
 * <p>Each neural preset also has a model with a transformer in place of its LSTM, chosen with
 * {@link NzipOptions#network}: the shape and step size that learned best on enwik6's first 400 kB
 * among those tried at no more multiply-adds per byte than the LSTM's (bench/transformer/2026-12-03-kind6.md). The LSTM
 * stays every preset's own: it measured smaller and faster.
 */
public enum Preset {
    /**
     * Bitwise context mixing without a neural network: the text model set in one stream. The
     * lightest preset: about 250 MB of tables for inputs of 128 KiB and more (smaller inputs get
     * smaller tables).
     */
    CM(1, "cm", 1 << 23, 0, new CmConfig(1, Presets.CM_BITS)),
    /** A small LSTM (1×64, 32 streams) mixed bit by bit with the context models: the quickest neural preset. */
    FAST(2, "fast", 1 << 23, Presets.NETWORK_MIN_INPUT, new LstmCmConfig(
            new LstmConfig(1, 64, 16, 32, 12, 1.5e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.BITS),
            new TransformerCmConfig(new TransformerConfig(1, 64, 4, 128, 32, 8, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1),
                    Presets.BITS), null),
    /**
     * A two-layer LSTM (2×160, 16 streams) mixed bit by bit with the context models, shared and per
     * stream: the balance of ratio and speed, within a 512 MB heap.
     */
    DEFAULT(3, "default", 1 << 23, Presets.DEFAULT_NETWORK_MIN_INPUT, new LstmCmConfig(
            new LstmConfig(2, 160, 32, 16, 20, 1e-2f, 150f, 0.9999f, 1e-5f, 1f, 1), Presets.BITS),
            new TransformerCmConfig(new TransformerConfig(2, 128, 4, 256, 16, 16, 2e-3f, 3000f, 0.9999f, 1e-5f, 1f, 1),
                    Presets.BITS), null),
    /**
     * NNCP's CPU LSTM shape, four layers of 352 cells, mixed bit by bit with the heaviest context
     * models (more word contexts, byte histories, mixers and APMs) in larger tables: slow; the best
     * ratio. Inputs too small for the network get the same context models without it.
     */
    MAX(4, "max", 1 << 23, Presets.MAX_NETWORK_MIN_INPUT, new LstmCmConfig(
            new LstmConfig(4, 352, 32, 16, 20, 1e-2f, 150f, 0.9999f, 1e-5f, 1f, 1), Presets.MAX_BITS),
            new TransformerCmConfig(new TransformerConfig(4, 192, 8, 384, 16, 16, 2e-3f, 3000f, 0.9999f, 1e-5f, 1f, 1),
                    Presets.MAX_BITS),
            new CmConfig(1, Presets.MAX_CM_BITS));

    /** Shared settings (an enum constant cannot refer to a static field of its own enum). */
    private static final class Presets {
        /**
         * The text set with 2^21-int tables: 31 contexts × 8 MiB, so that {@code default} fits a 512 MB
         * heap (2^22 would code enwik6 and book1 0.3 % smaller).
         */
        static final BitMixConfig BITS = new BitMixConfig(21, 255, 6, 22, 10, 10, BitMixConfig.TEXT_SET);
        /**
         * The text max set with 2^22-int tables: its 37 history-only contexts with byte histories take
         * 2.5 to 40 MiB each by their table scales (910 MiB in all on a full 8 MiB block). Against
         * 2^21 tables, the enwik8 prefix codes 0.3 % smaller and dickens 0.3 %
         * (bench/peers/2026-12-03-session9.md); the launcher's heap limits keep the whole run under
         * 2 GB of peak RSS.
         */
        static final BitMixConfig MAX_BITS = new BitMixConfig(22, 255, 6, 22, 10, 10, BitMixConfig.TEXT_MAX_SET);
        /** {@code max} on inputs too small for its network: the cm max set (tables sized by the input). */
        static final BitMixConfig MAX_CM_BITS = new BitMixConfig(22, 255, 6, 22, 10, 10, BitMixConfig.CM_MAX_SET);
        /**
         * Without an LSTM, one stream: the cm set (24 contexts with bit histories, 2^21-int tables and
         * 2^21-byte histories, within a 512 MB heap) and a smaller mixer step for its 58 inputs.
         */
        static final BitMixConfig CM_BITS = new BitMixConfig(21, 255, 6, 22, 10, 10, BitMixConfig.CM_SET);

        /**
         * The smallest whole input {@code fast} codes with its network: below it the network has too
         * little to learn from to beat the context models alone ({@code fast} on enwik6: 203,086 B
         * against {@code cm}'s 202,258, bench/peers/2026-12-02-session5.md).
         */
        static final int NETWORK_MIN_INPUT = 1 << 20;

        /**
         * The same for {@code default}: with the text transform and the present context models its
         * network pays from about half a megabyte of text (enwik6 -1.3 %, book1 -0.8 %, dickens' first
         * 650 kB -0.5 %, world192's first 700 kB -0.3 %, book2's first 400 kB -0.2 % against
         * {@code cm}), not on alice29 (152 kB, +0.3 %) and not on very repetitive text (bible's first
         * 600 and 800 kB, +0.7 %), at 3-4 times {@code cm}'s time.
         */
        static final int DEFAULT_NETWORK_MIN_INPUT = 512 << 10;

        /**
         * The same for {@code max}: smaller than {@code cm} on book1 (768 kB, -1.0 %) and enwik6
         * (-1.2 %), not on alice29 (152 kB) or paper2 (82 kB), where it is 10-17 times slower.
         */
        static final int MAX_NETWORK_MIN_INPUT = 256 << 10;
    }

    private final int code;
    private final String label;
    private final int blockSize;
    private final int networkMinInput;
    private final ModelConfig model;
    /** The same with a transformer in place of the LSTM, or null for {@link #CM}. */
    private final ModelConfig transformerModel;
    /** The model for inputs shorter than {@link #networkMinInput}, or null for {@link #CM}'s. */
    private final ModelConfig smallModel;

    Preset(int code, String label, int blockSize, int networkMinInput, ModelConfig model) {
        this(code, label, blockSize, networkMinInput, model, null, null);
    }

    Preset(int code, String label, int blockSize, int networkMinInput, ModelConfig model, ModelConfig transformerModel,
           ModelConfig smallModel) {
        this.code = code;
        this.label = label;
        this.blockSize = blockSize;
        this.networkMinInput = networkMinInput;
        this.model = model;
        this.transformerModel = transformerModel;
        this.smallModel = smallModel;
    }

    /** The preset used when none is chosen: {@link #DEFAULT}. */
    public static Preset defaultPreset() {
        return DEFAULT;
    }

    /** The name used on the command line and in listings. */
    public String label() {
        return label;
    }

    /** The preset with this name (case-insensitive), or an exception listing the valid names. */
    public static Preset of(String name) {
        for (Preset p : values()) {
            if (p.label.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "' (valid: " + names() + ")");
    }

    /** The preset stored under this header code, or {@code null}. */
    static Preset ofCode(int code) {
        for (Preset p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }

    /** Comma-separated list of the valid names. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (Preset p : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.label);
        }
        return sb.toString();
    }

    /**
     * The preset whose model codes a whole input of {@code length} bytes, when its length is known
     * before coding starts (the input ends within the first block): for an input shorter than
     * {@link #networkMinInput()}, {@link #CM} ({@code max}: itself, with its own context models and
     * no network), else this preset. A network learns from the input itself, and on a small input it
     * has not learned enough to beat the context models alone, which code it as small or smaller and
     * many times faster; so no preset loses to a lighter one there. The header records the preset and
     * model used, so decoding needs nothing else. {@link NzipOptions#modelBySize} turns the rule off.
     *
     * @param length the whole input's length in bytes
     * @return the preset to code it with: this one or {@link #CM}
     */
    public Preset forInputLength(long length) {
        return length < networkMinInput && smallModel == null ? CM : this;
    }

    /** The model that codes a whole input of {@code length} bytes ({@link #forInputLength}). */
    ModelConfig modelForInputLength(long length, Network network) {
        if (length >= networkMinInput) {
            return model(network);
        }
        return smallModel != null ? smallModel : CM.model;
    }

    /** Whether a whole input of {@code length} bytes is coded without this preset's network. */
    public boolean withoutNetwork(long length) {
        return length < networkMinInput && networkMinInput > 0;
    }

    /**
     * The smallest whole input this preset codes with its own model (1 MiB for {@code fast}, 512 KiB
     * for {@code default}, 256 KiB for {@code max}, 0 for {@code cm}); see {@link #forInputLength}.
     *
     * @return a length in bytes
     */
    public int networkMinInput() {
        return networkMinInput;
    }

    /** The block size this preset writes. */
    public int blockSize() {
        return blockSize;
    }

    /** The code stored in the header's preset field (for display only). */
    int code() {
        return code;
    }

    /** The model this preset writes. */
    ModelConfig model() {
        return model;
    }

    /**
     * The network this preset mixes with its context models when none is chosen: {@link Network#LSTM}
     * for every neural preset, null for {@link #CM}, which has none.
     */
    public Network network() {
        return transformerModel == null ? null : Network.LSTM;
    }

    /**
     * The model this preset writes with {@code network} (null: its own, {@link #network()}).
     *
     * @throws IllegalArgumentException if a network is asked of {@link #CM}
     */
    ModelConfig model(Network network) {
        if (network == null) {
            return model;
        }
        if (transformerModel == null) {
            throw new IllegalArgumentException("preset " + label + " has no network; a network can be chosen for "
                    + "fast, default and max");
        }
        return network == Network.TRANSFORMER ? transformerModel : model;
    }

    /** A one-line description of the model. */
    public String describe() {
        return model.describe();
    }

    @Override
    public String toString() {
        return label;
    }
}
