package org.nzip.transform;

/**
 * The reader's side of a stream's transform: it reads the byte roles from the start of the first
 * block's model bytes, which must define exactly as many words as the header says (none with a
 * shipped dictionary), then restores each transformed block.
 */
public final class TransformDecoder {

    private final int words;
    private final WordList shipped;
    private InverseTransform transform;

    /** A decoder for a stream whose header announces a dictionary of {@code words} words defined in the stream. */
    public TransformDecoder(int words) {
        this.words = words;
        this.shipped = null;
    }

    /** A decoder for a stream coded with a shipped dictionary. */
    public TransformDecoder(TextDictionary dictionary) {
        if (dictionary != TextDictionary.ENGLISH) {
            throw new IllegalArgumentException("no shipped dictionary " + dictionary);
        }
        this.words = 0;
        this.shipped = WordList.english();
    }

    /**
     * Bytes of heap the transform of blocks of {@code blockLength} bytes holds at most: the model
     * bytes and the dictionary (at most 256 words of 32 letters, or the shipped list).
     */
    public static long memoryUsage(int blockLength) {
        return blockLength + WordList.ENGLISH_BYTES + CodeOrder.memoryUsage(WordList.ENGLISH_WORDS);
    }

    /** Words of the stream's dictionary: those the header says the stream defines, or the shipped list's. */
    public int dictionaryWords() {
        return shipped != null ? shipped.size() : words;
    }

    /**
     * Restores a block of {@code rawLength} bytes into {@code out} from its model bytes
     * {@code model[0 .. length)}; the first call reads the dictionary first.
     *
     * @throws TransformException if the dictionary or the transformed bytes are damaged
     */
    public void inverse(byte[] model, int length, byte[] out, int rawLength) throws TransformException {
        if (transform != null) {
            transform.inverse(model, 0, length, out, rawLength);
            return;
        }
        ByteRoles roles = ByteRoles.parse(model, 0, length);
        int[] at = {ByteRoles.SIZE};
        if (shipped != null) {
            WordCodes codes = WordCodes.shipped(roles.codeCount());
            CodeOrder order = CodeOrder.parse(model, at, length, shipped, codes.one, codes.capacity());
            transform = new InverseTransform(roles, shipped, order);
        } else {
            transform = new InverseTransform(roles, words);
        }
        transform.inverse(model, at[0], length, out, rawLength);
        if (transform.defined() != words) {
            throw new TransformException("the first block defines " + transform.defined() + " words, the header says " + words);
        }
    }
}
