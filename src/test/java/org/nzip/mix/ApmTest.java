package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApmTest {

    @Test
    void startsAsTheIdentityAtItsPoints() {
        Apm apm = new Apm(4);
        for (int j = 1; j < Apm.POINTS - 1; j++) {
            int d = (j - 16) * 128;
            for (int ctx = 0; ctx < 4; ctx++) {
                assertEquals(Logistic.squash(d), apm.refine(d, ctx), "point " + j);
            }
        }
    }

    @Test
    void interpolatesWithinTheEndpoints() {
        Apm apm = new Apm(1);
        int top = apm.refine(Logistic.STRETCH_LIMIT, 0);
        int bottom = apm.refine(-Logistic.STRETCH_LIMIT, 0);
        assertTrue(top >= Logistic.squash(15 * 128) && top < Logistic.ONE, "top " + top);
        assertTrue(bottom >= 0 && bottom <= Logistic.squash(-15 * 128), "bottom " + bottom);
        int previous = -1;
        for (int d = -Logistic.STRETCH_LIMIT; d <= Logistic.STRETCH_LIMIT; d++) {
            int p = apm.refine(d, 0);
            assertTrue(p >= previous, "monotone at " + d);
            previous = p;
        }
    }

    @Test
    void learnsOnlyItsContextAndStaysInRange() {
        Apm apm = new Apm(2);
        int other = apm.refine(0, 1);
        for (int i = 0; i < 10_000; i++) {
            apm.refine(Logistic.STRETCH_LIMIT, 0);
            apm.learn(1, 4);
        }
        assertTrue(apm.refine(Logistic.STRETCH_LIMIT, 0) < Logistic.ONE);
        for (int i = 0; i < 10_000; i++) {
            apm.refine(0, 0);
            apm.learn(0, 4);
        }
        assertTrue(apm.refine(0, 0) < 100, "learned 0 at the middle point");
        assertEquals(other, apm.refine(0, 1));
    }
}
