package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels once C2 has compiled them: every call must still give the scalar twin's bits,
 * and the compiled code must allocate nothing. (When C2 does not keep a FloatVector in registers it
 * boxes it: a vector object plus a float[] per operation, which once made the activations produce
 * ~150 MB/s of garbage while compressing.) {@link BackendEqualityTest} runs mostly interpreted or in
 * C1, so it cannot see either problem.
 *
 * <p>Each case runs in rounds of calls, comparing every output with the scalar result, until one
 * whole round allocates zero bytes on this thread (which only compiled, scalar-replaced code does),
 * or fails after a generous number of rounds. The bound is on work, not time: C2 compiles a method
 * once it has been called often enough, and a busy machine slows the calls and the compiler alike
 * (measured: at most 105 rounds on an idle 2-core machine, 201 with four busy loops beside it; the
 * budget is 50 times that). Skipped when the JVM cannot compile with C2 or measure thread allocation.
 */
class HotKernelTest {

    private static final int MAX_ROUNDS = 10_000; // per case; normally 1 to 100
    private static final int CALLS_PER_ROUND = 200;

    private static TensorOps scalar;
    private static TensorOps vector;
    private static com.sun.management.ThreadMXBean threads;

    /** One kernel invocation: resets its in-place inputs, then writes {@code out}. */
    private interface Kernel {
        void run(TensorOps ops);
    }

    private record Case(String name, float[] out, Kernel kernel) {}

    @BeforeAll
    static void setUp() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean noC2 = args.stream().anyMatch(a -> a.equals("-Xint") || a.startsWith("-XX:TieredStopAtLevel=")
                && !a.equals("-XX:TieredStopAtLevel=4") || a.equals("-XX:-UseCompiler"));
        assumeTrue(!noC2, "needs C2: " + args);
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled(), "thread allocation not measurable");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(TensorOps.vectorModulePresent(), "jdk.incubator.vector is not in the test JVM");
        scalar = TensorOps.named("scalar");
        vector = TensorOps.named("vector");
    }

    private static float[] random(SplittableRandom r, int n, float scale) {
        return KernelCases.random(r, n, scale);
    }

    private static List<Case> cases() {
        SplittableRandom r = new SplittableRandom(20240611);
        List<Case> cases = new ArrayList<>();
        // element-wise: a full-vector body plus a masked tail (1003 = 62·16 + 11)
        for (int n : new int[] {1003, 5120}) {
            float[] a = KernelCases.activationInputs(r, n);
            float[] out = new float[n];
            cases.add(new Case("tanh n=" + n, out, ops -> ops.tanh(a, 0, out, 0, n)));
            cases.add(new Case("sigmoid n=" + n, out, ops -> ops.sigmoid(a, 0, out, 0, n)));
            float[] w0 = random(r, n, 1), g = random(r, n, 2), v0 = random(r, n, 0.01f);
            for (int i = 0; i < n; i++) {
                v0[i] = Math.abs(v0[i]);
            }
            float[] w = new float[n], v = new float[n];
            float[] wv = new float[2 * n];
            cases.add(new Case("adamUpdate n=" + n, wv, ops -> {
                System.arraycopy(w0, 0, w, 0, n);
                System.arraycopy(v0, 0, v, 0, n);
                ops.adamUpdate(w, 0, g, 0, v, 0, n, 1e-3f, 0.9999f, 1e-5f, 1f);
                System.arraycopy(w, 0, wv, 0, n);
                System.arraycopy(v, 0, wv, n, n);
            }));
        }
        // column-wise
        for (int b : new int[] {1, 17, 32}) {
            int rows = 256;
            float[] x = random(r, rows * b, 8), out = new float[rows * b];
            cases.add(new Case("softmax 256x" + b, out, ops -> ops.softmax(x, 0, rows, b, out, 0)));
        }
        // the transformer's: SwiGLU (masked tail), attention over a span (full column blocks and the scalar tail)
        {
            int n = 1003;
            float[] u = KernelCases.activationInputs(r, 2 * n), h = new float[n], dh = random(r, n, 1), du = new float[2 * n];
            cases.add(new Case("swiglu n=" + n, h, ops -> ops.swiglu(u, 0, n, h, 0)));
            cases.add(new Case("swigluBackward n=" + n, du, ops -> ops.swigluBackward(u, 0, n, dh, 0, du, 0)));
        }
        for (int b : new int[] {17, 32}) {
            int span = 40, d = 24, stride = 2 * d * b;
            float[] q = random(r, d * b, 1), keys = random(r, span * stride, 1), p = random(r, span * b, 1);
            float[] scores = new float[span * b], mixed = new float[d * b], dk0 = random(r, span * stride, 1);
            float[] dk = new float[span * stride];
            cases.add(new Case("attentionScores B=" + b, scores,
                    ops -> ops.attentionScores(q, 0, keys, 0, stride, span, d, b, 0.2f, scores, 0)));
            cases.add(new Case("attentionMix B=" + b, mixed,
                    ops -> ops.attentionMix(p, 0, keys, 0, stride, span, d, b, mixed, 0, false)));
            cases.add(new Case("attentionOuter B=" + b, dk, ops -> {
                System.arraycopy(dk0, 0, dk, 0, dk.length);
                ops.attentionOuter(p, 0, q, 0, span, d, b, dk, 0, stride);
            }));
        }
        // products: 6/8-row tiles with row remainders, full column blocks and the scalar column tail
        int m = 45, k = 37;
        float[] w = random(r, m * k, 1), bias = random(r, m, 1);
        for (int b : new int[] {1, 17, 32, 48}) {
            float[] x = random(r, k * b, 1), y = new float[m * b];
            cases.add(new Case("matmulBias " + m + "x" + k + " B=" + b, y, ops -> ops.matmulBias(w, 0, m, k, bias, 0, x, 0, b, y, 0)));
            float[] dy = random(r, m * b, 1), dx = new float[k * b], dx0 = random(r, k * b, 1);
            cases.add(new Case("matmulTransposedRows " + m + "x" + k + " B=" + b, dx,
                    ops -> ops.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, b, dx, 0, false)));
            cases.add(new Case("matmulTransposedRows+= " + m + "x" + k + " B=" + b, dx, ops -> {
                System.arraycopy(dx0, 0, dx, 0, dx.length);
                ops.matmulTransposedRows(w, 0, m, k, 0, k, dy, 0, b, dx, 0, true);
            }));
            float[] xT = random(r, b * k, 1), dw0 = random(r, m * k, 1), dw = new float[m * k];
            cases.add(new Case("outerAccumulate " + m + "x" + k + " B=" + b, dw, ops -> {
                System.arraycopy(dw0, 0, dw, 0, dw.length);
                ops.outerAccumulate(dy, 0, m, xT, 0, k, b, dw, 0);
            }));
        }
        return cases;
    }

    @Test
    void compiledKernelsKeepTheBitsAndAllocateNothing() {
        List<String> slow = new ArrayList<>();
        for (Case c : cases()) {
            c.kernel.run(scalar);
            float[] expected = c.out.clone();
            long rounds = 0;
            double lastBytesPerCall;
            while (true) {
                long a0 = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    c.kernel.run(vector);
                    compare(c.name, expected, c.out);
                }
                long bytes = threads.getCurrentThreadAllocatedBytes() - a0;
                rounds++;
                lastBytesPerCall = bytes / (double) CALLS_PER_ROUND;
                if (bytes == 0) {
                    break;
                }
                if (rounds >= MAX_ROUNDS) {
                    slow.add(c.name + ": still " + lastBytesPerCall + " bytes/call after " + rounds + " rounds");
                    break;
                }
            }
        }
        if (!slow.isEmpty()) {
            fail("vector kernels that allocate once compiled (a FloatVector is boxed somewhere):\n  "
                    + String.join("\n  ", slow));
        }
    }

    private static void compare(String name, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (!BackendEqualityTest.sameBits(expected[i], actual[i])) {
                fail(name + ": element " + i + " differs: scalar " + expected[i] + " vs vector " + actual[i]);
            }
        }
    }
}
