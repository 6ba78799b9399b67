package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.TestData;
import org.nzip.coder.Frequencies;

class BitMixerTest {

    private static final BitMixConfig CONFIG = new BitMixConfig(18, 255, 6, 16, 16, 6, BitMixConfig.TEXT_SET);

    private static int[] uniform() {
        int[] f = new int[256];
        Arrays.fill(f, Frequencies.TOTAL / 256);
        return f;
    }

    /** Codes {@code data} as one stream and returns Σ −log2 p over its bits; checks every p on the way. */
    private static double cost(BitMixer m, byte[] data, int[] freq) {
        m.startBlock(data.length);
        double bits = 0;
        int[] sym = new int[1];
        for (byte b : data) {
            int x = b & 0xFF;
            m.beginSymbol(0, freq);
            for (int k = 7; k >= 0; k--) {
                int y = (x >>> k) & 1;
                int p = m.p1();
                assertTrue(p >= 1 && p <= 65535, "p1 out of range: " + p);
                bits -= Math.log((y == 1 ? p : 65536 - p) / 65536.0) / Math.log(2);
                m.update(y);
            }
            sym[0] = x;
            m.endStep(1, sym);
        }
        return bits;
    }

    @Test
    void aFreshMixerFollowsTheLstm() {
        // Before anything is learned, the LSTM's input carries weight 1 and the rest say nothing.
        int[] freq = new int[256];
        Arrays.fill(freq, 1);
        freq['e'] = Frequencies.TOTAL - 255;
        BitMixer m = new BitMixer(CONFIG, 1, true);
        m.startBlock(100);
        m.beginSymbol(0, freq);
        int p = m.p1(); // 'e' = 0x65 starts with a 0 bit
        assertTrue(p < 65536 / 10, "first bit of 'e' should be predicted 0: p1 = " + p);
    }

    @Test
    void learnsTextWithoutAnLstm() {
        byte[] text = TestData.wordSalad(60_000, 5);
        double bpb = cost(new BitMixer(CONFIG, 1, false), text, uniform()) / text.length;
        // Word salad from a few thousand words: order-0 alone is about 4.3 bpb.
        assertTrue(bpb < 3.0, "bits per byte " + bpb);
    }

    @Test
    void theCmSetLearnsTextAndCopiesRepeats() {
        BitMixConfig cm = new BitMixConfig(18, 255, 6, 16, 10, 6, BitMixConfig.CM_SET);
        byte[] text = TestData.wordSalad(60_000, 5);
        double bpb = cost(new BitMixer(cm, 1, false), text, null) / text.length;
        assertTrue(bpb < 3.0, "bits per byte " + bpb);
        byte[] twice = new byte[2 * text.length];
        System.arraycopy(text, 0, twice, 0, text.length);
        System.arraycopy(text, 0, twice, text.length, text.length);
        double second = cost(new BitMixer(cm, 1, false), twice, null) / text.length - bpb;
        assertTrue(second < 0.3, "the repeat should cost little: " + second + " bpb");
    }

    @Test
    void copiesARepeatedRandomBlock() {
        byte[] noise = TestData.random(20_000, 3);
        byte[] twice = new byte[40_000];
        System.arraycopy(noise, 0, twice, 0, 20_000);
        System.arraycopy(noise, 0, twice, 20_000, 20_000);
        BitMixer m = new BitMixer(CONFIG, 1, false);
        double first = cost(m, noise, uniform());
        double both = cost(new BitMixer(CONFIG, 1, false), twice, uniform());
        double second = both - first; // same first half, same statistics: the first pass costs the same
        assertTrue(first / 20_000 > 7.9, "random bytes cannot be compressed: " + first / 20_000);
        assertTrue(second / 20_000 < 0.5, "the repeat should cost little: " + second / 20_000 + " bpb");
    }

    @Test
    void streamsShareStatisticsInAFixedOrder() {
        // Two mixers fed the same calls give the same probabilities: no hidden state beyond the calls.
        byte[] text = TestData.wordSalad(8_000, 9);
        int[] a = probabilities(text);
        int[] b = probabilities(text);
        assertArrayEquals(a, b);
    }

    private static int[] probabilities(byte[] text) {
        int streams = 4;
        int seg = text.length / streams;
        BitMixer m = new BitMixer(CONFIG, streams, true);
        m.startBlock(seg * streams);
        int[] out = new int[seg * streams * 8];
        int[] sym = new int[streams];
        int[] freq = uniform();
        SplittableRandom r = new SplittableRandom(1);
        int i = 0;
        for (int t = 0; t < seg; t++) {
            for (int s = 0; s < streams; s++) {
                freq[r.nextInt(256)] += 1000; // a changing "LSTM" distribution
                int x = text[s * seg + t] & 0xFF;
                m.beginSymbol(s, freq);
                for (int k = 7; k >= 0; k--) {
                    out[i++] = m.p1();
                    m.update((x >>> k) & 1);
                }
                sym[s] = x;
            }
            m.endStep(streams, sym);
        }
        return out;
    }

    @Test
    void configRejectsOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(15, 1023, 6, 16, 24, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(25, 1023, 6, 16, 24, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 0, 6, 16, 24, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1024, 6, 16, 24, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 1, 16, 24, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 6, 9, 24, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 6, 16, 0, 7, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 6, 16, 24, 13, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 6, 16, 24, 7, 1)); // format 2's sets
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 6, 16, 24, 11, 2));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(20, 1023, 6, 16, 24, 7, 6));
        new BitMixConfig(20, 1023, 6, 16, 24, 7, BitMixConfig.TEXT_SET);
        new BitMixConfig(20, 1023, 6, 16, 24, 7, BitMixConfig.CM_SET);
        new BitMixConfig(20, 1023, 6, 16, 24, 10, BitMixConfig.TEXT_MAX_SET);
        new BitMixConfig(20, 1023, 6, 16, 24, 10, BitMixConfig.CM_MAX_SET);
    }
}
