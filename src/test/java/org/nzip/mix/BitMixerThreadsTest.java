package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.TestData;

/**
 * The context group on a second thread ({@link GroupWorker}) gives every bit the probability it gets
 * on one thread, whatever the schedule: always two threads, a switch at every window, or the measured
 * schedule; and a thread that takes no call (the mixer then runs them itself) changes nothing either.
 */
class BitMixerThreadsTest {

    private static final BitMixConfig CM = new BitMixConfig(18, 255, 6, 16, 10, 6, BitMixConfig.CM_SET);

    /** Text, then binary noise, then text again: several windows, two blocks. */
    private static byte[][] blocks() {
        byte[] text = TestData.wordSalad(3 * BitMixer.WINDOW + 77, 3);
        byte[] noise = new byte[BitMixer.WINDOW + 5];
        new SplittableRandom(9).nextBytes(noise);
        byte[] first = Arrays.copyOf(text, text.length + noise.length);
        System.arraycopy(noise, 0, first, text.length, noise.length);
        return new byte[][] {first, TestData.wordSalad(2 * BitMixer.WINDOW + 1, 4)};
    }

    /** Every bit's probability, in coding order. */
    private static int[] probabilities(BitMixer m, byte[][] blocks) {
        int total = 0;
        for (byte[] b : blocks) {
            total += 8 * b.length;
        }
        int[] p = new int[total];
        int i = 0;
        int[] sym = new int[1];
        for (byte[] block : blocks) {
            m.startBlock(block.length);
            for (byte b : block) {
                int x = b & 0xFF;
                m.beginSymbol(0, null);
                for (int k = 7; k >= 0; k--) {
                    p[i++] = m.p1();
                    m.update((x >>> k) & 1);
                }
                sym[0] = x;
                m.endStep(1, sym);
            }
        }
        return p;
    }

    @Test
    void twoThreadsGiveTheProbabilitiesOfOne() {
        byte[][] blocks = blocks();
        int[] reference = probabilities(new BitMixer(CM, 1, false), blocks);
        ThreadSchedule[] schedules = {
                (nanos, two) -> true,  // always two threads
                (nanos, two) -> !two,  // a switch at every window end
                new ThreadSchedule.Measured(),
        };
        for (ThreadSchedule schedule : schedules) {
            try (BitMixer two = new BitMixer(CM, 1, false, schedule)) {
                assertArrayEquals(reference, probabilities(two, blocks), "schedule " + schedule);
            }
        }
    }

    @Test
    void theMixerRunsTheCallsNoThreadTook() {
        // A worker that never serves: join() takes every posted call itself.
        byte[][] blocks = blocks();
        int[] reference = probabilities(new BitMixer(CM, 1, false), blocks);
        try (BitMixer two = new BitMixer(CM, ModelSet.CM, 1, false, (nanos, t) -> true, false)) {
            assertArrayEquals(reference, probabilities(two, blocks));
        }
    }

    @Test
    void closeStopsTheThread() {
        BitMixer two = new BitMixer(CM, 1, false, (nanos, t) -> true);
        assertTrue(two.hasWorkerThread());
        probabilities(two, new byte[][] {TestData.wordSalad(500, 1)});
        two.close();
        assertFalse(two.hasWorkerThread());
        two.close(); // twice is harmless
        assertFalse(new BitMixer(CM, 1, false).hasWorkerThread());
    }
}
