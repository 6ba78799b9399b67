package org.nzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nzip.model.Predictor;

/** The forward-pass queue: order, ranges, positions, failures and the worker's end. No test depends on timing. */
class ForwardPipelineTest {

    /** Records its predict calls; fails at the given call number. */
    private static final class Recorder implements Predictor {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final int failAt;
        volatile Thread lastThread;

        Recorder(int failAt) {
            this.failAt = failAt;
        }

        @Override public int streams() { return 5; }
        @Override public int window() { return 4; }
        @Override public int position() { return 0; }
        @Override public void observe(int from, int to, int active, int[] symbols) {}
        @Override public void endStep(int active) {}

        @Override
        public void predict(int position, int from, int to, float[] probs) {
            lastThread = Thread.currentThread();
            if (calls.size() == failAt) {
                throw new IllegalStateException("boom");
            }
            calls.add(position + ":" + from + "-" + to);
            probs[from * ALPHABET] = position; // visible to the caller after await
        }
    }

    @Test
    void tasksRunInOrderOnEitherThread() {
        for (boolean threaded : new boolean[] {false, true}) {
            Recorder p = new Recorder(-1);
            float[] probs = new float[5 * Predictor.ALPHABET];
            try (ForwardPipeline f = new ForwardPipeline(p, probs, 2, threaded)) {
                assertEquals(2, f.parts());
                assertEquals(0, f.bound(0));
                assertEquals(2, f.bound(1));
                assertEquals(5, f.bound(2));
                f.release(0);
                f.release(0);
                assertThrows(IllegalStateException.class, () -> f.release(1)); // at most two in flight
                for (int step = 0; step < 50; step++) {
                    f.await();
                    assertEquals(step % 4, probs[0], threaded + " step " + step);
                    f.release((step + 1) % 4);
                    f.await();
                    assertEquals(step % 4, probs[2 * Predictor.ALPHABET]);
                    f.release((step + 1) % 4);
                }
                f.await();
                f.await();
                assertThrows(IllegalStateException.class, f::await); // nothing released
            }
            assertEquals(102, p.calls.size());
            for (int i = 0; i < p.calls.size(); i++) {
                assertEquals((i / 2) % 4 + ":" + (i % 2 == 0 ? "0-2" : "2-5"), p.calls.get(i));
            }
        }
    }

    @Test
    void oneTaskPerStepForOnePart() {
        Recorder p = new Recorder(-1);
        try (ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], 1, false)) {
            f.release(3);
            f.await();
            assertEquals(List.of("3:0-5"), p.calls);
            assertSame(Thread.currentThread(), p.lastThread);
        }
    }

    @Test
    void aFailureOnTheWorkerIsThrownByAwaitAndStays() {
        Recorder p = new Recorder(3);
        try (ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], 2, true)) {
            f.release(0);
            f.release(0);
            f.await();
            f.release(1);
            f.await();
            f.release(1);
            f.await(); // the third task succeeded
            var e = assertThrows(IllegalStateException.class, f::await); // the fourth failed
            assertEquals("boom", e.getMessage());
            assertThrows(IllegalStateException.class, f::await);
        }
    }

    @Test
    void closeEndsTheWorker() throws InterruptedException {
        Recorder p = new Recorder(-1);
        ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], 2, true);
        f.release(0);
        f.await();
        Thread worker = p.lastThread;
        f.close();
        worker.join(); // returns once the worker has seen close(); no time limit
        assertEquals(Thread.State.TERMINATED, worker.getState());
    }
}
