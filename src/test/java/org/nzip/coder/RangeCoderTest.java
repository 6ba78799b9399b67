package org.nzip.coder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Round trips, compression overhead and the arithmetic of the binary range coder. */
class RangeCoderTest {

    /** A sequence of decisions: probability of a 1 (in 1/65536) and the bit coded. */
    record Decisions(int[] p1, int[] bits) {
        int length() {
            return bits.length;
        }
    }

    static byte[] encode(Decisions d) {
        RangeEncoder enc = new RangeEncoder(16);
        for (int i = 0; i < d.length(); i++) {
            enc.encodeBit(d.p1[i], d.bits[i]);
        }
        enc.finish();
        return Arrays.copyOf(enc.buffer(), enc.size());
    }

    /** Decodes {@code p1.length} decisions and checks the end; null if the decoder rejects the stream. */
    static int[] decode(byte[] s, int[] p1) {
        RangeDecoder dec = new RangeDecoder();
        int[] bits = new int[p1.length];
        try {
            dec.init(s, 0, s.length);
            for (int i = 0; i < p1.length; i++) {
                bits[i] = dec.decodeBit(p1[i]);
            }
            dec.finish();
        } catch (CodingException e) {
            return null;
        }
        assertEquals(s.length, dec.consumed(0));
        return bits;
    }

    /**
     * Random decisions. Modes: 0 uniform probabilities, bits drawn from them; 1 only the extremes 1
     * and 65535, mostly the likely bit; 2 a mix of extremes and uniform, sometimes against the odds;
     * 3 probabilities near 1/2.
     */
    static Decisions random(SplittableRandom r, int n, int mode) {
        int[] p1 = new int[n];
        int[] bits = new int[n];
        for (int i = 0; i < n; i++) {
            p1[i] = switch (mode) {
                case 0 -> 1 + r.nextInt(65535);
                case 1 -> r.nextBoolean() ? 1 : 65535;
                case 2 -> switch (r.nextInt(4)) {
                    case 0 -> 1;
                    case 1 -> 65535;
                    default -> 1 + r.nextInt(65535);
                };
                default -> 32768 - 2000 + r.nextInt(4001);
            };
            bits[i] = r.nextInt(65536) < p1[i] ? 1 : 0;
            if (mode != 0 && r.nextInt(mode == 1 ? 200 : 50) == 0) {
                bits[i] ^= 1;
            }
        }
        return new Decisions(p1, bits);
    }

    static void assertRoundTrip(Decisions d, String what) {
        byte[] s = encode(d);
        assertTrue(s.length == 0 || s[s.length - 1] != 0, what + ": stream ends with a zero byte");
        assertArrayEquals(d.bits, decode(s, d.p1), what);
    }

    @Test
    void roundTripsEveryShortLength() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n <= 64; n++) {
            for (int mode = 0; mode < 4; mode++) {
                for (int k = 0; k < 8; k++) {
                    assertRoundTrip(random(r, n, mode), "n=" + n + " mode=" + mode);
                }
            }
        }
    }

    @Test
    void roundTripsLongSequences() throws CodingException {
        SplittableRandom r = new SplittableRandom(8);
        for (int mode = 0; mode < 4; mode++) {
            Decisions d = random(r, 200_000, mode);
            assertRoundTrip(d, "mode " + mode);
        }
        RangeEncoder enc = new RangeEncoder(16);
        assertThrows(IllegalArgumentException.class, () -> enc.encodeBit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> enc.encodeBit(65536, 0));
        RangeDecoder dec = new RangeDecoder();
        dec.init(new byte[0], 0, 0);
        assertThrows(IllegalArgumentException.class, () -> dec.decodeBit(0));
    }

    @Test
    void emptySequenceGivesAnEmptyStream() throws CodingException {
        RangeEncoder enc = new RangeEncoder(0);
        enc.finish();
        assertEquals(0, enc.size());
        RangeDecoder dec = new RangeDecoder();
        dec.init(enc.buffer(), 0, 0);
        dec.finish();
        assertEquals(0, dec.consumed(0));
        // reset() starts over: the same decisions give the same bytes
        Decisions d = random(new SplittableRandom(3), 1000, 0);
        for (int i = 0; i < d.length(); i++) {
            enc.encodeBit(d.p1[i], d.bits[i]);
        }
        enc.finish();
        byte[] first = Arrays.copyOf(enc.buffer(), enc.size());
        enc.reset();
        enc.finish();
        assertEquals(0, enc.size());
        assertArrayEquals(first, encode(d));
    }

    /**
     * Long runs of likely 1s keep {@code low} and write zero bytes; trailing ones are dropped, so a
     * sequence of only 1s codes to an empty stream and the decoder reads nothing but virtual zeros.
     */
    @Test
    void runsOfLikelyOnesWriteZeroBytes() throws CodingException {
        int n = 3_000_000;
        int[] p1 = new int[n];
        Arrays.fill(p1, 65535);
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        Decisions d = new Decisions(p1, ones);
        byte[] s = encode(d);
        assertEquals(0, s.length);
        RangeDecoder dec = new RangeDecoder();
        dec.init(s, 0, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(1, dec.decodeBit(65535));
        }
        dec.finish();
        // 3e6 · log2(65536/65535) = 66 bits: the decoder shifted 8 bytes in past its 6-byte window
        assertEquals(RangeEncoder.CODE_BYTES + 8, dec.virtualBytes());

        // the same at p1 = 1/2 (a block of 0xFF bytes before the model learns): one zero byte per 8 decisions
        int m = 80_000;
        int[] half = new int[m];
        Arrays.fill(half, 32768);
        int[] ones2 = new int[m];
        Arrays.fill(ones2, 1);
        assertEquals(0, encode(new Decisions(half, ones2)).length);
        dec.init(new byte[0], 0, 0);
        for (int i = 0; i < m; i++) {
            assertEquals(1, dec.decodeBit(32768));
        }
        dec.finish();
        assertTrue(dec.virtualBytes() >= m / 8, "virtual bytes " + dec.virtualBytes());

        // zero runs in the middle of a stream are kept, only the trailing ones go
        SplittableRandom r = new SplittableRandom(5);
        Decisions a = random(r, 3000, 0);
        Decisions b = random(r, 3000, 0);
        int[] mp = concat(a.p1, half, b.p1); // 80,000 bits of ones at 1/2: 10,000 bytes, 6 of them low's
        int[] mb = concat(a.bits, ones2, b.bits);
        byte[] mid = encode(new Decisions(mp, mb));
        assertArrayEquals(mb, decode(mid, mp));
        int zeros = 0;
        for (byte x : mid) {
            zeros += x == 0 ? 1 : 0;
        }
        assertTrue(zeros >= m / 8 - 6, "zero bytes in the middle: " + zeros);
        int[] tp = concat(a.p1, p1);
        int[] tb = concat(a.bits, ones);
        byte[] tail = encode(new Decisions(tp, tb));
        assertArrayEquals(tb, decode(tail, tp));
        // the run's 66 bits still cost about 8 bytes (low's bits become significant), its zeros nothing
        assertTrue(tail.length <= encode(a).length + 10, "trailing run: " + tail.length + " vs " + encode(a).length);
    }

    /** Runs of likely 0s (the high part) write 0xFF bytes that a later carry turns into zeros. */
    @Test
    void runsOfLikelyZerosAndCarries() {
        SplittableRandom r = new SplittableRandom(6);
        for (int k = 0; k < 40; k++) {
            int run = 1 + r.nextInt(2_000_000);
            int pre = r.nextInt(200);
            int post = r.nextInt(3) == 0 ? 0 : r.nextInt(200);
            Decisions a = random(r, pre, 2);
            Decisions b = random(r, post, 2);
            int pRun = r.nextBoolean() ? 1 : 1 + r.nextInt(16);
            int[] rp = new int[run];
            Arrays.fill(rp, pRun);
            int[] rb = new int[run];
            assertRoundTrip(new Decisions(concat(a.p1, rp, b.p1), concat(a.bits, rb, b.bits)), "run " + run);
        }
    }

    /**
     * Same interval arithmetic as the LZMA-style coder this one replaced (its bytes after the constant
     * leading 00, flushed with the 6 bytes of {@code low}): as numbers of equal length, the new stream
     * padded with zeros minus the old one lies in [0, 2^48), so the two differ only in the final value
     * chosen inside the last interval; and the new one is at least 6 bytes shorter (the leading byte,
     * and five of the six bytes of the flush).
     */
    @Test
    void sameArithmeticAsTheOldCoderMinusItsOverheadBytes() {
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < 300; k++) {
            Decisions d = random(r, r.nextInt(5000), k % 4);
            byte[] now = encode(d);
            byte[] old = OldEncoder.encode(d);
            assertEquals(0, old[0]);
            int len = old.length - 1;
            assertTrue(now.length <= len - 5, now.length + " vs old " + old.length);
            BigInteger a = new BigInteger(1, Arrays.copyOfRange(old, 1, old.length));
            BigInteger b = new BigInteger(1, Arrays.copyOf(now, len));
            BigInteger diff = b.subtract(a);
            assertTrue(diff.signum() >= 0 && diff.bitLength() <= 48, "difference " + diff);
        }
    }

    /**
     * Coder overhead on the binary path: N decisions with known probabilities (bits drawn from them,
     * seeded) against the ideal code length Σ −log2 p of the bits coded, p = p1/65536.
     * Measured (2^22 decisions per regime, 0.10–1.0 bits/decision ideal): real − ideal = 1.1–1.5 bytes,
     * 2.1e-6–2.9e-6 bits/decision (0.0003 %–0.0023 %), of which 2.0e-6 bits/decision is r = range >> 24's truncation.
     */
    @Test
    void overheadIsBelowOneHundredthPercentPlusTheFlush() {
        SplittableRandom r = new SplittableRandom(12);
        int n = 1 << 22;
        for (int mode = 0; mode < 4; mode++) {
            int[] p1 = new int[n];
            int[] bits = new int[n];
            double ideal = 0;
            double truncation = 0; // what r = range >> 24 loses, followed with the coder's own arithmetic
            long range = RangeEncoder.MASK;
            RangeEncoder enc = new RangeEncoder(1 << 16);
            for (int i = 0; i < n; i++) {
                int p = switch (mode) {
                    case 0 -> 1 + r.nextInt(65535);
                    case 1 -> r.nextInt(8) == 0 ? 1 + r.nextInt(65535) : 65535 - r.nextInt(64); // skewed, mostly sure
                    case 2 -> r.nextBoolean() ? 1 + r.nextInt(4096) : 65535 - r.nextInt(4096);
                    default -> 32768 - 1000 + r.nextInt(2001);
                };
                int bit = r.nextInt(65536) < p ? 1 : 0;
                p1[i] = p;
                bits[i] = bit;
                ideal -= Math.log((bit != 0 ? p : 65536 - p) / 65536.0);
                enc.encodeBit(p, bit);
                long next = (range >>> 24) * ((bit != 0 ? p : 65536 - p) << 8);
                truncation += Math.log((double) range * (bit != 0 ? p : 65536 - p) / 65536.0 / next);
                range = next;
                while (range < RangeEncoder.TOP) {
                    range <<= 8;
                }
            }
            enc.finish();
            ideal /= Math.log(2);
            truncation /= Math.log(2);
            double real = enc.size() * 8.0;
            double perDecision = (real - ideal) / n;
            System.out.printf("mode %d: ideal %.1f bytes (%.4f bits/decision), real %d bytes, overhead %.3g bits/decision"
                    + " (%.5f %%), of which truncation %.3g bits/decision%n",
                    mode, ideal / 8, ideal / n, enc.size(), perDecision, (real - ideal) / ideal * 100, truncation / n);
            assertTrue(real <= ideal * 1.0001 + 8 * 4, "mode " + mode + ": " + real + " bits vs ideal " + ideal);
            assertTrue(real >= ideal - 8 * 8, "mode " + mode + ": shorter than the ideal code length?");
            assertArrayEquals(bits, decode(Arrays.copyOf(enc.buffer(), enc.size()), p1));
        }
    }

    @Test
    void initRejectsWhatTheEncoderNeverWrites() {
        RangeDecoder dec = new RangeDecoder();
        // a trailing zero byte
        assertThrows(CodingException.class, () -> dec.init(new byte[] {5, 0}, 0, 2));
        assertThrows(CodingException.class, () -> dec.init(new byte[1], 0, 1));
        // a code value at the very top, outside [0, 2^48 - 1)
        byte[] top = {-1, -1, -1, -1, -1, -1, 7};
        assertThrows(CodingException.class, () -> dec.init(top, 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> dec.init(top, 3, 6));
    }

    @Test
    void decodesFromTheMiddleOfAnArray() throws CodingException {
        Decisions d = random(new SplittableRandom(4), 5000, 2);
        byte[] s = encode(d);
        byte[] big = new byte[s.length + 20];
        Arrays.fill(big, (byte) 0x5A);
        System.arraycopy(s, 0, big, 7, s.length);
        RangeDecoder dec = new RangeDecoder();
        dec.init(big, 7, s.length);
        for (int i = 0; i < d.length(); i++) {
            assertEquals(d.bits[i], dec.decodeBit(d.p1[i]));
        }
        dec.finish();
        assertEquals(s.length, dec.consumed(7));
        assertNotEquals(0, s.length);
    }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The encoder this one replaced, kept here to check that the interval arithmetic is unchanged. */
    static final class OldEncoder {
        private long low;
        private long range = RangeEncoder.MASK;
        private int cache;
        private long cacheSize = 1;
        private byte[] buf = new byte[16];
        private int pos;

        static byte[] encode(Decisions d) {
            OldEncoder e = new OldEncoder();
            for (int i = 0; i < d.length(); i++) {
                int f1 = d.p1[i] << 8;
                if (d.bits[i] != 0) {
                    e.encode(0, f1);
                } else {
                    e.encode(f1, Frequencies.TOTAL - f1);
                }
            }
            for (int i = 0; i < 7; i++) {
                e.shiftLow();
            }
            return Arrays.copyOf(e.buf, e.pos);
        }

        private void encode(int cum, int freq) {
            long r = range >>> Frequencies.TOTAL_BITS;
            low += r * cum;
            range = r * freq;
            while (range < RangeEncoder.TOP) {
                range <<= 8;
                shiftLow();
            }
        }

        private void shiftLow() {
            if (low < 0xFFL << 40 || low > RangeEncoder.MASK) {
                int carry = (int) (low >>> 48);
                int b = cache;
                do {
                    if (pos == buf.length) {
                        buf = Arrays.copyOf(buf, pos * 2);
                    }
                    buf[pos++] = (byte) (b + carry);
                    b = 0xFF;
                } while (--cacheSize != 0);
                cache = (int) (low >>> 40) & 0xFF;
            }
            cacheSize++;
            low = (low << 8) & RangeEncoder.MASK;
        }
    }
}
