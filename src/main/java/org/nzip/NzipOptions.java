package org.nzip;

import org.nzip.codec.BlockCoder;
import org.nzip.codec.ModelConfig;
import org.nzip.format.Container;
import org.nzip.transform.TextDictionary;
import org.nzip.transform.TransformMode;

/**
 * Settings for compression and decompression: the preset and block size (compression only), the
 * number of threads, the compute backend, a memory limit and a progress listener. Setters validate
 * and return {@code this}. Neither the thread count nor the backend ever changes the output.
 */
public final class NzipOptions {

    private Preset preset = Preset.defaultPreset();
    private int blockSize = -1;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private ProgressListener progress;
    private String backend = "auto";
    private long memoryLimit = -1; // -1: what the JVM can give
    private ModelConfig customModel; // tests only: a model that is not a preset
    private boolean modelBySize = true;
    private TransformMode transform = TransformMode.AUTO;
    private long segmentSize; // 0: one segment, the whole stream
    private TextDictionary dictionary = TextDictionary.ENGLISH;
    private Network network; // null: the preset's own

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

    /**
     * The network mixed with the context models: the one chosen with {@link #network(Network)}, else
     * the preset's own ({@link Preset#network()}); null for a preset without a network ({@code cm}).
     */
    public Network network() {
        Network own = preset.network();
        return own == null ? null : network != null ? network : own;
    }

    /**
     * Chooses the network of a neural preset ({@code fast}, {@code default}, {@code max}): each has a
     * model with an LSTM (their own) and one with a transformer of about the same work per byte. Kept
     * when the preset changes; null goes back to the preset's own.
     *
     * @param network the network, or null for the preset's
     * @return these options
     * @throws IllegalArgumentException when a stream is opened with a network and a preset that has
     *                                  none ({@code cm})
     */
    public NzipOptions network(Network network) {
        this.network = network;
        return this;
    }

    /**
     * Whether an input whose whole length is known before coding (it ends within the first block) is
     * coded with the model {@link Preset#forInputLength} chooses for its length: {@code cm}'s below
     * the preset's {@link Preset#networkMinInput()}. On by default.
     *
     * @return true when the model follows the input's size
     */
    public boolean modelBySize() {
        return modelBySize;
    }

    /**
     * Turns the choice of the model by the input's size ({@link #modelBySize()}) on or off; off codes
     * every input with the preset's own model (to measure or test the network on small inputs).
     *
     * @param on whether small inputs get the lighter model
     * @return these options
     */
    public NzipOptions modelBySize(boolean on) {
        this.modelBySize = on;
        return this;
    }

    /**
     * Bytes per block: the unit of buffering, of checksumming and of the stream split. With segments
     * shorter than the block size, a block is a segment.
     */
    public int blockSize() {
        int b = blockSize > 0 ? blockSize : preset.blockSize();
        return segmentSize > 0 ? (int) Math.min(b, segmentSize) : b;
    }

    /** Largest segment size, so that a segment fits a Java array when segments are coded in parallel. */
    public static final long MAX_SEGMENT = 1L << 30;

    /** Bytes per segment, or 0 (the default) when the whole stream is one segment. */
    public long segmentSize() {
        return segmentSize == 0 ? 0 : (long) segmentBlocks() * blockSize();
    }

    /**
     * Cuts the stream into segments of about {@code bytes} bytes, each coded with a fresh model, and
     * ends it with an index of them: segments can then be coded on several threads at once, and
     * decoded from any segment on (Hadoop splits, seeking). A segment is a whole number of blocks
     * (the block size shrinks to a smaller segment), so the size is rounded down to one. Each segment
     * starts learning from nothing, which costs compression: more for small segments (README, "Big
     * data"). 0, the default, makes the whole stream one segment, with no index.
     *
     * @param bytes 0, or 1 KiB ..= {@link #MAX_SEGMENT}
     * @return these options
     */
    public NzipOptions segmentSize(long bytes) {
        if (bytes != 0 && (bytes < Container.MIN_BLOCK || bytes > MAX_SEGMENT)) {
            throw new IllegalArgumentException("segment size must be 0 or between " + Container.MIN_BLOCK + " and "
                    + MAX_SEGMENT + " bytes: " + bytes);
        }
        this.segmentSize = bytes;
        return this;
    }

    /** Blocks per segment for the header, or 0 without segments. */
    int segmentBlocks() {
        if (segmentSize == 0) {
            return 0;
        }
        int b = blockSize > 0 ? blockSize : preset.blockSize();
        int block = (int) Math.min(b, segmentSize);
        return (int) Math.max(1, segmentSize / block);
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

    /** Whether blocks go through the text transform before the models (compression only). */
    public TransformMode transform() {
        return transform;
    }

    /**
     * Chooses the text transform: {@link TransformMode#AUTO} (the default) transforms text and leaves
     * other data as it is; {@link TransformMode#NONE} never transforms; {@link TransformMode#TEXT}
     * transforms every block it does not lengthen, for experiments. Decoding needs no choice.
     */
    public NzipOptions transform(TransformMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("transform must not be null");
        }
        this.transform = mode;
        return this;
    }

    /** Where the text transform's words come from (compression only). */
    public TextDictionary dictionary() {
        return dictionary;
    }

    /**
     * Chooses the text transform's dictionary: {@link TextDictionary#ENGLISH} (the default), the word
     * list shipped in the jar, gives English text the most (its words cost the stream nothing);
     * {@link TextDictionary#FILE} builds 128 words from the first block, so that the stream owes
     * nothing to knowledge outside it. Decoding needs no choice.
     */
    public NzipOptions dictionary(TextDictionary source) {
        if (source == null) {
            throw new IllegalArgumentException("dictionary must not be null");
        }
        this.dictionary = source;
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
        this.backend = BlockCoder.checkBackend(name);
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

    /**
     * The most heap, in bytes, a stream may use for its model and buffers; a stream that needs more
     * is refused with {@link MemoryLimitException} before anything large is allocated. The default
     * is {@link #availableMemory()}.
     */
    public long memoryLimit() {
        return memoryLimit >= 0 ? memoryLimit : availableMemory();
    }

    /**
     * Sets the memory limit in bytes (at least 1 MiB), as {@code xz --memlimit}; {@code -1} restores
     * the default, {@link #availableMemory()}.
     */
    public NzipOptions memoryLimit(long bytes) {
        if (bytes != -1 && bytes < 1 << 20) {
            throw new IllegalArgumentException("memory limit must be at least 1 MiB (or -1 for the default): " + bytes);
        }
        this.memoryLimit = bytes;
        return this;
    }

    /**
     * What this JVM can give a stream: its maximum heap ({@code -Xmx}) less a margin of 1/16 of it,
     * at least 16 MiB, for the rest of the application. (What other code holds at the time is not
     * subtracted: garbage not yet collected would make that figure move from run to run.)
     */
    public static long availableMemory() {
        long max = Runtime.getRuntime().maxMemory();
        return Math.max(0, max - Math.max(16L << 20, max / 16));
    }

    /**
     * The preset a stream codes with when its first block holds {@code firstBlock} bytes: a first
     * block shorter than a block is the whole input, so its length chooses ({@link #modelBySize()}).
     */
    Preset presetFor(long firstBlock) {
        return bySize(firstBlock) ? preset.forInputLength(firstBlock) : preset;
    }

    /** Whether the input's length chooses the model: the rule is on and the first block is the whole input. */
    private boolean bySize(long firstBlock) {
        return modelBySize && firstBlock < blockSize();
    }

    /** The model a stream codes with when its first block holds {@code firstBlock} bytes ({@link #presetFor}). */
    ModelConfig modelFor(long firstBlock) {
        return bySize(firstBlock) ? preset.modelForInputLength(firstBlock, network) : preset.model(network);
    }

    /** The model to write into the header: the preset's, unless a test set another one. */
    ModelConfig model() {
        return customModel != null ? customModel : preset.model(network);
    }

    /** The preset code for the header: 0 for a custom model. */
    int presetCode() {
        return customModel != null ? 0 : preset.code();
    }

    /** For tests: compress with a model that is no preset. */
    NzipOptions customModel(ModelConfig model) {
        this.customModel = model;
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
        o.memoryLimit = memoryLimit;
        o.modelBySize = modelBySize;
        o.transform = transform;
        o.segmentSize = segmentSize;
        o.dictionary = dictionary;
        o.network = network;
        return o;
    }
}
