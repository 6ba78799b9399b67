package org.nzip.transform;

import java.util.Arrays;

/**
 * Where the writer puts its promoted words among the promoted code numbers: words used alike share
 * code bits. The context models predict a code bit by bit, the high bits first; when the words that
 * can follow a context have codes with the same first bits, those bits cost little and the
 * uncertainty is left to the last bits. So the words are arranged by their neighbours in the first
 * block: each word's profile is how often each of the block's most frequent words (or another word,
 * or punctuation) comes just before it and just after it, and the words are cut in two halves of
 * unlike profiles, each half again, and so on (a balanced two-means split at every level). The
 * one-byte codes are cut down to single words, so that words used alike differ in their last bits
 * only; the other promoted words down to bands of 128, the numbers that share a code's first byte,
 * so that a first byte stands for a kind of word (within a band the order is the list's,
 * {@link CodeOrder}).
 *
 * <p>Measured with {@code cm} on silesia/dickens (bench/transform/2026-12-02-session6.md): bands
 * by this split instead of by frequency, 18 KB (0.9 %) smaller; the one-byte codes split as well,
 * 3 KB more. Bands by the word's last letters did worse than by frequency, and splits kept within
 * frequency tiers worse than splits of all the promoted words.
 *
 * <p>The split is the writer's choice, stored with the code order; a reader never repeats it. It
 * uses {@code double} arithmetic, whose results Java defines exactly, so it is the same on every
 * machine.
 */
final class CodeLayout {

    /** Most promoted words arranged (the rest keep their frequency order): bounds time and memory. */
    static final int MAX_ARRANGED = 8192;
    /** Numbers that share a code's first byte (or two): a band. */
    private static final int BAND = 128;
    /**
     * Neighbours a profile tells apart: the most frequent promoted words (others count as one, and
     * punctuation as one). On dickens 128 beat 64 by 0.1 %.
     */
    static final int NEIGHBOURS = 128;
    /** Two-means iterations at each split. */
    private static final int ITERATIONS = 8;

    private CodeLayout() {}

    /**
     * Bytes of heap {@link #arrange} takes at most for a block of {@code n} bytes: two counts and two
     * profile values per word and neighbour, for the words
     * promoted (each occurs {@link DictionaryBuilder#MIN_PROMOTED} times at least, in two letters and
     * a separator at least), and a slot per word of a list of {@code words} words and the added ones.
     */
    static long memoryUsage(int n, int words) {
        long promoted = Math.min(MAX_ARRANGED, n / (3L * DictionaryBuilder.MIN_PROMOTED) + 1);
        int k = NEIGHBOURS + 2;
        return promoted * (2L * k * 4 + 2L * k * 8 + 64) + 4L * (words + CodeOrder.MAX_ADDED) + (1 << 12);
    }

    /**
     * Rearranges {@code ranked} (word numbers of the shipped list, or {@code size} plus an added
     * word's index; the most frequent first), whose first {@code one} take the one-byte codes, by the
     * words' neighbours in {@code data[0 .. n)}. Words stay in their kind of code (one-byte or not).
     */
    static void arrange(WordList list, WordList added, int size, int[] ranked, int one, byte[] data, int n) {
        int m = Math.min(ranked.length, MAX_ARRANGED);
        if (m < 2) {
            return;
        }
        int k = Math.min(NEIGHBOURS, m);
        int[] slot = new int[size + (added == null ? 0 : added.size())];
        Arrays.fill(slot, -1);
        for (int r = 0; r < m; r++) {
            slot[ranked[r]] = r;
        }
        int other = k;
        int punctuation = k + 1;
        int d = k + 2;
        int[][] before = new int[m][d];
        int[][] after = new int[m][d];
        int previous = -1;
        int previousEnd = -1;
        int i = 0;
        while (i < n) {
            if (!isLetter(data[i])) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && isLetter(data[j])) {
                j++;
            }
            int r = -1;
            if (j - i >= 2 && j - i <= WordDictionary.MAX_WORD) {
                int h = WordList.hash(data, i, j);
                int w = list.find(data, i, j, h);
                if (w < 0 && added != null) {
                    int a = added.find(data, i, j, h);
                    w = a < 0 ? -1 : size + a;
                }
                r = w < 0 ? -1 : slot[w];
            }
            boolean spaced = previousEnd >= 0;
            for (int p = Math.max(previousEnd, 0); spaced && p < i; p++) {
                spaced = data[p] == ' ' || data[p] == '\r' || data[p] == '\n';
            }
            if (r >= 0) {
                before[r][!spaced ? punctuation : previous >= 0 && previous < k ? previous : other]++;
            }
            if (previous >= 0) {
                after[previous][!spaced ? punctuation : r >= 0 && r < k ? r : other]++;
            }
            previous = r;
            previousEnd = j;
            i = j;
        }
        double[][] profile = new double[m][2 * d];
        for (int r = 0; r < m; r++) {
            long b = 0;
            long a = 0;
            for (int c = 0; c < d; c++) {
                b += before[r][c];
                a += after[r][c];
            }
            for (int c = 0; c < d; c++) {
                profile[r][c] = b == 0 ? 0 : Math.sqrt((double) before[r][c] / b);
                profile[r][d + c] = a == 0 ? 0 : Math.sqrt((double) after[r][c] / a);
            }
        }
        int[] at = new int[m];
        for (int r = 0; r < m; r++) {
            at[r] = r;
        }
        int o = Math.min(one, m);
        split(profile, at, 0, o, 1);
        split(profile, at, o, m, BAND);
        int[] copy = Arrays.copyOf(ranked, m);
        for (int r = 0; r < m; r++) {
            ranked[r] = copy[at[r]];
        }
    }

    private static boolean isLetter(byte b) {
        int l = b | 0x20;
        return l >= 'a' && l <= 'z';
    }

    /**
     * Orders {@code at[from .. to)} (indices of {@code profile}) so that each aligned run of
     * {@code leaf} holds like profiles: two halves (the first a multiple of {@code leaf}, as large as
     * the second or one leaf larger) by two-means, then each half alike.
     */
    private static void split(double[][] profile, int[] at, int from, int to, int leaf) {
        int s = to - from;
        if (s <= leaf) {
            Arrays.sort(at, from, to);
            return;
        }
        int leaves = (s + leaf - 1) / leaf;
        int first = leaf * ((leaves + 1) / 2);
        int d = profile[0].length;
        double[] c1 = profile[at[from]].clone();
        double[] c2 = profile[at[to - 1]].clone();
        double[] gap = new double[s];
        Integer[] order = new Integer[s];
        for (int it = 0; it < ITERATIONS; it++) {
            for (int q = 0; q < s; q++) {
                double[] x = profile[at[from + q]];
                double a = 0;
                double b = 0;
                for (int c = 0; c < d; c++) {
                    a += (x[c] - c1[c]) * (x[c] - c1[c]);
                    b += (x[c] - c2[c]) * (x[c] - c2[c]);
                }
                gap[q] = a - b;
                order[q] = q;
            }
            Arrays.sort(order, (u, v) -> Double.compare(gap[u], gap[v])); // stable: ties keep their order
            int[] copy = Arrays.copyOfRange(at, from, to);
            for (int q = 0; q < s; q++) {
                at[from + q] = copy[order[q]];
            }
            Arrays.fill(c1, 0);
            Arrays.fill(c2, 0);
            for (int q = 0; q < s; q++) {
                double[] x = profile[at[from + q]];
                double[] c = q < first ? c1 : c2;
                for (int e = 0; e < d; e++) {
                    c[e] += x[e];
                }
            }
            for (int e = 0; e < d; e++) {
                c1[e] /= first;
                c2[e] /= s - first;
            }
        }
        split(profile, at, from, from + first, leaf);
        split(profile, at, from + first, to, leaf);
    }
}
