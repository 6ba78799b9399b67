package org.nzip;

import org.nzip.codec.Models;
import org.nzip.format.ModelSpec;
import org.nzip.mix.MixConfig;
import org.nzip.model.LstmConfig;

/**
 * Named sets of model hyper-parameters. The header of a compressed stream stores the complete model
 * description, not just the preset name, so presets can be retuned without breaking old files.
 */
public enum Preset {
    /** Order-0..2 context model: fast and light, no neural network. */
    CM(1, "cm", Models.CONTEXT_MODEL, 1 << 20, 2, 1023),
    /** Small LSTM mixed with counts and a match model: the quickest neural preset. */
    FAST(2, "fast", Models.LSTM_MIX, 1 << 23, Models.lstmMixParams(
            new LstmConfig(1, 128, 16, 32, 12, 1.5e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.MIX)),
    /** Two-layer LSTM mixed with counts and a match model: the balance of ratio and speed. */
    DEFAULT(3, "default", Models.LSTM_MIX, 1 << 23, Models.lstmMixParams(
            new LstmConfig(2, 256, 32, 16, 20, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.MIX)),
    /** NNCP's CPU LSTM shape, four layers of 352 cells, mixed with counts and a match model: slow; pays off on large files. */
    MAX(4, "max", Models.LSTM_MIX, 1 << 23, Models.lstmMixParams(
            new LstmConfig(4, 352, 32, 16, 20, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1), Presets.MIX));

    /** Shared settings (an enum constant cannot refer to a static field of its own enum). */
    private static final class Presets {
        /**
         * Measured on the first 320 kB of enwik6 with the default LSTM: match lengths 3..8 and steps
         * 7e-4..3e-2, count steps 5e-3..2e-2, count orders 2..6 (2.161, 2.100, 2.066, 2.053, 2.053 bpb
         * with 2^16-row tables; order 5 with the 2^17 rows used: 2.041).
         */
        static final MixConfig MIX = new MixConfig(4, 22, 0.015f, 5, 1023, 0.02f);
    }

    private final int code;
    private final String label;
    private final int kind;
    private final int blockSize;
    private final int[] params;

    Preset(int code, String label, int kind, int blockSize, int... params) {
        this.code = code;
        this.label = label;
        this.kind = kind;
        this.blockSize = blockSize;
        this.params = params;
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

    int blockSize() {
        return blockSize;
    }

    ModelSpec spec() {
        return new ModelSpec(kind, code, params);
    }

    @Override
    public String toString() {
        return label;
    }
}
