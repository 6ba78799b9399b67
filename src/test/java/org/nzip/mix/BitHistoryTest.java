package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BitHistoryTest {

    @Test
    void everyStateIsADistinctCountPairThatFitsAByte() {
        assertTrue(BitHistory.STATES <= 256, "states " + BitHistory.STATES);
        Set<Integer> pairs = new HashSet<>();
        for (int s = 0; s < BitHistory.STATES; s++) {
            assertTrue(pairs.add(BitHistory.zeros(s) * 100 + BitHistory.ones(s)), "state " + s);
            for (int bit = 0; bit < 2; bit++) {
                int next = BitHistory.next(s, bit);
                assertTrue(next > 0 && next < BitHistory.STATES, s + " -> " + next);
            }
        }
        assertEquals(0, BitHistory.zeros(0) + BitHistory.ones(0), "state 0 is the empty history");
    }

    @Test
    void countsGrowAndTheOtherCountIsHalvedAboveTwo() {
        int s = 0;
        for (int i = 1; i <= 8; i++) {
            s = BitHistory.next(s, 1);
            assertEquals(i, BitHistory.ones(s));
            assertEquals(0, BitHistory.zeros(s));
        }
        s = BitHistory.next(s, 0); // 1 zero, 8 ones: the ones are halved to 5
        assertEquals(1, BitHistory.zeros(s));
        assertEquals(5, BitHistory.ones(s));
        for (int i = 0; i < 100; i++) {
            s = BitHistory.next(s, 0);
        }
        assertEquals(1, BitHistory.ones(s), "a long run of zeros keeps only that a 1 was seen");
        assertEquals(40, BitHistory.zeros(s), "and its count stops at the largest");
    }

    @Test
    void twoBitsOfEachKindStayExact() {
        // Small totals are kept exactly: 0,1,0,1 gives two of each.
        int s = 0;
        for (int bit : new int[] {0, 1, 0, 1}) {
            s = BitHistory.next(s, bit);
        }
        assertEquals(2, BitHistory.zeros(s));
        assertEquals(2, BitHistory.ones(s));
    }
}
