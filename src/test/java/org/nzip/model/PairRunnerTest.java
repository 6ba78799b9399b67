package org.nzip.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairRunnerTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStartedTaskIsDoneBeforeJoinReturnsAndBeforeTheNextRun(boolean parallel) {
        try (PairRunner pair = new PairRunner(parallel)) {
            long[] sums = new long[3];
            for (int round = 0; round < 200; round++) {
                int r = round;
                pair.start(() -> sums[0] = sum(r, 20_000));
                if (round % 2 == 0) {
                    pair.join();
                    assertEquals(sum(r, 20_000), sums[0]);
                }
                // the next run joins first: the started task's result is there when its tasks begin
                long[] seen = new long[2];
                pair.run(() -> seen[0] = sums[0], () -> seen[1] = sums[0]);
                assertArrayEquals(new long[] {sum(r, 20_000), sum(r, 20_000)}, seen);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStartedTaskRunsOnceAndItsFailureComesOutOfJoin(boolean parallel) {
        try (PairRunner pair = new PairRunner(parallel)) {
            AtomicInteger runs = new AtomicInteger();
            pair.start(runs::incrementAndGet);
            pair.join();
            pair.join(); // nothing left to wait for
            assertEquals(1, runs.get());
            IllegalStateException failure = new IllegalStateException("task failed");
            Runnable failing = () -> {
                throw failure;
            };
            if (parallel) {
                pair.start(failing);
                assertSame(failure, assertThrows(IllegalStateException.class, pair::join));
            } else { // without a worker the task runs inside start()
                assertSame(failure, assertThrows(IllegalStateException.class, () -> pair.start(failing)));
            }
            // the runner goes on working afterwards
            int[] both = new int[2];
            pair.run(() -> both[0] = 1, () -> both[1] = 2);
            assertArrayEquals(new int[] {1, 2}, both);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void disablingTheWorkerWaitsForAStartedTask(boolean parallel) {
        try (PairRunner pair = new PairRunner(parallel)) {
            long[] out = new long[1];
            pair.start(() -> out[0] = sum(7, 50_000));
            pair.enable(false);
            assertEquals(sum(7, 50_000), out[0]);
            pair.start(() -> out[0] = 1); // not enabled: runs in start()
            assertEquals(1, out[0]);
        }
    }

    private static long sum(int seed, int n) {
        long s = seed;
        for (int i = 0; i < n; i++) {
            s = s * 6364136223846793005L + i;
        }
        return s;
    }
}
