package org.nzip;

import org.nzip.codec.CmConfig;
import org.nzip.codec.LstmCmConfig;
import org.nzip.codec.ModelConfig;
import org.nzip.mix.BitMixConfig;
import org.nzip.model.LstmConfig;

/**
 * Named sets of model hyper-parameters. The header of a compressed stream stores the complete model
 * description, not just the preset name, so presets can be retuned without breaking old files.
 */
public enum Preset {
    /** Bitwise context mixing without a neural network: orders 0–6, words, a match model. Fast and light. */
    CM(1, "cm", 1 << 23, new CmConfig(1, Presets.CM_BITS)),
    /**
     * Small LSTM mixed bit by bit with context models: the quickest neural preset. On enwik6 with the
     * mixer ({@code BitMixExperiment}): LSTM 1×128 1.8772 bpb (LSTM alone 107 kB/s), 1×96 1.8837
     * (151 kB/s), 1×64 1.8954 (229 kB/s); 1×64 keeps the whole codec above 100 kB/s.
     */
    FAST(2, "fast", 1 << 23, new LstmCmConfig(
            new LstmConfig(1, 64, 16, 32, 12, 1.5e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.BITS)),
    /**
     * Two-layer LSTM mixed bit by bit with context models, shared and per stream: the balance of
     * ratio and speed. On enwik6 with the base model set: 2×256 1.8216 bpb, 2×192 1.8263, 2×160
     * 1.8356 (end to end with two threads 2×256 took 55 s, 2×192 37 s). With the stream set and
     * 2^22-int tables (2^23 would need 640 MB for the tables: the preset keeps within a 512 MB heap;
     * 2×192 with them 1.7486): 2×192 1.7534, 2×160 1.7586, 1×128 (32 streams) 1.7800, 1×64 1.7883;
     * end to end 2×192 took 45.5 s, 2×160 39.4 s, so 2×160 keeps a margin over 20 kB/s.
     */
    DEFAULT(3, "default", 1 << 23, new LstmCmConfig(
            new LstmConfig(2, 160, 32, 16, 20, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.DEFAULT_BITS)),
    /**
     * NNCP's CPU LSTM shape, four layers of 352 cells, mixed bit by bit with context models, shared
     * and per stream: slow; the best ratio. On enwik6: 1.8053 bpb with the base model set, 1.7370
     * with the stream set (ideal code lengths, {@code BitMixExperiment}). About 700 MB of tables.
     */
    MAX(4, "max", 1 << 23, new LstmCmConfig(
            new LstmConfig(4, 352, 32, 16, 20, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.MAX_BITS));

    /** Shared settings (an enum constant cannot refer to a static field of its own enum). */
    private static final class Presets {
        /**
         * Measured with the default LSTM on enwik6 ({@code org.nzip.mix.BitMixExperiment}, two mixers):
         * 2^22-int tables 1.8419 bpb, 2^23 1.8370, 2^24 1.8339; counter limit 60/127/255/1023: 1.8434,
         * 1.8419, 1.8411, 1.8406; mixer rate 16/24/32: 1.8433, 1.8419, 1.8423; match length 5/6/8:
         * 1.8414, 1.8419, 1.8447. With 2^23 tables, limit 1023 and the APMs as now: 1.8326; the third
         * mixer and the final one: 1.8210.
         */
        static final BitMixConfig BITS = new BitMixConfig(23, 1023, 6, 22, 24, 7, BitMixConfig.BASE_SET);
        /**
         * The stream set, measured on enwik6 with {@code max}'s LSTM (ideal code length): each step
         * from the base set's 1.8053 bpb: seven per-stream contexts with counter limit 30 1.7702, limit
         * 12 1.7688; six more shared contexts 1.7610 (shared limit 1023 or 255: the same); the mixer
         * chosen by the contexts seen 1.7545; the order-2 APM 1.7530; the decaying mixer step (boost 8,
         * halving after 2^16 bits) 1.7470; APM rate 1/2^6 1.7459; run models on six per-stream
         * contexts 1.7370 (on the shared ones instead: worse, 1.7479).
         */
        static final BitMixConfig MAX_BITS = new BitMixConfig(23, 255, 6, 22, 24, 6, BitMixConfig.STREAM_SET);
        /** The stream set with 2^22-int tables, so that {@code default} fits a 512 MB heap. */
        static final BitMixConfig DEFAULT_BITS = new BitMixConfig(22, 255, 6, 22, 24, 6, BitMixConfig.STREAM_SET);
        /** Without an LSTM, one stream: smaller tables keep it light (enwik6: 2^22 1.9069 bpb, 2^23 1.9052). */
        static final BitMixConfig CM_BITS = new BitMixConfig(22, 8, 6, 22, 24, 7, BitMixConfig.BASE_SET);
    }

    private final int code;
    private final String label;
    private final int blockSize;
    private final ModelConfig model;

    Preset(int code, String label, int blockSize, ModelConfig model) {
        this.code = code;
        this.label = label;
        this.blockSize = blockSize;
        this.model = model;
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

    /** A one-line description of the model. */
    public String describe() {
        return model.describe();
    }

    @Override
    public String toString() {
        return label;
    }
}
