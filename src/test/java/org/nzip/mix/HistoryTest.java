package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void historyFoldsCaseInWords() {
        History upper = new History(1);
        History lower = new History(1);
        for (byte b : "Hello World".getBytes()) {
            upper.update(0, b);
        }
        for (byte b : "hello world".getBytes()) {
            lower.update(0, b);
        }
        assertEquals(lower.word(0), upper.word(0));
        assertEquals(lower.previousWord(0), upper.previousWord(0));
        assertEquals('d', upper.lastByte(0));
        assertEquals(0, upper.wordBefore(0));
        assertEquals(('r' << 16) | ('l' << 8) | 'd', upper.last4(0) & 0xFFFFFF);
    }

    @Test
    void streamsAreApart() {
        History h = new History(2);
        h.update(0, 'a');
        h.update(0, ' ');
        assertNotEquals(0, h.previousWord(0));
        assertEquals(0, h.previousWord(1));
        assertEquals(0, h.last4(1));
        assertEquals('a' << 8 | ' ', h.last4(0));
    }
}
