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

    @Test
    void bucketsAreMonotoneAndBounded() {
        int prev = 0;
        for (int len = 1; len <= MatchModel.MAX_LENGTH; len++) {
            int b = MatchMixer.bucket(len);
            assertTrue(b >= prev && b < MatchMixer.BUCKETS, "length " + len);
            prev = b;
        }
        assertEquals(MatchMixer.BUCKETS - 1, MatchMixer.bucket(76));
        assertEquals(MatchMixer.BUCKETS - 2, MatchMixer.bucket(75));
    }

    /** A predictor that always says "uniform": the mixer alone must learn to trust the matches. */
    private static final class Uniform implements Predictor {
        @Override
        public int streams() {
            return 1;
        }

        @Override
        public void predict(int active, float[] probs) {
            java.util.Arrays.fill(probs, 0, ALPHABET, 1f / ALPHABET);
        }

        @Override
        public void update(int active, int[] symbols) {}
    }

    @Test
    void mixerLearnsToTrustMatchesOnRepetitiveInput() {
        byte[] unit = "<page><title>Some Title</title><text>words and more words</text></page>\n"
                .getBytes(StandardCharsets.US_ASCII);
        int n = unit.length * 200;
        MatchMixer mixer = new MatchMixer(new Uniform(), new MixConfig(4, 16, 0.02f, 0, 2, 0.01f));
        mixer.startBlock(n);
        float[] probs = new float[256];
        int[] sym = new int[1];
        double lastBits = 0;
        for (int i = 0; i < n; i++) {
            mixer.predict(1, probs);
            float sum = 0;
            for (float p : probs) {
                assertTrue(p > 0f && Float.isFinite(p));
                sum += p;
            }
            assertEquals(1f, sum, 1e-3f);
            int x = unit[i % unit.length] & 0xFF;
            if (i >= n - unit.length) {
                lastBits -= Math.log(probs[x]) / Math.log(2);
            }
            sym[0] = x;
            mixer.update(1, sym);
        }
        // Uniform alone costs 8 bits per byte; a learned match model should cost well under 0.5.
        assertTrue(lastBits / unit.length < 0.5, "bits per byte in the last copy: " + lastBits / unit.length);
    }
}
