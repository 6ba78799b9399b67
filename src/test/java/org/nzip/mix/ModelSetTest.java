package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ModelSetTest {

    @Test
    void theTextSetListsEachContextOnceWithItsRunModels() {
        ContextDef[] contexts = ModelSet.TEXT.contexts();
        assertEquals(31, contexts.length);
        assertEquals(contexts.length, EnumSet.copyOf(Arrays.asList(contexts)).size());
        assertEquals(contexts.length, ContextDef.values().length, "every context is in the set (none is dead)");
        assertArrayEquals(new int[] {7, 8, 9, 10, 11, 12}, ModelSet.TEXT.runContexts());
        for (int k = 0; k < contexts.length; k++) {
            assertEquals(k >= 7 && k <= 13, contexts[k].perStream, contexts[k].name());
        }
        assertEquals((1 << 16) + (1 << 12) + (1 << 16), ModelSet.TEXT.apmContexts());
    }

    @Test
    void onlyTheTextSetExists() {
        assertEquals(ModelSet.TEXT, ModelSet.of(BitMixConfig.TEXT_SET));
        assertThrows(IllegalArgumentException.class, () -> ModelSet.of(1));
    }
}
