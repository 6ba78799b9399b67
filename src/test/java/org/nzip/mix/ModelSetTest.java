package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelSetTest {

    @Test
    void theStreamSetExtendsTheBaseSet() {
        ContextDef[] base = ModelSet.BASE.contexts();
        ContextDef[] stream = ModelSet.STREAM.contexts();
        assertArrayEquals(base, Arrays.copyOf(stream, base.length));
        assertEquals(7, base.length);
        assertEquals(20, stream.length);
        assertEquals(0, ModelSet.BASE.runCount());
        assertArrayEquals(new int[] {7, 8, 9, 10, 11, 12}, ModelSet.STREAM.runContexts());
        for (ContextDef c : base) {
            assertFalse(c.perStream);
        }
        assertEquals(3, ModelSet.BASE.firstLayer());
        assertEquals(4, ModelSet.STREAM.firstLayer());
        assertEquals((1 << 16) + (1 << 12), ModelSet.BASE.apmContexts());
    }
}
