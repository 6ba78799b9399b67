package org.nzip.transform;

/**
 * The writer's side of a stream's transform: from the first block it chooses the byte roles and
 * (for {@link TextDictionary#FILE}) the words, and decides whether the stream is transformed at
 * all; then, block by block, whether the block is. The first block's model bytes start with the
 * {@link ByteRoles} (and, with a dictionary built from the stream, define every word of it, which
 * the first block's words make), so the first block of a transformed stream is always transformed.
 *
 * <p>{@link TransformMode#AUTO} transforms a block only if its transformed form (with the byte
 * roles, for the first block) is at least 1/{@value #MIN_SAVING_SHARE} shorter and escapes
 * at most 1/{@value #MAX_ESCAPE_SHARE} of its bytes: the context models code the shorter text
 * in fewer bits, while data that has few words or many bytes of the flags' and codes' values
 * gains nothing and pays for the escapes. Binary data therefore stays raw, and its stream is byte
 * for byte what {@link TransformMode#NONE} writes. The length test stands in for coding the block both ways,
 * which would cost twice the time (the models learn as they code, so trying means coding twice).
 */
public final class TransformEncoder {

    /**
     * A block is transformed in auto mode if that saves at least 1/8 of its bytes. Measured on the
     * corpus's first blocks with 64 one-byte codes (bench/transform/2026-12-02-session6.md): text
     * saves 17 % (trans) to 48 % (lcet10), enwik6 39 %, source code 21–31 %; binary data grows (its
     * flags and high bytes are escaped) or, once, saves 3.3 % (sum, whose transformed stream then
     * coded 3 % larger with {@code cm}: the 1/32 of before let it through).
     */
    static final int MIN_SAVING_SHARE = 8;
    /** ... and escapes at most 1/256 of them. */
    static final int MAX_ESCAPE_SHARE = 256;

    private final TransformMode mode;
    private final TextDictionary dictionary;
    private ForwardTransform transform;
    private boolean decided;
    private byte[] buffer = new byte[0];

    /** An encoder with the shipped English dictionary. */
    public TransformEncoder(TransformMode mode) {
        this(mode, TextDictionary.ENGLISH);
    }

    public TransformEncoder(TransformMode mode, TextDictionary dictionary) {
        this.mode = mode;
        this.dictionary = dictionary;
    }

    /** Whether the stream is transformed; known once the first block has been through {@link #apply}. */
    public boolean active() {
        return transform != null;
    }

    /** The stream's dictionary: null without a transform. */
    public TextDictionary dictionary() {
        return transform == null ? null : dictionary;
    }

    /** Words the stream defines (those of a dictionary built from it; 0 with a shipped one or without a transform). */
    public int dictionaryWords() {
        return transform == null ? 0 : transform.defined();
    }

    /** The model bytes of the last block {@link #apply} transformed. */
    public byte[] output() {
        return buffer;
    }

    /**
     * Transforms {@code block[0 .. n)} into {@link #output()} if the stream's mode says so; returns
     * the number of model bytes (at most {@code n}), or −1 if the block is to be coded raw. The first
     * call decides for the whole stream.
     */
    public int apply(byte[] block, int n) {
        if (mode == TransformMode.NONE || n == 0) {
            decided = true;
            return -1;
        }
        if (buffer.length < n) {
            buffer = new byte[n];
        }
        if (!decided) {
            decided = true;
            if (ByteRoles.SIZE >= n) {
                return -1;
            }
            WordDictionary d = dictionary == TextDictionary.ENGLISH ? DictionaryBuilder.shipped(WordList.english(), block, n)
                    : DictionaryBuilder.build(block, n);
            if (ByteRoles.SIZE + (d.shipped() ? d.order().serializedLength(d.codes().one) : 0) >= n) {
                return -1;
            }
            int head = d.serialize(buffer, 0);
            ForwardTransform t = new ForwardTransform(d);
            int m = t.forward(block, n, buffer, head, n);
            if (!pays(m, t.escapes(), n)) {
                return -1;
            }
            transform = t;
            return m;
        }
        if (transform == null) {
            return -1;
        }
        int m = transform.forward(block, n, buffer, 0, n);
        return pays(m, transform.escapes(), n) ? m : -1;
    }

    private boolean pays(int m, int escapes, int n) {
        if (m < 0) {
            return false;
        }
        return mode == TransformMode.TEXT
                || ((long) m * MIN_SAVING_SHARE <= (long) n * (MIN_SAVING_SHARE - 1) && (long) escapes * MAX_ESCAPE_SHARE <= n);
    }

    /**
     * Bytes of heap the transform of blocks of {@code blockLength} bytes holds at most: the model
     * bytes and the first block's word counts, or the shipped list and what choosing its code order takes.
     */
    public static long memoryUsage(int blockLength) {
        return blockLength + Math.max(DictionaryBuilder.memoryUsage(blockLength),
                WordList.ENGLISH_BYTES + DictionaryBuilder.orderMemoryUsage(blockLength, WordList.ENGLISH_WORDS));
    }
}
