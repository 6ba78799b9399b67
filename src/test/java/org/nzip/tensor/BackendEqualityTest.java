package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector backend must give the scalar twin's bits for every output element of every kernel.
 * The Vector API module must be present (surefire adds it): a missing module fails, never skips.
 */
class BackendEqualityTest {

    private static TensorOps scalar;
    private static TensorOps vector;

    @BeforeAll
    static void backends() {
        assertTrue(TensorOps.vectorModulePresent(),
                "jdk.incubator.vector is not in the test JVM: run with --add-modules jdk.incubator.vector");
        scalar = TensorOps.named("scalar");
        vector = TensorOps.named("vector");
        assertEquals("vector", vector.name());
    }

    /** Equal raw bits, except that any NaN equals any NaN (payloads are unspecified). */
    static boolean sameBits(float a, float b) {
        return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b) || (Float.isNaN(a) && Float.isNaN(b));
    }

    static void assertSameBits(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!sameBits(expected[i], actual[i])) {
                fail(what + ": element " + i + " differs: scalar " + expected[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ") vs other " + actual[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + ")");
            }
        }
    }

    /** Runs the same cases (deterministic, in the same order) on both backends and compares outputs. */
    private static void compare(BiConsumer<TensorOps, BiConsumer<String, float[]>> cases) {
        compare(scalar, vector, cases);
    }

    /** Runs the same cases on {@code reference} and on {@code other}, comparing raw bits case by case. */
    static void compare(TensorOps reference, TensorOps other, BiConsumer<TensorOps, BiConsumer<String, float[]>> cases) {
        List<String> names = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        cases.accept(reference, (name, out) -> {
            names.add(name);
            expected.add(out);
        });
        int[] count = {0};
        cases.accept(other, (name, out) -> {
            int i = count[0]++;
            assertEquals(names.get(i), name, "case order");
            assertSameBits(name + " [" + other.description() + "]", expected.get(i), out);
        });
        assertEquals(expected.size(), count[0], "number of cases");
    }

    @Test
    void elementwiseAndAdam() {
        compare(KernelCases::elementwise);
    }

    @Test
    void products() {
        compare(KernelCases::products);
    }

    @Test
    void columnwise() {
        compare(KernelCases::columnwise);
    }

    @Test
    void transformer() {
        compare(KernelCases::transformer);
    }
}
