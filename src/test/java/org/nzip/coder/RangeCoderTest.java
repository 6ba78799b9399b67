package org.nzip.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.TestData;
import org.nzip.mix.ContextModel;

class RangeCoderTest {

    @Test
    void roundTripsSkewedAndUniformDistributions() throws CodingException {
        SplittableRandom r = new SplittableRandom(7);
        int n = 50_000;
        int[][] freqs = new int[n][];
        int[] syms = new int[n];
        float[] p = new float[256];
        RangeEncoder enc = new RangeEncoder(16);
        for (int i = 0; i < n; i++) {
            int peak = r.nextInt(256);
            double sharp = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 50;
            for (int x = 0; x < 256; x++) {
                p[x] = (float) Math.exp(-sharp * Math.abs(x - peak) / 256.0);
            }
            freqs[i] = new int[256];
            Frequencies.quantize(p, 0, 256, freqs[i]);
            // mostly likely symbols, sometimes the least likely one (frequency 1 of 2^24)
            syms[i] = r.nextInt(20) == 0 ? (peak + 128) % 256 : (peak + r.nextInt(3)) % 256;
            enc.encode(freqs[i], syms[i]);
        }
        enc.finish();
        RangeDecoder dec = new RangeDecoder();
        dec.init(enc.buffer(), 0, enc.size());
        for (int i = 0; i < n; i++) {
            assertEquals(syms[i], dec.decode(freqs[i], 256), "symbol " + i);
        }
        assertEquals(enc.size(), dec.consumed(0));
        assertTrue(!dec.overran());
    }

    @Test
    void roundTripsBinaryDecisionsAtEveryProbability() throws CodingException {
        SplittableRandom r = new SplittableRandom(8);
        int n = 200_000;
        int[] p1 = new int[n];
        int[] bits = new int[n];
        RangeEncoder enc = new RangeEncoder(16);
        for (int i = 0; i < n; i++) {
            // extremes (1 and 65535, coded against the odds) as well as everything between
            p1[i] = switch (r.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 65535;
                default -> 1 + r.nextInt(65535);
            };
            bits[i] = r.nextInt(65536) < p1[i] ? 1 : 0;
            if (r.nextInt(50) == 0) {
                bits[i] ^= 1;
            }
            enc.encodeBit(p1[i], bits[i]);
        }
        enc.finish();
        RangeDecoder dec = new RangeDecoder();
        dec.init(enc.buffer(), 0, enc.size());
        for (int i = 0; i < n; i++) {
            assertEquals(bits[i], dec.decodeBit(p1[i]), "bit " + i);
        }
        assertEquals(enc.size(), dec.consumed(0));
        assertTrue(!dec.overran());
        assertThrows(IllegalArgumentException.class, () -> enc.encodeBit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> enc.encodeBit(65536, 0));
        assertThrows(IllegalArgumentException.class, () -> dec.decodeBit(0));
    }

    /**
     * The bound: on 1 MB of text coded with the context model, the real size stays within
     * 0.1 % of the ideal code length Σ −log2 p computed from the model's own float probabilities.
     */
    @Test
    void overheadOnOneMegabyteOfTextIsBelowOneTenthPercent() {
        byte[] text = TestData.wordSalad(1 << 20, 3);
        ContextModel model = new ContextModel(2, 1023);
        float[] p = new float[256];
        int[] f = new int[256];
        int[] sym = new int[1];
        RangeEncoder enc = new RangeEncoder(1 << 20);
        double idealBits = 0;
        for (byte b : text) {
            int x = b & 0xFF;
            model.predict(1, p);
            double sum = 0;
            for (float v : p) {
                sum += v;
            }
            idealBits -= Math.log(p[x] / sum) / Math.log(2);
            Frequencies.quantize(p, 0, 256, f);
            enc.encode(f, x);
            sym[0] = x;
            model.update(1, sym);
        }
        enc.finish();
        double realBits = enc.size() * 8.0;
        double overhead = (realBits - idealBits) / idealBits;
        System.out.printf("ideal %.0f bytes, real %d bytes, overhead %.5f %%%n", idealBits / 8, enc.size(), overhead * 100);
        assertTrue(overhead <= 0.001, "overhead " + overhead * 100 + " % exceeds 0.1 %");
        assertTrue(idealBits / text.length > 1.0, "test text should not be trivially predictable");
    }

    @Test
    void emptyStreamHasOnlyThePreamble() throws CodingException {
        RangeEncoder enc = new RangeEncoder(0);
        enc.finish();
        assertEquals(RangeEncoder.INIT_BYTES, enc.size());
        RangeDecoder dec = new RangeDecoder();
        dec.init(enc.buffer(), 0, enc.size());
        assertEquals(enc.size(), dec.consumed(0));
    }

    @Test
    void shortOrNonZeroPreambleIsRejected() {
        RangeDecoder dec = new RangeDecoder();
        assertThrows(CodingException.class, () -> dec.init(new byte[3], 0, 3));
        byte[] bad = new byte[RangeEncoder.INIT_BYTES];
        bad[0] = 1;
        assertThrows(CodingException.class, () -> dec.init(bad, 0, bad.length));
    }

    @Test
    void decodingPastTheEndIsAnError() throws CodingException {
        int[] f = new int[256];
        Frequencies.quantize(new float[256], 0, 256, f); // uniform: 8 bits a symbol
        RangeEncoder enc = new RangeEncoder(16);
        for (int i = 0; i < 100; i++) {
            enc.encode(f, i);
        }
        enc.finish();
        RangeDecoder dec = new RangeDecoder();
        dec.init(enc.buffer(), 0, enc.size() - 3);
        assertThrows(CodingException.class, () -> {
            for (int i = 0; i < 100; i++) {
                dec.decode(f, 256);
            }
        });
    }
}
