package org.nzip.coder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrequenciesTest {

    private static void assertValid(int[] f, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(f[i] >= 1, "symbol " + i + " has frequency " + f[i]);
            sum += f[i];
        }
        assertEquals(Frequencies.TOTAL, sum);
    }

    @Test
    void randomDistributionsSumToTotalWithFloor() {
        SplittableRandom r = new SplittableRandom(1);
        float[] p = new float[256];
        int[] f = new int[256];
        for (int trial = 0; trial < 2000; trial++) {
            float sum = 0;
            for (int i = 0; i < 256; i++) {
                // mix of tiny, zero and large values; not normalised on purpose
                p[i] = r.nextInt(4) == 0 ? 0f : (float) Math.pow(r.nextDouble(), 1 + r.nextInt(20));
                sum += p[i];
            }
            if (trial % 2 == 0) {
                for (int i = 0; i < 256; i++) {
                    p[i] /= sum;
                }
            }
            Frequencies.quantize(p, 0, 256, f);
            assertValid(f, 256);
        }
    }

    @Test
    void oneCertainSymbolGetsAlmostEverything() {
        float[] p = new float[256];
        p[65] = 1f;
        int[] f = new int[256];
        Frequencies.quantize(p, 0, 256, f);
        assertValid(f, 256);
        assertEquals(Frequencies.TOTAL - 255, f[65]);
    }

    @Test
    void garbageProbabilitiesCountAsZero() {
        float[] p = new float[256];
        p[0] = Float.NaN;
        p[1] = Float.POSITIVE_INFINITY;
        p[2] = -5f;
        p[3] = 0.5f;
        int[] f = new int[256];
        Frequencies.quantize(p, 0, 256, f);
        assertValid(f, 256);
        assertEquals(1, f[0]);
        assertEquals(1, f[1]);
        assertEquals(1, f[2]);
        assertEquals(Frequencies.TOTAL - 255, f[3]);
    }

    @Test
    void allZeroBecomesUniform() {
        int[] f = new int[256];
        Frequencies.quantize(new float[256], 0, 256, f);
        assertValid(f, 256);
        for (int i = 1; i < 256; i++) {
            assertEquals(Frequencies.TOTAL / 256, f[i]);
        }
    }

    @Test
    void offsetSlicesAreUsed() {
        float[] p = new float[512];
        p[256 + 7] = 1f;
        int[] f = new int[256];
        Frequencies.quantize(p, 256, 256, f);
        assertEquals(Frequencies.TOTAL - 255, f[7]);
        int[] again = new int[256];
        Frequencies.quantize(p, 256, 256, again);
        assertArrayEquals(f, again);
    }

    @Test
    void badSliceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Frequencies.quantize(new float[100], 0, 256, new int[256]));
        assertThrows(IllegalArgumentException.class, () -> Frequencies.quantize(new float[256], 0, 0, new int[256]));
    }
}
