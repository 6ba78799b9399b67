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
        assertEquals(12, contexts.length);
        assertEquals(21, ModelSet.TEXT.historyCount());
        assertEquals(contexts.length, EnumSet.copyOf(Arrays.asList(contexts)).size());
        EnumSet<ContextDef> used = EnumSet.copyOf(Arrays.asList(contexts));
        used.addAll(Arrays.asList(ModelSet.CM.contexts()));
        used.addAll(Arrays.asList(ModelSet.CM.historyContexts()));
        assertEquals(EnumSet.allOf(ContextDef.class), used, "every context is in a set (none is dead)");
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10}, ModelSet.TEXT.runContexts());
        for (int k = 0; k < contexts.length; k++) {
            assertEquals(k >= 5, contexts[k].perStream, contexts[k].name());
        }
        for (ContextDef c : ModelSet.TEXT.historyContexts()) {
            assertTrue(!c.perStream, c.name());
        }
        assertEquals((1 << 16) + (1 << 12) + (1 << 16), ModelSet.TEXT.apmContexts());
    }

    @Test
    void theCmSetHasFiveCountedContextsAndTheOthersAsBitHistoriesOnly() {
        ContextDef[] contexts = ModelSet.CM.contexts();
        ContextDef[] histories = ModelSet.CM.historyContexts();
        assertEquals(5, contexts.length);
        assertEquals(21, histories.length);
        EnumSet<ContextDef> all = EnumSet.copyOf(Arrays.asList(contexts));
        all.addAll(Arrays.asList(histories));
        assertEquals(26, all.size(), "each context once");
        for (ContextDef c : all) {
            assertTrue(!c.perStream, c.name());
        }
        assertEquals(26, ModelSet.CM.contextCount());
        assertArrayEquals(ModelSet.TEXT.historyContexts(), ModelSet.CM.historyContexts());
        assertTrue(ModelSet.CM.bitHistories);
        assertTrue(ModelSet.TEXT.bitHistories);
        assertEquals(5, ModelSet.TEXT.sharedCount(), "the text set's histories are beside its shared counters only");
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
