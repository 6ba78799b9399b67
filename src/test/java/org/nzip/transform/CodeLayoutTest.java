package org.nzip.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The writer's layout of its promoted words: a permutation within each kind of code, words used alike together. */
class CodeLayoutTest {

    private static int index(WordList list, String w) {
        byte[] b = w.getBytes(StandardCharsets.US_ASCII);
        return list.find(b, 0, b.length, WordList.hash(b, 0, b.length));
    }

    @Test
    void wordsUsedAlikeShareABandAndEveryWordKeepsItsKindOfCode() {
        WordList list = WordList.english();
        int the = index(list, "the");
        int to = index(list, "to");
        // 256 words: the even ones only ever after "the", the odd ones only after "to".
        int[] words = new int[256];
        for (int i = 0, w = 2000; i < words.length; w++) {
            if (w != the && w != to) {
                words[i++] = w;
            }
        }
        StringBuilder s = new StringBuilder();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 40_000; i++) {
            int k = r.nextInt(words.length);
            s.append(k % 2 == 0 ? "the " : "to ").append(new String(list.word(words[k]), StandardCharsets.US_ASCII)).append(". ");
        }
        byte[] data = s.toString().getBytes(StandardCharsets.US_ASCII);
        int[] ranked = new int[2 + words.length];
        ranked[0] = the;
        ranked[1] = to;
        System.arraycopy(words, 0, ranked, 2, words.length); // frequency order: alike and unlike interleaved
        int[] before = ranked.clone();
        CodeLayout.arrange(list, null, list.size(), ranked, 2, data, data.length);

        int[] a = ranked.clone();
        int[] b = before.clone();
        Arrays.sort(a, 0, 2);
        Arrays.sort(b, 0, 2);
        assertArrayEquals(Arrays.copyOf(b, 2), Arrays.copyOf(a, 2), "the one-byte words stay one-byte words");
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(b, a, "a permutation");
        for (int band = 0; band < 2; band++) {
            int parity = -1;
            for (int c = 2 + 128 * band; c < 2 + 128 * (band + 1); c++) {
                int k = Arrays.binarySearch(words, ranked[c]);
                if (parity < 0) {
                    parity = k % 2;
                }
                assertEquals(parity, k % 2, "band " + band + " holds words used alike");
            }
        }
        // The same input, the same layout.
        int[] again = before.clone();
        CodeLayout.arrange(list, null, list.size(), again, 2, data, data.length);
        assertArrayEquals(ranked, again);
    }
}
