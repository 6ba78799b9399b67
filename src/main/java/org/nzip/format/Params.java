package org.nzip.format;

import java.io.ByteArrayOutputStream;

/**
 * The byte form of a model's parameters in the header: each parameter is stored as its difference
 * from a reference value that the model kind fixes forever, as an unsigned LEB128 varint — integers
 * as the zigzag of {@code value − reference}, floats as the XOR of their raw IEEE-754 bits with the
 * reference's. A parameter equal to its reference takes one byte, so a preset's model costs a byte
 * or so per parameter while every value stays representable (see docs/FORMAT.md).
 */
public final class Params {

    /** Largest size of a model's parameter bytes (the header stores it in one byte). */
    public static final int MAX_BYTES = 255;

    private Params() {}

    /** Collects parameters in the order the model kind defines. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Writer putInt(int value, int reference) {
            int delta = value - reference;
            putVarint((delta << 1) ^ (delta >> 31));
            return this;
        }

        public Writer putFloat(float value, float reference) {
            putVarint(Float.floatToRawIntBits(value) ^ Float.floatToRawIntBits(reference));
            return this;
        }

        private void putVarint(int v) {
            Varint.write(out, v & 0xFFFFFFFFL);
        }

        /** The parameter bytes. */
        public byte[] toBytes() {
            if (out.size() > MAX_BYTES) {
                throw new IllegalStateException("model parameters take " + out.size() + " bytes, more than " + MAX_BYTES);
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads parameters back; every malformed byte sequence (truncated, overlong or out of range
     * varints, bytes left over) is a {@link FormatException}. Range checks of the values belong to
     * the model's configuration records.
     */
    public static final class Reader {
        private final byte[] bytes;
        private final long offset;
        private int pos;

        /** @param offset position of the first parameter byte in the file, for messages */
        public Reader(byte[] bytes, long offset) {
            this.bytes = bytes;
            this.offset = offset;
        }

        public int getInt(int reference) throws FormatException {
            int z = varint();
            return reference + ((z >>> 1) ^ -(z & 1));
        }

        public float getFloat(float reference) throws FormatException {
            return Float.intBitsToFloat(varint() ^ Float.floatToRawIntBits(reference));
        }

        private int varint() throws FormatException {
            long[] value = new long[1];
            int n = Varint.read(bytes, pos, bytes.length, value);
            if (n <= 0 || value[0] > 0xFFFFFFFFL) {
                throw FormatException.corrupt("malformed model parameter", offset + pos);
            }
            pos += n;
            return (int) value[0];
        }

        /** Checks that every byte was used. */
        public void end() throws FormatException {
            if (pos != bytes.length) {
                throw FormatException.corrupt((bytes.length - pos) + " unused model parameter bytes", offset + pos);
            }
        }
    }
}
