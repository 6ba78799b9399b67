package org.nzip.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nzip.TestData;

/** The text transform both ways, on text and on inputs built to break it; and what the inverse refuses. */
class TextTransformTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Forward with the dictionary built from {@code dictionaryFrom}, and with the shipped list and the
     * byte roles of {@code dictionaryFrom}, then inverse, for each block in turn.
     */
    private static void roundTrip(byte[] dictionaryFrom, byte[]... blocks) throws TransformException {
        WordDictionary built = DictionaryBuilder.build(dictionaryFrom, dictionaryFrom.length);
        roundTrip(new ForwardTransform(built), new InverseTransform(built.roles(), built.size()), blocks);
        WordDictionary shipped = DictionaryBuilder.shipped(WordList.english(), dictionaryFrom, dictionaryFrom.length);
        roundTrip(new ForwardTransform(shipped), new InverseTransform(shipped.roles(), WordList.english(), shipped.order()), blocks);
    }

    private static void roundTrip(ForwardTransform f, InverseTransform inv, byte[]... blocks) throws TransformException {
        for (byte[] block : blocks) {
            byte[] t = new byte[2 * block.length + 2];
            int m = f.forward(block, block.length, t, 0, t.length);
            assertTrue(m >= 0 && m <= 2 * block.length);
            byte[] back = new byte[block.length];
            inv.inverse(t, 0, m, back, block.length);
            assertArrayEquals(block, back);
        }
    }

    @Test
    void textRoundTripsAndShrinks() throws TransformException {
        byte[] text = TestData.text(50_000);
        TransformEncoder english = new TransformEncoder(TransformMode.AUTO);
        int e = english.apply(text, text.length);
        assertTrue(e > 0 && e < text.length * 4 / 5, "source text shrinks by a fifth with the shipped words: " + e);
        assertEquals(0, english.dictionaryWords(), "the stream defines none");
        assertEquals(TextDictionary.ENGLISH, english.dictionary());
        byte[] back = new byte[text.length];
        new TransformDecoder(TextDictionary.ENGLISH).inverse(english.output(), e, back, text.length);
        assertArrayEquals(text, back);

        TransformEncoder enc = new TransformEncoder(TransformMode.AUTO, TextDictionary.FILE);
        int m = enc.apply(text, text.length);
        assertTrue(m > 0 && m < text.length * 7 / 8, "source text shrinks by an eighth: " + m);
        assertEquals(128, enc.dictionaryWords());
        assertTrue(e < m, "the shipped words shorten more than the first block's 128: " + e + " against " + m);
        TransformDecoder dec = new TransformDecoder(enc.dictionaryWords());
        back = new byte[text.length];
        dec.inverse(enc.output(), m, back, text.length);
        assertArrayEquals(text, back);
        // A later block with the first block's dictionary, which it defines no more words of.
        byte[] salad = TestData.wordSalad(20_000, 3);
        int m2 = enc.apply(salad, salad.length);
        assertTrue(m2 > 0);
        back = new byte[salad.length];
        dec.inverse(enc.output(), m2, back, salad.length);
        assertArrayEquals(salad, back);
    }

    @Test
    void everyInputRoundTrips() throws TransformException {
        byte[] text = TestData.text(20_000);
        SplittableRandom r = new SplittableRandom(7);
        byte[] roles = new byte[4000]; // the bytes with roles, and letters around them
        for (int i = 0; i < roles.length; i++) {
            int c = r.nextInt(4);
            roles[i] = (byte) (c == 0 ? r.nextInt(32) : c == 1 ? 0x80 + r.nextInt(128) : c == 2 ? 'a' + r.nextInt(26) : 'A' + r.nextInt(26));
        }
        byte[] longWords = bytes("a".repeat(40) + " " + "The".repeat(20) + " " + "X".repeat(33) + " " + "Word".repeat(9) + " THE the The tHE");
        byte[] utf8 = bytes("Größe und Übermaß — ΑΒΓ αβγ, доброе утро, 日本語 the The THE ünd");
        byte[] cases = bytes("I a A AB Ab aB ab McDonald iPhone THE The the THEN Then then x X\n");
        roundTrip(text, text, TestData.random(5000, 1), roles, longWords, utf8, cases, new byte[0], new byte[] {'A'},
                new byte[] {(byte) 0x80}, new byte[] {0}, TestData.wordSalad(3000, 2));
        // Dictionaries made from data that is no text, or full of bytes with roles.
        roundTrip(roles, text, roles, utf8);
        roundTrip(TestData.random(3000, 9), text, cases);
        roundTrip(utf8, utf8, cases, longWords);
        roundTrip(new byte[0], text);
        byte[] allBytes = new byte[256 * 8];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i;
        }
        roundTrip(allBytes, allBytes, text);
    }

    @Test
    void shippedWordsBeyondTheCodeBytesReachAreWrittenOut() throws TransformException {
        // A first block where only 0xFD..0xFF are rare: 3 code bytes, a one-byte code, a two-byte and a
        // three-byte prefix, so 16,513 code numbers for the list's 88,961 words.
        byte[] first = new byte[200_000];
        byte[] text = TestData.text(first.length);
        System.arraycopy(text, 0, first, 0, first.length);
        for (int i = 0; i < 0x7D * 300; i++) {
            first[i * 5] = (byte) (0x80 + i % 0x7D);
        }
        WordDictionary d = DictionaryBuilder.shippedInListOrder(WordList.english(), first, first.length);
        assertEquals(3, d.roles().codeCount());
        assertEquals(16_513, d.codes().capacity());
        WordList list = WordList.english();
        StringBuilder words = new StringBuilder();
        for (int rank : new int[] {0, 1, 16_512, 16_513, 50_000, list.size() - 1}) {
            words.append(new String(list.word(rank), StandardCharsets.US_ASCII)).append(' ');
        }
        byte[] block = bytes(words.toString());
        byte[] t = new byte[2 * block.length];
        int m = new ForwardTransform(d).forward(block, block.length, t, 0, t.length);
        byte[] back = new byte[block.length];
        new InverseTransform(d.roles(), list, CodeOrder.IDENTITY).inverse(t, 0, m, back, block.length);
        assertArrayEquals(block, back);
        String out = new String(t, 0, m, StandardCharsets.ISO_8859_1);
        for (int rank : new int[] {16_513, 50_000, list.size() - 1}) {
            assertTrue(out.contains(new String(list.word(rank), StandardCharsets.US_ASCII) + " "), "rank " + rank + " written out");
        }
        assertTrue(!out.contains(new String(list.word(16_512), StandardCharsets.US_ASCII) + " "), "the last reachable rank coded");
    }

    @Test
    void autoLeavesBinaryAndTinyBlocksAlone() {
        byte[] random = TestData.random(10_000, 4);
        TransformEncoder auto = new TransformEncoder(TransformMode.AUTO);
        assertEquals(-1, auto.apply(random, random.length));
        assertTrue(!auto.active());
        byte[] text = TestData.text(10_000);
        assertEquals(-1, auto.apply(text, text.length), "a stream whose first block is not transformed never is");
        TransformEncoder tiny = new TransformEncoder(TransformMode.TEXT);
        assertEquals(-1, tiny.apply(new byte[] {'a'}, 1), "the roles alone are longer than a byte");
        assertEquals(-1, new TransformEncoder(TransformMode.NONE).apply(text, text.length));
        // Text mode transforms what does not grow, a block after a text one included.
        TransformEncoder forced = new TransformEncoder(TransformMode.TEXT);
        assertTrue(forced.apply(text, text.length) > 0);
        byte[] letters = bytes("zq xv ".repeat(200));
        assertTrue(forced.apply(letters, letters.length) > 0);
        assertEquals(-1, forced.apply(random, random.length), "random bytes grow by their escapes");
    }

    /** A valid transformed block (roles, then text) of {@code text} with a dictionary built from it, and its dictionary's size. */
    private static byte[] transformed(byte[] text, int[] words) {
        TransformEncoder enc = new TransformEncoder(TransformMode.TEXT, TextDictionary.FILE);
        int m = enc.apply(text, text.length);
        words[0] = enc.dictionaryWords();
        return Arrays.copyOf(enc.output(), m);
    }

    @Test
    void damageIsATransformExceptionOrOtherBytes() {
        byte[] text = TestData.text(3000);
        int[] words = new int[1];
        damage(text, transformed(text, words), () -> new TransformDecoder(words[0]));
        TransformEncoder english = new TransformEncoder(TransformMode.TEXT);
        byte[] shipped = Arrays.copyOf(english.output(), english.apply(text, text.length));
        damage(text, shipped, () -> new TransformDecoder(TextDictionary.ENGLISH));
    }

    private static void damage(byte[] text, byte[] good, java.util.function.Supplier<TransformDecoder> decoder) {
        SplittableRandom r = new SplittableRandom(11);
        int refused = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bad = good.clone();
            int flips = 1 + r.nextInt(4);
            for (int i = 0; i < flips; i++) {
                bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            }
            int length = r.nextInt(8) == 0 ? r.nextInt(bad.length + 1) : bad.length;
            int raw = r.nextInt(4) == 0 ? text.length + r.nextInt(21) - 10 : text.length;
            byte[] out = new byte[Math.max(0, raw)];
            try {
                decoder.get().inverse(bad, length, out, out.length);
            } catch (TransformException e) {
                refused++;
            }
        }
        assertTrue(refused > 1000, "most damage is caught by the transform itself: " + refused);
    }

    @Test
    void refusesWhatNoForwardTransformWrites() {
        byte[] text = bytes("the cat and the dog and the bird and the cat and the dog and the cat. The end.\n".repeat(4));
        int[] words = new int[1];
        byte[] good = transformed(text, words);
        ByteRoles roles;
        try {
            roles = ByteRoles.parse(good, 0, good.length);
        } catch (TransformException e) {
            throw new AssertionError(e);
        }
        List<byte[]> bad = new ArrayList<>();
        bad.add(concat(good, new byte[] {(byte) roles.escape, 'x'}));      // an escape of a plain byte
        bad.add(concat(good, new byte[] {(byte) roles.escape}));           // an escape at the end
        bad.add(concat(good, new byte[] {(byte) roles.cap}));              // a flag at the end
        bad.add(concat(good, new byte[] {(byte) roles.upper, ' '}));       // a flag before no word
        bad.add(concat(good, new byte[] {(byte) roles.code(words[0])}));   // a code not defined
        bad.add(concat(good, new byte[] {(byte) roles.define, ' '}));      // a define of no word
        bad.add(concat(good, concat(new byte[] {(byte) roles.define}, bytes("w".repeat(33)))));
        bad.add(Arrays.copyOf(good, ByteRoles.SIZE - 1));                  // the roles cut short
        byte[] twoRoles = good.clone();
        twoRoles[1] = twoRoles[0];                                         // cap and upper the same byte
        bad.add(twoRoles);
        byte[] letterRole = good.clone();
        letterRole[2] = 'e';                                               // a letter as the escape
        bad.add(letterRole);
        for (byte[] b : bad) {
            assertThrows(TransformException.class, () -> new TransformDecoder(words[0]).inverse(b, b.length, new byte[text.length + 40], text.length + (b.length - good.length)));
        }
        // The header's word count must match the words the first block defines.
        assertThrows(TransformException.class, () -> new TransformDecoder(words[0] + 1).inverse(good, good.length, new byte[text.length], text.length));
        assertThrows(TransformException.class, () -> new TransformDecoder(words[0] - 1).inverse(good, good.length, new byte[text.length], text.length));
        // One byte more or less output than the block's length.
        assertThrows(TransformException.class, () -> new TransformDecoder(words[0]).inverse(good, good.length, new byte[text.length + 1], text.length + 1));
        assertThrows(TransformException.class, () -> new TransformDecoder(words[0]).inverse(good, good.length, new byte[text.length], text.length - 1));
    }

    @Test
    void refusesShippedCodesNoForwardTransformWrites() throws TransformException {
        byte[] text = bytes("The cat sat on the mat, and the dog sat on the log. ".repeat(4));
        TransformEncoder enc = new TransformEncoder(TransformMode.TEXT);
        int m = enc.apply(text, text.length);
        byte[] good = Arrays.copyOf(enc.output(), m);
        byte[] back = new byte[text.length];
        new TransformDecoder(TextDictionary.ENGLISH).inverse(good, m, back, text.length);
        assertArrayEquals(text, back);
        ByteRoles roles = ByteRoles.parse(good, 0, good.length);
        WordCodes codes = WordCodes.shipped(roles.codeCount());
        assertEquals(128, roles.codeCount(), "ASCII text leaves every high byte for codes");
        int lastThree = roles.code(roles.codeCount() - 1); // the last three-byte code's first byte
        int firstTwo = roles.code(codes.one);              // the first two-byte code's first byte
        List<byte[]> bad = new ArrayList<>();
        bad.add(concat(good, new byte[] {(byte) lastThree, (byte) 0xFF, (byte) 0xFF})); // past the list's words
        bad.add(concat(good, new byte[] {(byte) firstTwo}));                             // cut short
        bad.add(concat(good, new byte[] {(byte) lastThree, (byte) 0x80}));               // cut short
        bad.add(concat(good, new byte[] {(byte) firstTwo, 'a'}));                        // a later byte below 0x80
        bad.add(concat(good, new byte[] {(byte) lastThree, (byte) 0x80, ' '}));
        bad.add(concat(good, concat(new byte[] {(byte) roles.define}, bytes("cat")))); // a define: the list has every word
        for (byte[] b : bad) {
            assertThrows(TransformException.class, () -> new TransformDecoder(TextDictionary.ENGLISH).inverse(b, b.length, new byte[text.length + 40], text.length + 3));
        }
        // The same bytes are valid codes in the shipped layout: a code within the list decodes to its word.
        byte[] one = concat(good, new byte[] {(byte) firstTwo, (byte) 0x80});
        byte[] out = new byte[text.length + 40];
        WordList list = WordList.english();
        int len = list.length(codes.one);
        new TransformDecoder(TextDictionary.ENGLISH).inverse(one, one.length, out, text.length + len);
        assertArrayEquals(list.word(codes.one), Arrays.copyOfRange(out, text.length, text.length + len));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
