package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A decoder's life: it releases its model at the end of the stream, and a failure is final. */
class StreamLifecycleTest {

    private static long workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("nzip-model-worker") && t.isAlive()).count();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a safety net for a worker that never ends, not a speed check
    void streamsReadToTheEndReleaseTheirWorkersWithoutClose() throws IOException {
        byte[] data = TestData.text(300);
        // default's 2x160 LSTM splits its products over a second thread
        byte[] packed = Nzip.compress(data, NzipOptions.of(Preset.DEFAULT).modelBySize(false).threads(2));
        long before = workers();
        java.util.Set<Thread> earlier = Thread.getAllStackTraces().keySet(); // other tests' workers are not this test's to wait for
        List<NzipInputStream> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(packed), new NzipOptions().threads(2));
            assertArrayEquals(data, in.readAllBytes());
            open.add(in); // never closed
        }
        // A worker ends as soon as it sees its stream finished; how soon depends on the scheduler, so
        // wait for each one to end (joined, not polled a fixed number of times: on a loaded machine a
        // worker may not run for a while). A worker that never ends fails the test at its timeout.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("nzip-model-worker") && !earlier.contains(t)) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        assertTrue(workers() <= before, "workers left: " + (workers() - before));
        assertTrue(open.size() == 20);
    }

    @Test
    void aFailureIsFinalAndEveryLaterCallThrowsTheSameException() throws IOException {
        byte[] packed = Nzip.compress(TestData.text(3000), NzipOptions.of(Preset.CM).blockSize(1024));
        int[] calls = {0};
        NzipOptions options = new NzipOptions().progressListener((u, c) -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("listener failed");
            }
        });
        NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(packed), options);
        byte[] buf = new byte[4096];
        NzipException first = assertThrows(NzipException.class, () -> in.readNBytes(buf, 0, buf.length));
        assertTrue(first.getCause() instanceof IllegalStateException, first.toString());
        for (int i = 0; i < 3; i++) {
            assertSame(first, assertThrows(NzipException.class, in::read));
            assertSame(first, assertThrows(NzipException.class, () -> in.read(buf)));
        }
        in.close();
    }
}
