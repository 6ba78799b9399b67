package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theCmSetIsTheSharedContextsWithBitHistories() {
        ContextDef[] contexts = ModelSet.CM.contexts();
        assertEquals(24, contexts.length);
        for (ContextDef c : contexts) {
            assertTrue(!c.perStream, c.name());
        }
        assertTrue(ModelSet.CM.bitHistories);
        assertTrue(!ModelSet.TEXT.bitHistories);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, ModelSet.CM.runContexts()); // orders 2, 3, 4, 6, word with byte
        assertEquals(5, ModelSet.CM.mixers(false).length, "no confidence mixer without a network");
    }

    @Test
    void theSetsAreTheTextAndTheCmSet() {
        assertEquals(ModelSet.TEXT, ModelSet.of(BitMixConfig.TEXT_SET));
        assertEquals(ModelSet.CM, ModelSet.of(BitMixConfig.CM_SET));
        assertThrows(IllegalArgumentException.class, () -> ModelSet.of(1));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(21, 255, 6, 22, 16, 6, 4));
    }
}
