package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.model.UniformPredictor;

class ContextMixerTest {

    /** Knows nothing: uniform over the 256 values for every stream. */
    /** Order-1 structured bytes: each byte mostly determines the next. */
    private static int[] markovText(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] data = new int[n];
        int prev = 'a';
        for (int i = 0; i < n; i++) {
            int x = rnd.nextInt(10) < 8 ? 'a' + (prev * 7 + 3) % 26 : 'a' + rnd.nextInt(26);
            data[i] = x;
            prev = x;
        }
        return data;
    }

    @Test
    void learnsToLeanOnTheCountsWhenTheInnerModelKnowsNothing() {
        int streams = 4;
        int steps = 5000;
        ContextMixer mixer = new ContextMixer(new UniformPredictor(streams), 2, 1023, 0.02f);
        ContextModel alone = new ContextModel(2, 1023, streams);
        float[] probs = new float[streams * 256];
        float[] ref = new float[streams * 256];
        int[] sym = new int[streams];
        int[][] data = new int[streams][];
        for (int s = 0; s < streams; s++) {
            data[s] = markovText(steps, s);
        }
        double mixedBits = 0;
        double countBits = 0;
        for (int t = 0; t < steps; t++) {
            mixer.predict(streams, probs);
            alone.predict(streams, ref);
            for (int s = 0; s < streams; s++) {
                float sum = 0;
                for (int x = 0; x < 256; x++) {
                    sum += probs[s * 256 + x];
                }
                assertEquals(1f, sum, 1e-3f);
                sym[s] = data[s][t];
                if (t >= steps / 2) {
                    mixedBits -= Math.log(probs[s * 256 + sym[s]]) / Math.log(2);
                    countBits -= Math.log(ref[s * 256 + sym[s]]) / Math.log(2);
                }
            }
            mixer.update(streams, sym);
            alone.update(streams, sym);
        }
        // Uniform costs 8 bits; the blend must get within 5 % of the counts alone.
        assertTrue(mixedBits < countBits * 1.05, "mixed " + mixedBits + " vs counts " + countBits);
    }

    @Test
    void streamsShareTheCountsButKeepTheirOwnContexts() {
        ContextModel two = new ContextModel(2, 1023, 2);
        int[] sym = new int[2];
        for (int i = 0; i < 50; i++) { // stream 0 teaches "ab" -> 'c'; stream 1 only ever says 'z'
            sym[0] = "abc".charAt(i % 3);
            sym[1] = 'z';
            two.update(2, sym);
        }
        // Put stream 1 in context "ab" too: it must then predict 'c' from stream 0's counts.
        sym[0] = 'a';
        sym[1] = 'a';
        two.update(2, sym);
        sym[0] = 'b';
        sym[1] = 'b';
        two.update(2, sym);
        float[] p = new float[512];
        two.predict(2, p);
        assertTrue(p[256 + 'c'] > 0.8f, "stream 1 predicts 'c' with " + p[256 + 'c']);
        assertArrayEquals(Arrays.copyOfRange(p, 0, 256), Arrays.copyOfRange(p, 256, 512), 0f);
    }

    @Test
    void hashedHighOrdersPredictFromTheirWholeContext() {
        // After "qabc" comes 'X' and after "rabc" comes 'Y': only order 4 tells them apart.
        ContextModel m = new ContextModel(6, 1023, 1);
        int[] sym = new int[1];
        String text = "qabcX.rabcY.".repeat(30);
        for (char c : text.toCharArray()) {
            sym[0] = c;
            m.update(1, sym);
        }
        for (char c : "qabc".toCharArray()) {
            sym[0] = c;
            m.update(1, sym);
        }
        float[] p = new float[256];
        m.predict(1, p);
        assertTrue(p['X'] > 0.9f, "p(X) = " + p['X']);
        assertEquals(6, m.contextConfidence(0) >>> 16, "order 6 context \"Y.qabc\" has been seen");
        float sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-3f);
    }

    @Test
    void bucketsGrowWithTheCount() {
        assertEquals(0, ContextMixer.bucket(0));
        assertEquals(1, ContextMixer.bucket(1));
        assertEquals(2, ContextMixer.bucket(3));
        assertEquals(3, ContextMixer.bucket(4));
        assertEquals(ContextMixer.BUCKETS - 1, ContextMixer.bucket(64));
        assertEquals(ContextMixer.BUCKETS - 1, ContextMixer.bucket(1 << 30));
    }
}
