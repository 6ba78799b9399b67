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
            try (ForwardPipeline f = new ForwardPipeline(p, probs, threaded, (nanos, two) -> two)) {
                if (!threaded) {
                    assertEquals(1, f.parts());
                    f.release(0, 0);
                    f.await();
                    assertEquals(List.of("0:0-5"), p.calls);
                    assertSame(Thread.currentThread(), p.lastThread);
                    continue;
                }
                assertEquals(2, f.parts());
                assertEquals(0, f.bound(0));
                assertEquals(2, f.bound(1));
                assertEquals(5, f.bound(2));
                f.release(0, 0);
                f.release(0, 1);
                assertThrows(IllegalStateException.class, () -> f.release(1, 0)); // at most two in flight
                for (int step = 0; step < 50; step++) {
                    f.await();
                    assertEquals(step % 4, probs[0], threaded + " step " + step);
                    f.release((step + 1) % 4, 0);
                    f.await();
                    assertEquals(step % 4, probs[2 * Predictor.ALPHABET]);
                    f.release((step + 1) % 4, 1);
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
    void switchesBetweenOneThreadAndTwoAtWindowEnds() {
        Recorder p = new Recorder(-1);
        float[] probs = new float[5 * Predictor.ALPHABET];
        List<Boolean> told = new ArrayList<>();
        Predictor watched = new Predictor() { // records useSecondThread
            @Override public int streams() { return p.streams(); }
            @Override public int window() { return p.window(); }
            @Override public int position() { return 0; }
            @Override public void predict(int position, int from, int to, float[] out) { p.predict(position, from, to, out); }
            @Override public void observe(int from, int to, int active, int[] symbols) {}
            @Override public void endStep(int active) {}
            @Override public void useSecondThread(boolean use) { told.add(use); }
        };
        List<String> expected = new ArrayList<>();
        try (ForwardPipeline f = new ForwardPipeline(watched, probs, true, (nanos, two) -> !two)) { // switch every window
            for (int window = 0; window < 6; window++) {
                boolean two = window % 2 == 0;
                assertEquals(two ? 2 : 1, f.parts());
                for (int part = 0; part < f.parts(); part++) {
                    f.release(window, part);
                    expected.add(window + ":" + f.bound(part) + "-" + f.bound(part + 1));
                }
                for (int part = 0; part < f.parts(); part++) {
                    f.await();
                }
                f.windowEnded(false);
            }
            f.release(9, 0);
            assertThrows(IllegalStateException.class, () -> f.windowEnded(false)); // a task in flight
            f.await();
        }
        expected.add("9:0-2");
        assertEquals(expected, p.calls);
        assertEquals(List.of(false, true, false, true, false, true), told);
    }

    @Test
    void aFailureOnTheWorkerIsThrownByAwaitAndStays() {
        Recorder p = new Recorder(3);
        try (ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], true, (nanos, two) -> two)) {
            f.release(0, 0);
            f.release(0, 1);
            f.await();
            f.release(1, 0);
            f.await();
            f.release(1, 1);
            f.await(); // the third task succeeded
            var e = assertThrows(IllegalStateException.class, f::await); // the fourth failed
            assertEquals("boom", e.getMessage());
            assertThrows(IllegalStateException.class, f::await);
        }
    }

    @Test
    void closeEndsTheWorker() throws InterruptedException {
        Recorder p = new Recorder(-1);
        ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], true, (nanos, two) -> two);
        f.release(0, 0);
        f.await();
        Thread worker = p.lastThread;
        f.close();
        worker.join(); // returns once the worker has seen close(); no time limit
        assertEquals(Thread.State.TERMINATED, worker.getState());
    }
}
