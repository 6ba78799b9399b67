package org.nzip.transform;

/**
 * The reader's side of a stream's transform: it reads the byte roles from the start of the first
 * block's model bytes, which must define exactly as many words as the header says, then restores
 * each transformed block.
 */
public final class TransformDecoder {

    private final int words;
    private InverseTransform transform;

    /** A decoder for a stream whose header announces a dictionary of {@code words} words. */
    public TransformDecoder(int words) {
        this.words = words;
    }

    /**
     * Bytes of heap the transform of blocks of {@code blockLength} bytes holds at most: the model
     * bytes and the dictionary (at most 256 words of 32 letters).
     */
    public static long memoryUsage(int blockLength) {
        return blockLength + (1 << 16);
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
        transform = new InverseTransform(ByteRoles.parse(model, 0, length), words);
        transform.inverse(model, ByteRoles.SIZE, length, out, rawLength);
        if (transform.defined() != words) {
            throw new TransformException("the first block defines " + transform.defined() + " words, the header says " + words);
        }
    }
}
