package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixerTest {

    private static Mixer mixer(int sets, int n) {
        Mixer m = new Mixer(sets, n);
        m.fill(0, 1, 1 << 16);
        m.fill(1, n, 1 << 14);
        return m;
    }

    @Test
    void theIntKernelsAreExactAtTheirBounds() {
        // The largest weights and inputs, all of one sign, in the most inputs a mixer takes: the int
        // dot product equals the long one (nothing overflows), and an update at the largest step
        // stays clamped.
        int n = Mixer.MAX_INPUTS;
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            int[] w = new int[n];
            int[] x = new int[n];
            boolean extreme = round < 4;
            for (int i = 0; i < n; i++) {
                w[i] = extreme ? (round % 2 == 0 ? Mixer.WEIGHT_LIMIT : -Mixer.WEIGHT_LIMIT) : r.nextInt(-Mixer.WEIGHT_LIMIT, Mixer.WEIGHT_LIMIT + 1);
                x[i] = extreme ? (round < 2 ? 2047 : -2047) : r.nextInt(-2047, 2048);
            }
            long expected = 0;
            for (int i = 0; i < n; i++) {
                expected += (long) (w[i] >> Mixer.DOT_SHIFT) * x[i];
            }
            assertEquals(expected, Mixer.dot(w, 0, x, n));
            int step = extreme ? (round % 2 == 0 ? 1 << 19 : -(1 << 19)) : r.nextInt(-(1 << 19), (1 << 19) + 1);
            int[] before = w.clone();
            Mixer.update(w, 0, x, n, step);
            for (int i = 0; i < n; i++) {
                long v = before[i] + (((long) step * x[i]) >> 14);
                assertEquals(Math.max(-Mixer.WEIGHT_LIMIT, Math.min(Mixer.WEIGHT_LIMIT, v)), w[i]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Mixer(1, Mixer.MAX_INPUTS + 1));
    }

    @Test
    void learnsAGoodInputAndClampsItsOutput() {
        Mixer m = mixer(1, 2);
        int[] x = {0, 0};
        for (int i = 0; i < 5000; i++) {
            int bit = i % 3 == 0 ? 0 : 1;
            x[1] = bit == 1 ? 1000 : -1000;
            int d = m.mix(x, 0);
            assertTrue(Math.abs(d) <= Logistic.STRETCH_LIMIT);
            m.train(x, bit << 16, 65535);
        }
        x[1] = 1000;
        assertTrue(m.mix(x, 0) > 1000);
        assertTrue(m.probability() > 60000);
    }

    @Test
    void weightSetsLearnApart() {
        // Set 0 sees an input that predicts 1s, set 1 the same input predicting 0s.
        Mixer m = mixer(2, 2);
        int[] x = {0, 500};
        for (int i = 0; i < 3000; i++) {
            m.mix(x, i % 2);
            m.train(x, i % 2 == 0 ? 1 << 16 : 0, 24);
        }
        assertTrue(m.mix(x, 0) > 0);
        assertTrue(m.mix(x, 1) < 0);
    }

    @Test
    void aNewSetStartsFromItsParent() {
        // The parent learns a skewed input for a while; a child's set chosen for the first time then
        // mixes exactly as the parent does, while a set of a mixer without parent still has the fill.
        int n = 4;
        Mixer parent = mixer(1, n);
        Mixer child = new Mixer(8, n, parent);
        child.fill(0, n, 1 << 14);
        int[] x = {300, -200, 100, 50};
        for (int i = 0; i < 500; i++) {
            parent.mix(x, 0);
            parent.train(x, 0, 16);
        }
        int expected = parent.mix(x, 0);
        assertEquals(expected, child.mix(x, 5));
        assertTrue(expected < mixer(1, n).mix(x, 0) - 100, "the parent has learned: " + expected);
        child.train(x, 65535, 16); // the set, now trained, keeps its own weights
        parent.train(x, 0, 16);
        assertTrue(child.mix(x, 5) > parent.mix(x, 0));
        assertThrows(IllegalArgumentException.class, () -> new Mixer(2, n + 1, parent));
    }
}
