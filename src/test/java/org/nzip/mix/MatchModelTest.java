package org.nzip.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nzip.model.Predictor;

class MatchModelTest {

    /** Feeds one stream and returns, per position, the byte the model expected before seeing it. */
    private static int[] expectations(MatchModel m, byte[] data) {
        m.startBlock(data.length);
        int[] sym = new int[1];
        int[] exp = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            exp[i] = m.expected(0);
            sym[0] = data[i] & 0xFF;
            m.update(1, sym);
        }
        return exp;
    }

    @Test
    void predictsTheContinuationOfARepeatedString() {
        byte[] data = "the quick brown fox jumps; the quick brown fox jumps".getBytes(StandardCharsets.US_ASCII);
        int second = 27; // start of the second copy
        int[] exp = expectations(new MatchModel(1, 4, 16), data);
        for (int i = 0; i < second + 4; i++) {
            assertEquals(-1, exp[i], "no match possible before the repeat's fourth byte, at " + i);
        }
        for (int i = second + 4; i < data.length; i++) {
            assertEquals(data[i] & 0xFF, exp[i], "at " + i);
        }
    }

    @Test
    void dropsAMatchThatFailsAndNeedsMinLengthToStartAgain() {
        byte[] data = "abcdefgh|abcdXfgh".getBytes(StandardCharsets.US_ASCII);
        MatchModel m = new MatchModel(1, 4, 16);
        int[] exp = expectations(m, data);
        assertEquals('e', exp[13]); // predicted 'e', got 'X'
        for (int i = 14; i < data.length; i++) {
            assertEquals(-1, exp[i], "at " + i);
        }
    }

    @Test
    void followsAMatchIntoAnotherStreamButNotPastWhatIsCoded() {
        // Two streams of 8: stream 1 repeats stream 0 one step later (a 4-byte context exists at step 4).
        MatchModel m = new MatchModel(2, 4, 16);
        m.startBlock(16);
        byte[] s0 = "abcdabcd".getBytes(StandardCharsets.US_ASCII);
        byte[] s1 = "xabcdabc".getBytes(StandardCharsets.US_ASCII);
        int[] sym = new int[2];
        int matched = 0;
        for (int t = 0; t < 8; t++) {
            for (int s = 0; s < 2; s++) {
                int e = m.expected(s);
                byte[] mine = s == 0 ? s0 : s1;
                if (e >= 0) {
                    assertEquals(mine[t] & 0xFF, e, "stream " + s + " step " + t);
                    matched++;
                }
            }
            sym[0] = s0[t];
            sym[1] = s1[t];
            m.update(2, sym);
        }
        assertEquals(3, matched, "stream 1 follows stream 0 at steps 5, 6 and 7");
    }

    @Test
    void prefersTheOccurrenceThatSharesTheLongerContext() {
        // "abcd" was last followed by 'F', but "wxyzabcd" (8 = 2·4 bytes) by 'E'.
        byte[] data = "wxyzabcdE..qrstabcdF..wxyzabcdE".getBytes(StandardCharsets.US_ASCII);
        int[] exp = expectations(new MatchModel(1, 4, 16), data);
        assertEquals('E', exp[data.length - 1]);
    }
}
