package org.nzip.coder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nzip.coder.RangeCoderTest.decode;
import static org.nzip.coder.RangeCoderTest.encode;
import static org.nzip.coder.RangeCoderTest.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nzip.coder.RangeCoderTest.Decisions;

/**
 * The coded form is canonical: for a sequence of decisions the encoder's output is the only byte
 * string that decodes to those decisions and passes {@link RangeDecoder#finish()}. So flipping,
 * appending, removing, inserting or zeroing bytes of a valid stream is rejected or changes the bits.
 */
class RangeCoderCanonicalTest {

    /** Every byte × every XOR mask, every truncation, appended/inserted/removed bytes, on small streams. */
    @Test
    void everyMutationOfSmallStreamsIsRejectedOrDecodesOtherBits() {
        SplittableRandom r = new SplittableRandom(21);
        List<Decisions> cases = new ArrayList<>();
        cases.add(new Decisions(new int[0], new int[0]));
        for (int n : new int[] {1, 2, 3, 5, 8, 13, 21, 40, 64, 100, 250, 500}) {
            for (int mode = 0; mode < 4; mode++) {
                cases.add(random(r, n, mode));
            }
        }
        cases.add(run(2_000, 65535, 1, r));    // low kept: zero bytes, trailing ones dropped
        cases.add(run(300, 1, 0, r));          // high part: 0xFF bytes and carries
        cases.add(run(400, 32768, 1, r));      // ones at 1/2: fifty zero bytes in the middle
        int checked = 0;
        int maxLength = 0;
        for (Decisions d : cases) {
            byte[] s = encode(d);
            assertArrayEquals(d.bits(), decode(s, d.p1()));
            maxLength = Math.max(maxLength, s.length);
            checked += forEachMutation(s, m -> assertNotAccepted(m, d, s));
        }
        assertTrue(maxLength >= 40, "some streams should be long: " + maxLength);
        assertTrue(checked > 100_000, "mutations checked: " + checked);
    }

    /** A random sample of mutations of larger streams. */
    @Test
    void randomMutationsOfLargerStreamsAreRejectedOrDecodeOtherBits() {
        SplittableRandom r = new SplittableRandom(22);
        for (int k = 0; k < 16; k++) {
            Decisions d = random(r, 1000 + r.nextInt(15_000), k % 4);
            byte[] s = encode(d);
            assertArrayEquals(d.bits(), decode(s, d.p1()));
            for (int j = 0; j < 150; j++) {
                byte[] m = mutate(s, r);
                if (!Arrays.equals(m, s)) {
                    assertNotAccepted(m, d, s);
                }
            }
            // and single-byte changes at a handful of positions, both ends included
            int[] at = {0, 1, s.length / 2, s.length - 2, s.length - 1};
            for (int i : at) {
                for (int mask : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 0xFF, 1 + r.nextInt(255), s[i] & 0xFF}) {
                    byte[] m = s.clone();
                    m[i] ^= (byte) mask;
                    if (mask != 0) {
                        assertNotAccepted(m, d, s);
                    }
                }
            }
        }
    }

    /**
     * Brute force over all byte strings of length 0, 1 and 2 (and random ones of length 3 to 8): any
     * string that the decoder accepts for a sequence of probabilities is exactly the encoder's output
     * for the bits it decodes to.
     */
    @Test
    void everyAcceptedShortStringIsTheEncodingOfWhatItDecodesTo() {
        SplittableRandom r = new SplittableRandom(23);
        List<int[]> probabilities = new ArrayList<>();
        probabilities.add(new int[0]);
        probabilities.add(new int[] {32768});
        probabilities.add(filled(16, 32768));
        probabilities.add(filled(24, 32768));
        probabilities.add(new int[] {1, 65535, 1, 65535, 2, 65534, 1, 1, 65535, 65535});
        probabilities.add(filled(120, 65535));
        probabilities.add(filled(120, 1));
        for (int k = 0; k < 4; k++) {
            probabilities.add(random(r, 8 + r.nextInt(40), k).p1());
        }
        for (int[] p1 : probabilities) {
            int accepted = 0;
            for (int len = 0; len <= 2; len++) {
                for (int v = 0; v < 1 << (8 * len); v++) {
                    byte[] s = new byte[len];
                    for (int i = 0; i < len; i++) {
                        s[i] = (byte) (v >>> (8 * i));
                    }
                    accepted += checkAcceptedIsCanonical(s, p1);
                }
            }
            for (int k = 0; k < 5_000; k++) {
                byte[] s = new byte[3 + r.nextInt(6)];
                r.nextBytes(s);
                checkAcceptedIsCanonical(s, p1);
            }
            assertTrue(accepted >= 1, "no short string accepted for " + p1.length + " decisions");
            if (p1.length == 16) {
                // 16 bits at 1/2 take two bytes: at most one accepted string per bit pattern
                assertTrue(accepted <= 1 << 16, "accepted " + accepted);
            }
        }
    }

    private static int checkAcceptedIsCanonical(byte[] s, int[] p1) {
        int[] bits = decode(s, p1);
        if (bits == null) {
            return 0;
        }
        byte[] again = encode(new Decisions(p1, bits));
        assertArrayEquals(again, s, () -> "accepted " + hex(s) + " for " + p1.length + " decisions");
        return 1;
    }

    /**
     * Trailing-zero bytes may stand in for any number of decisions, but a stream that is not the
     * encoder's output never passes {@code finish()}, however many decisions are decoded from it.
     */
    @Test
    void truncatedStreamsNeverPassWithTheOriginalBits() {
        SplittableRandom r = new SplittableRandom(24);
        Decisions d = random(r, 8_000, 0);
        byte[] s = encode(d);
        for (int len = 0; len < s.length; len++) {
            byte[] t = Arrays.copyOf(s, len);
            int[] bits = decode(t, d.p1());
            assertFalse(bits != null && Arrays.equals(bits, d.bits()), "truncated to " + len);
            if (bits != null) {
                // accepted: then it is the canonical coding of other bits
                assertArrayEquals(t, encode(new Decisions(d.p1(), bits)));
            }
        }
    }

    @Test
    void emptyStreamOnlyForNoDecisionsOrOnlyLowParts() {
        assertArrayEquals(new int[0], decode(new byte[0], new int[0]));
        for (int b = 1; b < 256; b++) {
            byte[] one = {(byte) b};
            assertEquals(null, decode(one, new int[0]), "0 decisions from " + b);
        }
        // the empty stream decodes to ones only (low stays 0)
        assertArrayEquals(filled(5000, 1), decode(new byte[0], filled(5000, 40000)));
    }

    private static String hex(byte[] s) {
        HexFormat h = HexFormat.of();
        return s.length <= 64 ? h.formatHex(s)
                : h.formatHex(s, 0, 24) + "…(" + s.length + " bytes)…" + h.formatHex(s, s.length - 24, s.length);
    }

    private static void assertNotAccepted(byte[] m, Decisions d, byte[] original) {
        int[] bits = decode(m, d.p1());
        assertFalse(bits != null && Arrays.equals(bits, d.bits()),
                () -> "mutated stream accepted with the original bits: " + hex(m)
                        + " (original " + hex(original) + ")");
    }

    /**
     * Calls {@code check} on each mutation of {@code s} that differs from it: every byte XOR every mask,
     * every truncation, each byte removed or zeroed, zero/one/0xFF bytes inserted at every position and
     * appended, adjacent bytes swapped. Returns the number of mutations.
     */
    private static int forEachMutation(byte[] s, Consumer<byte[]> check) {
        int count = 0;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            for (int mask = 1; mask < 256; mask++) {
                byte[] m = s.clone();
                m[i] ^= (byte) mask; // includes zeroing the byte
                out.add(m);
            }
            byte[] removed = new byte[s.length - 1];
            System.arraycopy(s, 0, removed, 0, i);
            System.arraycopy(s, i + 1, removed, i, s.length - i - 1);
            out.add(removed);
            if (i + 1 < s.length && s[i] != s[i + 1]) {
                byte[] swapped = s.clone();
                swapped[i] = s[i + 1];
                swapped[i + 1] = s[i];
                out.add(swapped);
            }
        }
        for (int len = 0; len < s.length; len++) {
            out.add(Arrays.copyOf(s, len));
        }
        for (int i = 0; i <= s.length; i++) {
            for (int b : new int[] {0x00, 0x01, 0x80, 0xFF}) {
                byte[] m = new byte[s.length + 1];
                System.arraycopy(s, 0, m, 0, i);
                m[i] = (byte) b;
                System.arraycopy(s, i, m, i + 1, s.length - i);
                out.add(m); // i == s.length: appended
            }
        }
        byte[] twoZeros = Arrays.copyOf(s, s.length + 2);
        out.add(twoZeros);
        byte[] zeroThenOne = Arrays.copyOf(s, s.length + 2);
        zeroThenOne[s.length + 1] = 1;
        out.add(zeroThenOne);
        for (byte[] m : out) {
            if (!Arrays.equals(m, s)) {
                check.accept(m);
                count++;
            }
        }
        return count;
    }

    /** One random mutation: 1–3 byte changes, a cut, an insertion, a deletion or an append. */
    private static byte[] mutate(byte[] s, SplittableRandom r) {
        int n = s.length;
        switch (r.nextInt(6)) {
            case 0: {
                byte[] m = s.clone();
                int k = 1 + r.nextInt(3);
                for (int j = 0; j < k && n > 0; j++) {
                    m[r.nextInt(n)] ^= (byte) (1 + r.nextInt(255));
                }
                return m;
            }
            case 1:
                return Arrays.copyOf(s, r.nextInt(n + 1));
            case 2: {
                int i = r.nextInt(n + 1);
                byte[] m = new byte[n + 1];
                System.arraycopy(s, 0, m, 0, i);
                m[i] = (byte) r.nextInt(256);
                System.arraycopy(s, i, m, i + 1, n - i);
                return m;
            }
            case 3: {
                if (n == 0) {
                    return new byte[] {1};
                }
                int i = r.nextInt(n);
                byte[] m = new byte[n - 1];
                System.arraycopy(s, 0, m, 0, i);
                System.arraycopy(s, i + 1, m, i, n - i - 1);
                return m;
            }
            case 4: {
                byte[] m = Arrays.copyOf(s, n + 1 + r.nextInt(4));
                if (r.nextBoolean()) {
                    m[m.length - 1] = (byte) (1 + r.nextInt(255));
                }
                return m;
            }
            default: {
                byte[] m = s.clone();
                if (n > 0) {
                    m[r.nextInt(n)] = 0;
                }
                return m;
            }
        }
    }

    /** Random decisions around a run of {@code n} decisions {@code bit} at {@code p1}. */
    private static Decisions run(int n, int p1, int bit, SplittableRandom r) {
        Decisions a = random(r, 10, 0);
        Decisions b = random(r, 10, 0);
        int[] rp = filled(n, p1);
        int[] rb = filled(n, bit);
        return new Decisions(RangeCoderTest.concat(a.p1(), rp, b.p1()), RangeCoderTest.concat(a.bits(), rb, b.bits()));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
