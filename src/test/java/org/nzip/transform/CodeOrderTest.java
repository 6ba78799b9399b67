package org.nzip.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.TestData;

/** The stream's code order of the shipped list: its choice, its bytes both ways, and what a reader refuses. */
class CodeOrderTest {

    private static final int SIZE = 1000; // a list of this many words for the order's own tests
    private static final int ONE = 32;
    private static final int CAPACITY = 20_000;
    /** A list of {@link #SIZE} words: "ba" ... in base 26 after a "b". */
    private static final WordList LIST = list();

    private static WordList list() {
        byte[][] w = new byte[SIZE][];
        for (int i = 0; i < SIZE; i++) {
            w[i] = ("b" + (char) ('a' + i / 676) + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26)).getBytes(StandardCharsets.US_ASCII);
        }
        return new WordList(w);
    }

    private static byte[] bytes(CodeOrder o) {
        byte[] b = new byte[o.serializedLength(ONE)];
        assertEquals(b.length, o.serialize(ONE, b, 0));
        return b;
    }

    private static CodeOrder parse(byte[] b) throws TransformException {
        int[] at = {0};
        CodeOrder o = CodeOrder.parse(b, at, b.length, LIST, ONE, CAPACITY);
        assertEquals(b.length, at[0], "the order ends where its bytes do");
        return o;
    }

    @Test
    void promotedWordsTakeTheFirstCodesBandByBandAndTheRestKeepTheListsOrder() throws TransformException {
        SplittableRandom r = new SplittableRandom(5);
        int[] all = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            all[i] = i;
        }
        for (int i = SIZE - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        for (int k : new int[] {1, 31, 32, 33, 160, 161, 500, SIZE}) {
            int[] ranked = Arrays.copyOf(all, k);
            CodeOrder o = CodeOrder.promote(ranked, SIZE, ONE);
            assertEquals(k, o.promoted());
            // A bijection of the list's words onto code numbers 0 .. SIZE.
            boolean[] seen = new boolean[SIZE];
            for (int w = 0; w < SIZE; w++) {
                int c = o.code(w);
                assertEquals(w, o.word(c));
                assertTrue(!seen[c]);
                seen[c] = true;
            }
            // Each band holds the next words of the ranking: the one-byte codes in the ranking's
            // order, the other bands in the list's.
            for (int from = 0, end = ONE; from < k; from = end, end += 128) {
                int to = Math.min(k, end);
                int[] band = Arrays.copyOfRange(ranked, from, to);
                if (from > 0) {
                    Arrays.sort(band);
                }
                for (int c = from; c < to; c++) {
                    assertEquals(band[c - from], o.word(c));
                }
            }
            // The others follow in the list's order.
            int previous = -1;
            for (int c = k; c < SIZE; c++) {
                assertTrue(o.word(c) > previous);
                previous = o.word(c);
            }
            CodeOrder back = parse(bytes(o));
            for (int c = 0; c < SIZE; c++) {
                assertEquals(o.word(c), back.word(c));
            }
        }
        assertSame(CodeOrder.IDENTITY, CodeOrder.promote(new int[0], SIZE, ONE));
        assertArrayEquals(new byte[] {0}, bytes(CodeOrder.IDENTITY), "no promotion costs one byte");
        assertSame(CodeOrder.IDENTITY, parse(new byte[] {0}));
    }

    @Test
    void refusesOrdersNoWriterWrites() {
        byte[][] bad = {
            {},                                  // no count
            {3, 0, 1, 0},                        // three words, two stored
            {2, 0, (byte) 0xE8, 0x07, 0},        // word 1000 of a list of 1000
            {2, 0, (byte) 0x80, 0x00, 1},        // a varint that is not minimal
            {2, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, 0}, // a varint of 4 bytes
            {(byte) 0xE9, 0x07, 0},              // 1001 words: more than the list (and the bytes) hold
            {1, 1, 2, 'z', 'z', 0},              // an added word not promoted (word 0 is)
            {1, 2, 2, 'z', 'z', 2, 'z', 'y', (byte) 0xE8, 0x07}, // more added words than promoted
            {2, 2, 2, 'z', 'z', 2, 'z', 'z', (byte) 0xE8, 0x07, 0}, // a word added twice
            {1, 1, 4, 'b', 'a', 'a', 'a', (byte) 0xE8, 0x07},      // an added word the list holds
            {1, 1, 2, 'z', 'Z', (byte) 0xE8, 0x07},                // an added word of other bytes than a-z
            {1, 1, 1, 'z', (byte) 0xE8, 0x07},                     // an added word of one letter
            {1, 1, 33, 'z', 'z', 'z'},                             // an added word of 33 letters, cut short
            {2, 1, 2, 'z', 'z', (byte) 0xE8, 0x07, (byte) 0xE9, 0x07}, // word 1001: past the list and the added word
            {2, 0, 5, 5},                                          // a word promoted twice in the one-byte codes
        };
        for (int i = 0; i < bad.length; i++) {
            byte[] b = bad[i];
            assertThrows(TransformException.class, () -> parse(b), "case " + i);
        }
        // Word 5 then word 999 is valid; word 1000, past the list, is not.
        assertThrows(TransformException.class, () -> parse(new byte[] {3, 0, 5, (byte) 0xE7, 0x07, (byte) 0xE8, 0x07}));
        // An added word, promoted to number 1 (after list word 5 in the first band): valid.
        try {
            CodeOrder o = parse(new byte[] {2, 1, 2, 'z', 'q', 5, (byte) 0xE8, 0x07});
            assertEquals(SIZE, o.word(1));
            assertEquals("zq", new String(o.added().word(0), StandardCharsets.US_ASCII));
        } catch (TransformException e) {
            throw new AssertionError(e);
        }
        // The same word in two bands: the first band (32 words, each stored whole), then word 0 again.
        byte[] twice = new byte[3 + 32];
        twice[0] = 33;
        for (int i = 0; i < 32; i++) {
            twice[2 + i] = (byte) i; // words 0 .. 31
        }
        twice[34] = 0; // band two: word 0 again
        assertThrows(TransformException.class, () -> parse(twice));
        twice[34] = 32; // word 32 instead: valid
        try {
            assertEquals(32, parse(twice).word(32));
        } catch (TransformException e) {
            throw new AssertionError(e);
        }
        // More words than the codes reach.
        byte[] many = new byte[3 + 200];
        many[0] = (byte) 0xC8;
        many[1] = 0x01; // 200 words, none added
        int[] at = {0};
        assertThrows(TransformException.class, () -> CodeOrder.parse(many, at, many.length, LIST, ONE, 100));
    }

    @Test
    void aLargeTextPromotesItsWordsAndRoundTrips() throws TransformException {
        // Text whose most frequent words the list ranks low: promotion pays.
        WordList list = WordList.english();
        StringBuilder s = new StringBuilder();
        SplittableRandom r = new SplittableRandom(3);
        String[] rare = new String[64];
        for (int i = 0; i < rare.length; i++) {
            rare[i] = new String(list.word(list.size() - 1 - 37 * i), StandardCharsets.US_ASCII);
        }
        byte[] text = TestData.text(200_000);
        for (int i = 0; i < 30_000; i++) {
            s.append(i % 7 == 0 ? "The " : "").append(rare[Math.min(rare.length - 1, (int) (-Math.log(r.nextDouble()) * 8))]).append(' ');
        }
        byte[] head = s.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] block = Arrays.copyOf(head, head.length + text.length);
        System.arraycopy(text, 0, block, head.length, text.length);
        WordDictionary promoted = DictionaryBuilder.shipped(list, block, block.length);
        WordDictionary plain = DictionaryBuilder.shippedInListOrder(list, block, block.length);
        int first = list.size() - 1; // rare[0], the block's most frequent word
        assertTrue(promoted.order().code(first) < promoted.codes().one, "the most frequent word has a one-byte code");
        assertEquals(first, plain.order().code(first));
        byte[] a = TransformExperiment.transform(promoted, block);
        byte[] b = TransformExperiment.transform(plain, block);
        assertTrue(a.length < b.length, "promotion shortens the block: " + a.length + " against " + b.length);
        // The whole stream's way: the encoder, then the decoder that reads the order.
        TransformEncoder enc = new TransformEncoder(TransformMode.AUTO);
        int m = enc.apply(block, block.length);
        assertArrayEquals(a, Arrays.copyOf(enc.output(), m));
        byte[] back = new byte[block.length];
        TransformDecoder dec = new TransformDecoder(TextDictionary.ENGLISH);
        dec.inverse(enc.output(), m, back, block.length);
        assertArrayEquals(block, back);
        // A later block keeps the first block's order.
        byte[] later = TestData.wordSalad(20_000, 9);
        int m2 = enc.apply(later, later.length);
        back = new byte[later.length];
        dec.inverse(enc.output(), m2, back, later.length);
        assertArrayEquals(later, back);
        // Damage to the stored order: refused, or other bytes that the stream's checksum catches; never a crash.
        byte[] good = Arrays.copyOf(enc.output(), m);
        SplittableRandom d = new SplittableRandom(17);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = good.clone();
            int at = ByteRoles.SIZE + d.nextInt(promoted.order().serializedLength(promoted.codes().one));
            bad[at] = (byte) d.nextInt(256);
            if (bad[at] == good[at]) {
                continue;
            }
            try {
                new TransformDecoder(TextDictionary.ENGLISH).inverse(bad, bad.length, new byte[block.length], block.length);
            } catch (TransformException e) {
                refused++;
            }
        }
        assertTrue(refused > 150, "most damage to the order is refused: " + refused);
    }

    @Test
    void theFuzzSeedPromotesAndAdds() {
        byte[] text = org.nzip.fuzz.Seeds.promotingText();
        WordDictionary d = DictionaryBuilder.shipped(WordList.english(), text, 1024); // the seed's first block
        assertEquals(6, d.order().promoted(), "the, cat, and, zorbo, saw, dog");
        assertEquals(1, d.order().added().size());
    }

    @Test
    void smallTextsPromoteNothing() {
        byte[] text = TestData.text(3000);
        WordDictionary d = DictionaryBuilder.shipped(WordList.english(), text, text.length);
        assertEquals(0, d.order().promoted());
    }
}
