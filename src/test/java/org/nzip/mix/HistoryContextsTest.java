package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryContextsTest {

    private static int[] predictAndLearn(HistoryContexts h, History history, int bit) {
        int[] inputs = new int[2];
        h.setContexts(history, 0);
        h.findSlots(1, 0);
        int seen = h.predict(inputs, 0, 1, 1);
        h.update(bit);
        return new int[] {seen, inputs[0], inputs[1]};
    }

    @Test
    void learnsWhatFollowsAContextAndTellsContextsApart() {
        HistoryContexts h = new HistoryContexts(new ContextDef[] {ContextDef.ORDER2, ContextDef.ORDER5}, new int[2], 18, false, false);
        h.allocate(1000);
        History ab = new History(1);
        ab.update(0, 'a');
        ab.update(0, 'b');
        assertEquals(0, predictAndLearn(h, ab, 1)[0], "nothing seen yet");
        int[] r = null;
        for (int round = 0; round < 60; round++) { // the history reaches its longest run of ones, and stays
            r = predictAndLearn(h, ab, 1);
        }
        assertEquals(2, r[0]);
        assertTrue(r[1] > 0 && r[2] > 0, "the state maps learned the ones");
        History cd = new History(1);
        cd.update(0, 'c');
        cd.update(0, 'd');
        assertEquals(0, predictAndLearn(h, cd, 0)[0], "another context starts empty");
        assertEquals(2, predictAndLearn(h, ab, 1)[0], "and the first one is kept");
    }

    /** Codes byte {@code x} after {@code history} with one context; returns the byte-history input of each bit. */
    private static int[] codeByte(HistoryContexts h, History history, int x) {
        int[] inputs = new int[2];
        int[] runInputs = new int[8];
        h.setContexts(history, 0);
        int c0 = 1;
        for (int i = 0; i < 8; i++) {
            if (i == 0 || i == 4) {
                h.findSlots(c0, i);
            }
            int known = i & 3;
            h.predict(inputs, 0, (1 << known) | (c0 & ((1 << known) - 1)), c0);
            runInputs[i] = inputs[1];
            int bit = x >> (7 - i) & 1;
            h.update(bit);
            c0 = c0 << 1 | bit;
        }
        h.endByte(x);
        return runInputs;
    }

    @Test
    void aByteHistoryPredictsTheByteThatFollowedTheContext() {
        HistoryContexts h = new HistoryContexts(new ContextDef[] {ContextDef.ORDER2}, new int[1], 18, true, false);
        assertEquals(2, h.inputs());
        h.allocate(1000);
        History ab = new History(1);
        ab.update(0, 'a');
        ab.update(0, 'b');
        assertArrayEquals(new int[8], codeByte(h, ab, 'x'), "no byte seen yet: no opinion");
        int[] r = null;
        for (int round = 0; round < 40; round++) {
            r = codeByte(h, ab, 'x');
        }
        for (int i = 0; i < 8; i++) {
            int bit = 'x' >> (7 - i) & 1;
            assertTrue(bit == 1 ? r[i] > 0 : r[i] < 0, "bit " + i + " of the run's byte: " + r[i]);
        }
        // 'y' differs from 'x' only in the last bit; once its runs have taught the run map, it is followed there.
        for (int round = 0; round < 40; round++) {
            r = codeByte(h, ab, 'y');
        }
        assertTrue(r[7] > 0, "the last byte seen decides: 'y' ends in 1");
        History cd = new History(1);
        cd.update(0, 'c');
        cd.update(0, 'd');
        assertArrayEquals(new int[8], codeByte(h, cd, 'z'), "another context has its own history");
    }

    @Test
    void aFullLineGivesUpItsLeastTrainedSlot() {
        byte[] t = new byte[2 * HistoryContexts.LINE];
        int line = HistoryContexts.LINE;
        int[] firstNode = {BitHistory.next(BitHistory.next(0, 1), 1), BitHistory.next(0, 0), BitHistory.next(BitHistory.next(BitHistory.next(0, 1), 0), 1), BitHistory.next(0, 1)};
        for (int i = 0; i < 4; i++) {
            int at = line + i * HistoryContexts.SLOT;
            t[at] = (byte) (10 + i);
            t[at + 1] = (byte) firstNode[i];
            t[at + 2] = 55;
        }
        assertEquals(line + 2 * HistoryContexts.SLOT, HistoryContexts.find(t, line, 12), "found by its check");
        int victim = HistoryContexts.find(t, line, 99);
        assertEquals(line + HistoryContexts.SLOT, victim, "the first slot whose first node has seen one bit");
        assertEquals(99, t[victim]);
        for (int node = 1; node < HistoryContexts.SLOT; node++) {
            assertEquals(0, t[victim + node], "cleared");
        }
        assertEquals(55, t[line + 2], "the others are kept");
        assertEquals(0, t[0], "the line before is not touched");
    }

    @Test
    void theDeterministicInputSumsTheContextsThatSawOneBitValueOnly() {
        HistoryContexts h = new HistoryContexts(new ContextDef[] {ContextDef.ORDER2, ContextDef.ORDER5}, new int[2], 18, false, true);
        assertEquals(3, h.inputs());
        h.allocate(1000);
        History ab = new History(1);
        ab.update(0, 'a');
        ab.update(0, 'b');
        int[] inputs = new int[3];
        for (int round = 0; round < 60; round++) { // the histories reach their longest run of ones, and stay
            h.setContexts(ab, 0);
            h.findSlots(1, 0);
            h.predict(inputs, 0, 1, 1);
            h.update(1);
        }
        h.setContexts(ab, 0);
        h.findSlots(1, 0);
        h.predict(inputs, 0, 1, 1);
        assertTrue(inputs[0] > 0 && inputs[1] > 0);
        assertEquals((inputs[0] + inputs[1]) >> HistoryContexts.DETERMINISTIC_SHIFT, inputs[2], "both have seen only ones");
        h.update(0); // both histories now hold a 0 beside the ones
        h.setContexts(ab, 0);
        h.findSlots(1, 0);
        h.predict(inputs, 0, 1, 1);
        assertEquals(0, inputs[2], "no context is deterministic any more");
    }

    @Test
    void eachContextHasATableOfItsScale() {
        int[] scales = {1, -3, 0};
        long bytes = HistoryContexts.bytes(scales, 20, 1 << 20, false);
        long tables = (1L << 21) + (1L << 17) + (1L << 20);
        assertTrue(bytes >= tables && bytes < tables + 4096, "tables of 2^21, 2^17 and 2^20 bytes: " + bytes);
        assertEquals((1L << 18) + (1L << 17) + (1L << 18) + (bytes - tables), HistoryContexts.bytes(scales, 20, 100, false),
                "a small first block: the smallest tables, 2^18 bytes (2^17 for the one scaled below)");
        HistoryContexts h = new HistoryContexts(new ContextDef[] {ContextDef.ORDER2, ContextDef.ORDER5, ContextDef.BYTE_4}, scales, 20, false, false);
        h.allocate(1 << 20);
        History ab = new History(1);
        ab.update(0, 'a');
        for (int round = 0; round < 3; round++) { // every table finds and keeps its slot
            h.setContexts(ab, 0);
            h.findSlots(1, 0);
            assertEquals(round == 0 ? 0 : 3, h.predict(new int[3], 0, 1, 1));
            h.update(1);
        }
    }

    @Test
    void tablesGrowWithTheFirstBlock() {
        assertEquals(18, HistoryContexts.tableBits(23, 100));
        assertEquals(23, HistoryContexts.tableBits(23, 1 << 20));
        assertEquals(20, HistoryContexts.tableBits(23, 1 << 14));
    }
}
