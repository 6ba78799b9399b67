package org.nzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            try (ForwardPipeline f = new ForwardPipeline(p, probs, threaded, (nanos, way) -> way)) {
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
    void switchesWaysAtWindowEnds() {
        Recorder p = new Recorder(-1);
        float[] probs = new float[5 * Predictor.ALPHABET];
        List<Boolean> told = new ArrayList<>();
        Predictor watched = new Predictor() { // records useSecondThread; has a second thread of its own
            @Override public int streams() { return p.streams(); }
            @Override public int window() { return p.window(); }
            @Override public int position() { return 0; }
            @Override public void predict(int position, int from, int to, float[] out) { p.predict(position, from, to, out); }
            @Override public void observe(int from, int to, int active, int[] symbols) {}
            @Override public void endStep(int active) {}
            @Override public boolean sharesProducts() { return true; }
            @Override public void useSecondThread(boolean use) { told.add(use); }
        };
        List<ForwardPipeline.Way> offered = new ArrayList<>();
        ForwardPipeline.Schedule rotate = new ForwardPipeline.Schedule() { // another way every window
            @Override public void ways(List<ForwardPipeline.Way> ways) { offered.addAll(ways); }
            @Override public ForwardPipeline.Way next(long nanos, ForwardPipeline.Way way) {
                return offered.get((offered.indexOf(way) + 1) % offered.size());
            }
        };
        List<String> expected = new ArrayList<>();
        List<ForwardPipeline.Way> taken = new ArrayList<>();
        try (ForwardPipeline f = new ForwardPipeline(watched, probs, true, rotate)) {
            assertEquals(List.of(ForwardPipeline.Way.ONE_THREAD, ForwardPipeline.Way.SHARED_PRODUCTS,
                    ForwardPipeline.Way.HALVES), offered);
            for (int window = 0; window < 6; window++) {
                taken.add(f.way());
                assertEquals(f.way() == ForwardPipeline.Way.HALVES ? 2 : 1, f.parts());
                for (int part = 0; part < f.parts(); part++) {
                    f.release(window, part);
                    expected.add(window + ":" + f.bound(part) + "-" + f.bound(part + 1));
                }
                for (int part = 0; part < f.parts(); part++) {
                    f.await();
                    if (f.parts() == 1) {
                        assertSame(Thread.currentThread(), p.lastThread); // one part: the caller's
                    }
                }
                f.windowEnded(false);
            }
            f.release(9, 0);
            assertThrows(IllegalStateException.class, () -> f.windowEnded(false)); // a task in flight
            f.await();
        }
        expected.add("9:0-2");
        assertEquals(expected, p.calls);
        assertEquals(List.of(ForwardPipeline.Way.HALVES, ForwardPipeline.Way.ONE_THREAD,
                ForwardPipeline.Way.SHARED_PRODUCTS, ForwardPipeline.Way.HALVES, ForwardPipeline.Way.ONE_THREAD,
                ForwardPipeline.Way.SHARED_PRODUCTS), taken);
        // told only when the second thread's use changes: off for one thread, on again after it
        assertEquals(List.of(false, true, false, true), told);
    }

    @Test
    void aPredictorWithoutThreadsOfItsOwnIsNotOfferedSharedProducts() {
        List<ForwardPipeline.Way> offered = new ArrayList<>();
        ForwardPipeline.Schedule stay = new ForwardPipeline.Schedule() {
            @Override public void ways(List<ForwardPipeline.Way> ways) { offered.addAll(ways); }
            @Override public ForwardPipeline.Way next(long nanos, ForwardPipeline.Way way) { return way; }
        };
        try (ForwardPipeline f = new ForwardPipeline(new Recorder(-1), new float[5 * Predictor.ALPHABET], true, stay)) {
            assertEquals(List.of(ForwardPipeline.Way.ONE_THREAD, ForwardPipeline.Way.HALVES), offered);
            assertEquals(ForwardPipeline.Way.HALVES, f.way());
        }
    }

    /**
     * The measured schedule, fed the window times of a machine where each way has its own cost:
     * it settles on the fastest way and spends most windows there, whichever it starts in.
     */
    @Test
    void theMeasuredScheduleSettlesOnTheFastestWay() {
        List<ForwardPipeline.Way> all = List.of(ForwardPipeline.Way.ONE_THREAD,
                ForwardPipeline.Way.SHARED_PRODUCTS, ForwardPipeline.Way.HALVES);
        long[][] costs = {{90, 50, 100}, {90, 100, 60}, {40, 60, 70}}; // per way, in the order of all
        for (long[] cost : costs) {
            ForwardPipeline.Measured m = new ForwardPipeline.Measured();
            m.ways(all);
            ForwardPipeline.Way way = ForwardPipeline.Way.HALVES;
            int fastest = 0;
            for (int i = 1; i < 3; i++) {
                fastest = cost[i] < cost[fastest] ? i : fastest;
            }
            int atFastest = 0;
            int windows = 3000;
            for (int w = 0; w < windows; w++) {
                way = m.next(cost[all.indexOf(way)], way);
                if (all.indexOf(way) == fastest) {
                    atFastest++;
                }
            }
            assertEquals(all.get(fastest), way, "costs " + java.util.Arrays.toString(cost));
            assertTrue(atFastest > 0.9 * windows, atFastest + " of " + windows + " windows at the fastest way");
        }
    }

    @Test
    void aFailureOnTheWorkerIsThrownByAwaitAndStays() {
        Recorder p = new Recorder(3);
        try (ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], true, (nanos, way) -> way)) {
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
        ForwardPipeline f = new ForwardPipeline(p, new float[5 * Predictor.ALPHABET], true, (nanos, way) -> way);
        f.release(0, 0);
        f.await();
        Thread worker = p.lastThread;
        f.close();
        worker.join(); // returns once the worker has seen close(); no time limit
        assertEquals(Thread.State.TERMINATED, worker.getState());
    }
}
