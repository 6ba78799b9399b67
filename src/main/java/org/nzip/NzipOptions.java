package org.nzip;

import org.nzip.codec.Models;
import org.nzip.format.Container;
import org.nzip.format.ModelSpec;

/**
 * Settings for compression: the preset, the block size, the number of threads and a progress
 * listener. Setters validate and return {@code this}. The thread count never changes the output.
 */
public final class NzipOptions {

    private Preset preset = Preset.defaultPreset();
    private int blockSize = -1;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private ProgressListener progress;
    private String backend = "auto";
    private ModelSpec customModel; // tests only: a model that is not a preset

    /** Options with the default preset. */
    public NzipOptions() {}

    /** Options with the given preset. */
    public static NzipOptions of(Preset preset) {
        return new NzipOptions().preset(preset);
    }

    public Preset preset() {
        return preset;
    }

    /** Chooses the model hyper-parameters; resets the block size to the preset's. */
    public NzipOptions preset(Preset preset) {
        if (preset == null) {
            throw new IllegalArgumentException("preset must not be null");
        }
        this.preset = preset;
        this.blockSize = -1;
        this.customModel = null;
        return this;
    }

    /** Bytes per block: the unit of buffering, of checksumming and of the stream split. */
    public int blockSize() {
        return blockSize > 0 ? blockSize : preset.blockSize();
    }

    /** Sets the block size, between 1 KiB and 64 MiB. Larger blocks cost memory; they barely change the ratio. */
    public NzipOptions blockSize(int bytes) {
        if (bytes < Container.MIN_BLOCK || bytes > Container.MAX_BLOCK) {
            throw new IllegalArgumentException("block size must be between " + Container.MIN_BLOCK + " and "
                    + Container.MAX_BLOCK + " bytes: " + bytes);
        }
        this.blockSize = bytes;
        return this;
    }

    public int threads() {
        return threads;
    }

    /** Worker threads for the model (1..256). Output bytes are identical for every thread count. */
    public NzipOptions threads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be between 1 and 256: " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** Name of the compute backend for neural models. */
    public String backend() {
        return backend;
    }

    /**
     * Chooses the compute backend for neural models: {@code auto} (the default: the system property
     * {@code nzip.ops}, else the fastest available), {@code vector} or {@code scalar}. Every backend
     * produces the same bytes; this only changes speed.
     */
    public NzipOptions backend(String name) {
        this.backend = Models.checkBackend(name);
        return this;
    }

    public ProgressListener progressListener() {
        return progress;
    }

    /** Receives progress reports; {@code null} for none. */
    public NzipOptions progressListener(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /** The model to write into the header: the preset's, unless a test set another one. */
    ModelSpec model() {
        return customModel != null ? customModel : preset.spec();
    }

    /** For tests: compress with a model that is no preset (its preset code must be 0). */
    NzipOptions customModel(ModelSpec spec) {
        if (spec.preset() != 0) {
            throw new IllegalArgumentException("a custom model has preset code 0");
        }
        this.customModel = spec;
        return this;
    }

    /** A copy, so a stream is not affected by later changes to these options. */
    public NzipOptions copy() {
        NzipOptions o = new NzipOptions();
        o.preset = preset;
        o.blockSize = blockSize;
        o.threads = threads;
        o.progress = progress;
        o.backend = backend;
        o.customModel = customModel;
        return o;
    }
}
