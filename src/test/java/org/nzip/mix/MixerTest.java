package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void theFusedPassEqualsThreeMixers() {
        int n = 13;
        Mixer[] fused = {mixer(5, n), mixer(7, n), mixer(3, n)};
        Mixer[] single = {mixer(5, n), mixer(7, n), mixer(3, n)};
        SplittableRandom r = new SplittableRandom(17);
        int[] x = new int[n];
        int[] out = new int[3];
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(-2047, 2048);
            }
            int a = r.nextInt(5);
            int b = r.nextInt(7);
            int c = r.nextInt(3);
            Mixer.mixThree(fused[0], a, fused[1], b, fused[2], c, x, out);
            assertEquals(single[0].mix(x, a), out[0]);
            assertEquals(single[1].mix(x, b), out[1]);
            assertEquals(single[2].mix(x, c), out[2]);
            int target = r.nextInt(2) << 16;
            int rate = 1 + r.nextInt(200);
            Mixer.trainThree(fused[0], fused[1], fused[2], x, target, rate);
            for (Mixer m : single) {
                m.train(x, target, rate);
            }
        }
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
}
