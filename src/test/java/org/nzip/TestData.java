package org.nzip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test inputs: the frozen text of {@link TestCorpus} (from the test class path, never from the working
 * tree, so inputs and thresholds do not move with the sources) and seeded generators.
 */
public final class TestData {

    private TestData() {}

    /** The text every text input is made of. */
    private static final TestCorpus TEXT = TestCorpus.NZIP_MAIN_76B55C0;

    private static List<String> vocabulary;

    /**
     * The frozen corpus text ({@link TestCorpus#NZIP_MAIN_76B55C0}: the project's main sources at commit
     * 76b55c0), a fresh copy. The name is from the time it was read from the working tree.
     */
    public static byte[] projectText() {
        return TEXT.bytes();
    }

    /**
     * The project root (the folder holding pom.xml), found from the working directory. Test inputs never
     * come from there (see {@link TestCorpus}).
     */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("pom.xml not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The first {@code n} bytes of the corpus text, repeated if needed. */
    public static byte[] text(int n) {
        byte[] src = TEXT.shared();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i += src.length) {
            System.arraycopy(src, 0, out, i, Math.min(src.length, n - i));
        }
        return out;
    }

    /**
     * {@code n} bytes of word-level random text: words drawn from the corpus text's vocabulary with a
     * skewed distribution. Unlike repeated text it does not become trivially predictable.
     */
    public static byte[] wordSalad(int n, long seed) {
        List<String> vocab = vocabulary();
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        while (out.size() < n) {
            double u = r.nextDouble();
            String w = vocab.get((int) (vocab.size() * u * u * u)); // skewed towards the front
            out.writeBytes(w.getBytes(StandardCharsets.ISO_8859_1));
            out.write(r.nextInt(12) == 0 ? '\n' : ' ');
        }
        return java.util.Arrays.copyOf(out.toByteArray(), n);
    }

    /** The corpus text's words (runs of ASCII letters), in order of appearance, repeats included. */
    private static synchronized List<String> vocabulary() {
        if (vocabulary == null) {
            List<String> words = new ArrayList<>();
            for (String w : new String(TEXT.shared(), StandardCharsets.ISO_8859_1).split("[^A-Za-z]+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            vocabulary = List.copyOf(words);
        }
        return vocabulary;
    }

    /** {@code n} uniformly random bytes. */
    public static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
