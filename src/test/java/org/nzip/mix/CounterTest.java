package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CounterTest {

    @Test
    void aFreshCounterSaysNothing() {
        assertEquals(32768, Counter.p(Counter.FRESH));
        assertEquals(0, Counter.count(Counter.FRESH));
        assertEquals(0, Counter.input(Counter.FRESH));
    }

    @Test
    void theFirstBitMovesTwoThirdsOfTheWay() {
        int one = Counter.update(Counter.FRESH, 1, 255);
        int zero = Counter.update(Counter.FRESH, 0, 255);
        assertEquals(1, Counter.count(one));
        assertEquals(65536 * 5 / 6, Counter.p(one), 2);
        assertEquals(65536 / 6, Counter.p(zero), 2);
        assertTrue(Counter.input(one) > 0 && Counter.input(zero) < 0);
    }

    @Test
    void staysInRangeAndTheCountStopsAtTheLimit() {
        for (int limit : new int[] {1, 8, 255, Counter.COUNT_MASK}) {
            for (int bit = 0; bit <= 1; bit++) {
                int c = Counter.FRESH;
                int previous = Counter.p(c);
                for (int i = 0; i < 5000; i++) {
                    c = Counter.update(c, bit, limit);
                    int p = Counter.p(c);
                    assertTrue(bit == 1 ? p >= previous : p <= previous, "moves towards the bit");
                    assertTrue(p >= 0 && p <= 65535);
                    assertEquals(Math.min(i + 1, limit), Counter.count(c));
                    previous = p;
                }
                assertTrue(bit == 1 ? previous > 65000 : previous < 536, "limit " + limit + ": p " + previous);
            }
        }
    }

    @Test
    void aLowLimitFollowsChangesFaster() {
        int slow = Counter.FRESH;
        int fast = Counter.FRESH;
        for (int i = 0; i < 1000; i++) {
            slow = Counter.update(slow, 1, 1023);
            fast = Counter.update(fast, 1, 8);
        }
        for (int i = 0; i < 10; i++) {
            slow = Counter.update(slow, 0, 1023);
            fast = Counter.update(fast, 0, 8);
        }
        assertTrue(Counter.p(fast) < 32768 && Counter.p(slow) > 32768);
    }
}
