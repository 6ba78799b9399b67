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
        used.addAll(Arrays.asList(ModelSet.TEXT_MAX.historyContexts()));
        assertEquals(EnumSet.allOf(ContextDef.class), used, "every context is in a set (none is dead)");
        EnumSet<MixerSelector> mixers = EnumSet.noneOf(MixerSelector.class);
        EnumSet<ApmContext> apms = EnumSet.noneOf(ApmContext.class);
        for (ModelSet set : new ModelSet[] {ModelSet.TEXT, ModelSet.CM, ModelSet.TEXT_MAX, ModelSet.CM_MAX}) {
            mixers.addAll(Arrays.asList(set.mixers(true)));
            apms.addAll(Arrays.asList(set.apms()));
            apms.addAll(Arrays.asList(set.chain()));
        }
        assertEquals(EnumSet.allOf(MixerSelector.class), mixers, "every mixer selector is in a set");
        assertEquals(EnumSet.allOf(ApmContext.class), apms, "every APM context is in a set");
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10}, ModelSet.TEXT.runContexts());
        for (int k = 0; k < contexts.length; k++) {
            assertEquals(k >= 5, contexts[k].perStream, contexts[k].name());
        }
        for (ContextDef c : ModelSet.TEXT.historyContexts()) {
            assertTrue(!c.perStream, c.name());
        }
        assertEquals((1 << 16) + (1 << 12) + (1 << 16) + (1 << 10), ModelSet.TEXT.apmContexts(), "the final stage's included");
    }

    @Test
    void theTextAndCmSetsEndWithAStageByTheMatchExpectationTheMaxSetsWithNone() {
        assertArrayEquals(new ApmContext[] {ApmContext.MATCH_EXPECTATION}, ModelSet.TEXT.chain());
        assertArrayEquals(new ApmContext[] {ApmContext.MATCH_EXPECTATION}, ModelSet.CM.chain());
        assertEquals(0, ModelSet.TEXT_MAX.chain().length);
        assertEquals(0, ModelSet.CM_MAX.chain().length);
        ModelSet plain = ModelSet.CM.chained();
        assertEquals(0, plain.chain().length);
        assertArrayEquals(ModelSet.CM.apms(), plain.apms(), "chained() changes the final stages only");
        assertEquals(ModelSet.CM.contextCount(), plain.contextCount());
    }

    @Test
    void onlyTheTextMaxSetsFinalMixerWeighsTheNetworkDirectly() {
        ModelSet max = ModelSet.TEXT_MAX;
        assertEquals(max.mixers(true).length + 1, max.finalInputs(true));
        assertEquals(max.mixers(false).length, max.finalInputs(false), "without a network, only the mixers");
        assertEquals(4, max.finalRate);
        for (ModelSet set : new ModelSet[] {ModelSet.TEXT, ModelSet.CM, ModelSet.CM_MAX}) {
            assertEquals(set.mixers(true).length, set.finalInputs(true));
            assertEquals(ModelSet.FINAL_RATE, set.finalRate);
        }
        ModelSet copy = max.extrasOn(ModelSet.CM);
        assertEquals(4, copy.finalRate, "a variant keeps the final mixer");
        assertTrue(copy.networkInFinal);
        assertEquals(4, max.chained().finalRate, "chained() keeps it too");
        assertTrue(max.chained().networkInFinal);
        assertThrows(IllegalArgumentException.class, () -> ModelSet.TEXT.withFinalMixer(0, true));
        assertThrows(IllegalArgumentException.class, () -> ModelSet.TEXT.withFinalMixer(ModelSet.MAX_FINAL_RATE + 1, false));
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
        assertEquals(ModelSet.TEXT_MAX, ModelSet.of(BitMixConfig.TEXT_MAX_SET));
        assertEquals(ModelSet.CM_MAX, ModelSet.of(BitMixConfig.CM_MAX_SET));
        assertThrows(IllegalArgumentException.class, () -> ModelSet.of(1));
        assertThrows(IllegalArgumentException.class, () -> new BitMixConfig(21, 255, 6, 22, 16, 6, 6));
    }

    @Test
    void theMaxSetsAddToTheirBaseSets() {
        for (ModelSet[] pair : new ModelSet[][] {{ModelSet.TEXT, ModelSet.TEXT_MAX}, {ModelSet.CM, ModelSet.CM_MAX}}) {
            ModelSet base = pair[0];
            ModelSet max = pair[1];
            assertArrayEquals(base.contexts(), max.contexts());
            assertArrayEquals(base.runContexts(), max.runContexts());
            assertEquals(Arrays.asList(base.historyContexts()), Arrays.asList(max.historyContexts()).subList(0, base.historyCount()));
            assertEquals(37, max.historyCount());
            assertEquals(2 * max.historyCount() + 1, max.historyInputs(), "a byte history beside each, and the deterministic input");
            assertEquals(base.historyCount(), base.historyInputs());
            assertEquals(Arrays.asList(base.mixers(true)), Arrays.asList(max.mixers(true)).subList(0, base.mixers(true).length));
            assertTrue(BitMixer.inputCount(max) <= Mixer.MAX_INPUTS, "the mixers take every input");
            assertTrue(Arrays.stream(max.historyScales()).anyMatch(x -> x > 0) && Arrays.stream(max.historyScales()).anyMatch(x -> x < 0));
            assertArrayEquals(new int[base.historyCount()], base.historyScales(), "the lighter sets' tables are all of the configured size");
        }
    }

    @Test
    void tableScalesNameTheSetsHistoryContextsWithinBounds() {
        ModelSet base = ModelSet.CM;
        assertThrows(IllegalArgumentException.class, () -> base.scaled(java.util.Map.of(ContextDef.ORDER2, 1)), "a context with counters");
        assertThrows(IllegalArgumentException.class, () -> base.scaled(java.util.Map.of(ContextDef.ORDER8, ModelSet.MAX_TABLE_SCALE + 1)));
        ModelSet scaled = base.scaled(java.util.Map.of(ContextDef.ORDER8, 1, ContextDef.BYTE_4, -2));
        int[] scales = scaled.historyScales();
        ContextDef[] contexts = scaled.historyContexts();
        for (int k = 0; k < contexts.length; k++) {
            assertEquals(contexts[k] == ContextDef.ORDER8 ? 1 : contexts[k] == ContextDef.BYTE_4 ? -2 : 0, scales[k], contexts[k].name());
        }
        assertArrayEquals(scales, scaled.chained(ApmContext.MATCH_EXPECTATION).historyScales(), "kept by the other builders");
        assertTrue(scaled.withDeterministicInput().deterministicInput);
        assertEquals(base.historyInputs() + 1, scaled.withDeterministicInput().historyInputs());
    }
}
