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

    private static History fed(String text) {
        History h = new History(1);
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            h.update(0, b & 0xFF);
        }
        return h;
    }

    @Test
    void columnsAndTheByteAbove() {
        History h = fed("abcdef\nxy");
        assertEquals(2, h.column(0));
        assertEquals('c', h.above(0)); // the next byte's column in the line before
        History past = fed("ab\nwxyz");
        assertEquals(0, past.above(0), "the line above is shorter");
        assertEquals(4, past.column(0));
        assertEquals(255, fed("x".repeat(300)).column(0));
    }

    @Test
    void bracketsNestAndClose() {
        assertEquals('(' << 8 | '[', fed("f(a[").brackets(0));
        assertEquals('(', fed("f(a[1]").brackets(0));
        assertEquals(0, fed("f(a[1])").brackets(0));
        assertEquals('"', fed("say \"hi").brackets(0));
        assertEquals(0, fed("say \"hi\"").brackets(0));
        assertEquals('(', fed("(a]").brackets(0), "a bracket that does not match is ignored");
    }

    @Test
    void sentencesWordsAndClasses() {
        History h = fed("One two. Three fo");
        assertEquals(1, h.wordsInSentence(0));
        assertEquals(2 << 4 | 5, h.wordLengths(0)); // "fo" so far, "Three" before
        // classes, newest lowest: 'o' 'f' ' ' 'e' → lower, lower, space, lower
        assertEquals(1 | 1 << 3 | 4 << 6 | 1 << 9, h.classes(0) & 0xFFF);
    }

    @Test
    void indirectContextsRememberWhatFollowed() {
        History h = fed("abXcab");
        // the last byte is 'b' and the last two "ab": 'X' followed both
        assertEquals('X', h.afterLastTwo(0) & 0xFF);
        assertEquals('X', h.afterLastByte(0) & 0xFF);
        assertEquals('x' << 8 | 'y', fed("axaya").afterLastByte(0)); // the two bytes that followed 'a', the newest lowest
    }

    @Test
    void theMatchContextNamesByteAndLength() {
        History h = new History(1);
        h.setMatch(-1, 0);
        assertEquals(0, h.matchContext());
        h.setMatch('e', 9);
        assertEquals(('e' + 1) << 4 | 4, h.matchContext());
        h.setMatch(0, 100);
        assertEquals(1 << 4 | 15, h.matchContext());
    }

    @Test
    void nestingCountsWordsSinceTheInnermostBracketChanged() {
        assertEquals(0, fed("see [[big").nestWords(0), "a word being written is not counted");
        assertEquals(1, fed("see [[big ").nestWords(0));
        assertEquals(2, fed("see [[big cat|").nestWords(0));
        assertEquals(0, fed("[[a b ]").nestWords(0), "a closing bracket starts the count again");
        assertEquals(1, fed("[[a b]").nestWords(0), "the word it ends counts after it");
        assertEquals(7, fed("(a b c d e f g h i j ").nestWords(0), "capped at 7");
        assertEquals(2, fed("x [[y").nestKind(0));
        assertEquals(1, fed("f(a").nestKind(0));
        assertEquals(3, fed("{{").nestKind(0));
        assertEquals(4, fed("<b").nestKind(0));
        assertEquals(5, fed("\"a").nestKind(0));
        assertEquals(0, fed("(a)").nestKind(0));
        assertEquals(1, fed("ab").lastClass(0));
        assertEquals(4, fed("ab ").lastClass(0));
    }

    @Test
    void theGapIsWhatLiesBetweenWords() {
        assertEquals(fed("x, y").gap(0), fed("q, z").gap(0), "inside a word: the bytes before it");
        assertNotEquals(fed("x, y").gap(0), fed("x; y").gap(0));
        assertEquals(fed("a ,").gap(0), fed("b ,").gap(0), "between words: the bytes since the last word");
        assertNotEquals(fed("a ,").gap(0), fed("a  ").gap(0));
    }

    @Test
    void keywordsAndTheLineFirstWordLastTheLine() {
        History h = fed("| name = big cat");
        assertEquals(fed("name").word(0), h.keyword(0));
        assertEquals(fed("name").word(0), h.lineWord(0));
        History next = fed("| name = big cat\nnew");
        assertEquals(0, next.keyword(0));
        assertEquals(0, next.lineWord(0), "the line's first word is not finished");
        assertEquals(17, next.lineStartPosition(0));
        assertEquals(20, next.position(0));
    }
}
