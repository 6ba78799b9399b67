package org.nzip.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void unknownValueIsRejectedWithTheValidValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> TensorOps.named("gpu"));
        assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
        assertTrue(e.getMessage().contains(TensorOps.PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("auto, vector, scalar"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorOps.select(""));
        assertThrows(IllegalArgumentException.class, () -> TensorOps.select(null));
    }

    @Test
    void choicesAndNames() {
        assertEquals(List.of("auto", "vector", "scalar", "native"), TensorOps.choices());
        assertEquals("scalar", TensorOps.named("scalar").name());
        assertEquals("scalar", TensorOps.named(" Scalar ").name());
        assertEquals("vector", TensorOps.named("VECTOR").name());
        assertTrue(TensorOps.named("vector").description().matches("vector \\(\\d+-bit, \\d+ lanes\\)"),
                TensorOps.named("vector").description());
        assertEquals("scalar (Java, Math.fma)", TensorOps.named("scalar").description());
    }

    @Test
    void autoPicksVectorWhenTheModuleAndEightLanesArePresent() {
        assertTrue(TensorOps.vectorModulePresent(), "surefire must run with --add-modules jdk.incubator.vector");
        // ... unless the C kernels are there and measured faster on this CPU's path (TensorOps.NATIVE_PREFERRED_ISAS)
        String expected = NativeTensorOps.available() && TensorOps.NATIVE_PREFERRED_ISAS.contains(NativeTensorOps.bestIsa())
                ? "native" : VectorTensorOps.preferredLanes() >= 8 ? "vector" : "scalar";
        assertEquals(expected, TensorOps.autoChoice());
        assertEquals(expected, TensorOps.named("auto").name());
    }

    @Test
    void getIsOneProcessWideInstance() {
        TensorOps ops = TensorOps.get();
        assertNotNull(ops);
        assertSame(ops, TensorOps.get());
        String prop = System.getProperty(TensorOps.PROPERTY, "auto");
        assertEquals(prop.equals("auto") ? TensorOps.autoChoice() : prop, ops.name());
    }
}
