package org.nzip.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

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
            byte[] b = new byte[5];
            out.write(b, 0, Varint.put(b, 0, v & 0xFFFFFFFFL));
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
        private final ByteArrayInputStream in;
        private final long offset;
        private final int length;

        /** @param offset position of the first parameter byte in the file, for messages */
        public Reader(byte[] bytes, long offset) {
            this.in = new ByteArrayInputStream(bytes);
            this.offset = offset;
            this.length = bytes.length;
        }

        public int getInt(int reference) throws FormatException {
            int z = varint();
            return reference + ((z >>> 1) ^ -(z & 1));
        }

        public float getFloat(float reference) throws FormatException {
            return Float.intBitsToFloat(varint() ^ Float.floatToRawIntBits(reference));
        }

        private int varint() throws FormatException {
            long at = offset + length - in.available();
            try {
                return (int) Varint.read(in, 0xFFFFFFFFL, at, "model parameter");
            } catch (FormatException e) {
                // behind a valid header CRC: written by a newer nzip, not damaged
                throw FormatException.unsupported(e.getMessage(), e.offset());
            } catch (IOException e) {
                throw new AssertionError("cannot happen in memory", e);
            }
        }

        /** Checks that every byte was used. */
        public void end() throws FormatException {
            if (in.available() > 0) {
                throw FormatException.unsupported(in.available() + " unused model parameter bytes", offset + length - in.available());
            }
        }
    }
}
