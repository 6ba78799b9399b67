package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunModelTest {

    /** Codes byte {@code x} in the current contexts; returns the inputs of its bits. */
    private static int[] code(RunModel runs, HashedContexts hashed, int x) {
        int[] seen = new int[8];
        int[] inputs = new int[1];
        int c0 = 1;
        for (int i = 0; i < 8; i++) {
            runs.predict(inputs, 0, c0, i);
            seen[i] = inputs[0];
            int bit = (x >>> (7 - i)) & 1;
            runs.update(bit);
            c0 = c0 << 1 | bit;
        }
        runs.endSymbol(x, hashed);
        return seen;
    }

    @Test
    void aRunGoesWithItsBucketAndKeepsItsTag() {
        HashedContexts hashed = new HashedContexts(new ContextDef[] {ContextDef.ORDER2}, 255, 16, false);
        hashed.allocate(100);
        History history = new History(1);
        hashed.setContexts(history, 0);
        hashed.findBuckets(1, 0);
        assertEquals(0, hashed.run(0), "a claimed bucket has no run");
        hashed.setRun(0, 255 << 8 | 'q');
        hashed.findBuckets(1, 0); // the same context finds its bucket again: the tag survived the run
        assertEquals(255 << 8 | 'q', hashed.run(0));
    }

    @Test
    void predictsTheByteThatFollowedItsContextUntilTheByteDisagrees() {
        HashedContexts hashed = new HashedContexts(new ContextDef[] {ContextDef.ORDER2}, 255, 16, false);
        RunModel runs = new RunModel(new int[] {0}, 255);
        hashed.allocate(100);
        History history = new History(1);
        hashed.setContexts(history, 0);
        hashed.findBuckets(1, 0);
        runs.setContexts(hashed);
        int[] first = code(runs, hashed, 'x');
        for (int v : first) {
            assertEquals(0, v, "nothing seen yet");
        }
        for (int round = 0; round < 5; round++) {
            hashed.setContexts(history, 0); // the same context again
            hashed.findBuckets(1, 0);
            runs.setContexts(hashed);
            int[] again = code(runs, hashed, 'x');
            for (int i = 0; i < 8; i++) {
                int bit = ('x' >>> (7 - i)) & 1;
                // One counter per run length and predicted bit: in each round the first 0 and the
                // first 1 of 'x' (0111 1000) meet fresh counters, the later bits learned ones.
                assertTrue(i < 2 ? again[i] == Logistic.stretch(32768) : (bit == 1 ? again[i] > 0 : again[i] < 0),
                        "round " + round + " bit " + i + ": " + again[i]);
            }
        }
        hashed.setContexts(history, 0);
        hashed.findBuckets(1, 0);
        runs.setContexts(hashed);
        int[] other = code(runs, hashed, 'x' ^ 0x40); // differs at bit 1
        for (int i = 2; i < 8; i++) {
            assertEquals(0, other[i], "no input once the byte disagrees");
        }
    }
}
