package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HashedContextsTest {

    @Test
    void aNewContextTakesTheLessTrainedBucket() {
        int[] t = new int[32];
        Arrays.fill(t, Counter.FRESH);
        t[1] = Counter.update(Counter.FRESH, 1, 255); // the first bucket's root has learned
        t[5] = 12345;
        assertEquals(16, HashedContexts.claim(t, 0, 16, 77));
        assertEquals(77, t[16]);
        assertEquals(12345, t[5]);
        t[17] = Counter.update(Counter.update(Counter.FRESH, 1, 255), 0, 255); // now the second has learned more
        assertEquals(0, HashedContexts.claim(t, 0, 16, 78));
        assertEquals(78, t[0]);
        int[] fresh = new int[15];
        Arrays.fill(fresh, Counter.FRESH);
        assertArrayEquals(fresh, Arrays.copyOfRange(t, 1, 16), "claimed counters start fresh");
        int[] tie = new int[32];
        Arrays.fill(tie, Counter.FRESH);
        assertEquals(16, HashedContexts.claim(tie, 16, 0, 79), "ties go to the first place");
    }

    @Test
    void findsWhatItLearnedInTheSameContext() {
        HashedContexts h = new HashedContexts(new ContextDef[] {ContextDef.ORDER2, ContextDef.STREAM_ORDER1}, 255, 16, false);
        h.allocate(100);
        History history = new History(2);
        history.update(0, 'a');
        history.update(0, 'b');
        int[] inputs = new int[3];
        for (int round = 0; round < 3; round++) {
            h.setContexts(history, 0);
            h.findBuckets(1, 0);
            int seen = h.predict(inputs, 1, 1);
            assertEquals(round == 0 ? 0 : 2, seen);
            assertEquals(0, inputs[0]);
            if (round > 0) {
                assertTrue(inputs[1] > 0 && inputs[2] > 0, "learned the 1");
            }
            h.update(1);
        }
        // Another stream shares ORDER2 but not its own order 1.
        history.update(1, 'a');
        history.update(1, 'b');
        h.setContexts(history, 1);
        h.findBuckets(1, 0);
        assertEquals(1, h.predict(inputs, 0, 1));
        assertTrue(inputs[0] > 0);
        assertEquals(0, inputs[1]);
    }

    @Test
    void tablesGrowWithTheFirstBlock() {
        assertEquals(16, HashedContexts.tableBits(22, 100));
        assertEquals(22, HashedContexts.tableBits(22, 1 << 20));
        assertEquals(18, HashedContexts.tableBits(22, 1 << 14));
    }
}
