package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogisticTest {

    @Test
    void squashIsMonotoneAndInRange() {
        int previous = 0;
        for (int d = -3000; d <= 3000; d++) {
            int p = Logistic.squash(d);
            assertTrue(p >= 1 && p <= 65535, "squash(" + d + ") = " + p);
            assertTrue(p >= previous, "squash decreases at " + d);
            previous = p;
        }
        assertEquals(32768, Logistic.squash(0));
        assertEquals(Logistic.squash(Logistic.STRETCH_LIMIT), Logistic.squash(5000), "clamped above");
        assertEquals(Logistic.squash(-Logistic.STRETCH_LIMIT), Logistic.squash(-5000), "clamped below");
    }

    @Test
    void squashIsSymmetric() {
        for (int d = 0; d <= Logistic.STRETCH_LIMIT; d++) {
            int sum = Logistic.squash(d) + Logistic.squash(-d);
            assertTrue(Math.abs(sum - 65536) <= 1, "squash(" + d + ") + squash(-" + d + ") = " + sum);
        }
    }

    @Test
    void stretchInvertsSquash() {
        int previous = Integer.MIN_VALUE;
        for (int p = 0; p < 65536; p += 16) {
            int d = Logistic.stretch(p);
            assertTrue(d >= -Logistic.STRETCH_LIMIT && d <= Logistic.STRETCH_LIMIT);
            assertTrue(d >= previous, "stretch decreases at " + p);
            previous = d;
        }
        // Where squash is steep enough to tell neighbours apart, stretch(squash(d)) gives d back closely.
        for (int d = -1000; d <= 1000; d++) {
            int back = Logistic.stretch(Logistic.squash(d));
            assertTrue(Math.abs(back - d) <= 2, "stretch(squash(" + d + ")) = " + back);
        }
    }
}
