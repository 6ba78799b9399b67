package org.nzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Test inputs made from the project's own files and from seeded generators; nothing outside the repo. */
public final class TestData {

    private TestData() {}

    private static byte[] sources;

    /** The project's own source files and docs, concatenated in a fixed order. */
    public static synchronized byte[] projectText() {
        if (sources == null) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            Path root = projectRoot();
            try (Stream<Path> files = Files.walk(root.resolve("src"))) {
                List<Path> list = new ArrayList<>(files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md"))
                        .sorted().toList());
                for (String extra : new String[] {"pom.xml", "README.md", "docs/FORMAT.md"}) {
                    if (Files.isRegularFile(root.resolve(extra))) {
                        list.add(root.resolve(extra));
                    }
                }
                for (Path p : list) {
                    all.write(Files.readAllBytes(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sources = all.toByteArray();
        }
        return sources;
    }

    /** The project root (the folder holding pom.xml), found from the working directory. */
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

    /** The first {@code n} bytes of the project's text, repeated if needed. */
    public static byte[] text(int n) {
        byte[] src = projectText();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i += src.length) {
            System.arraycopy(src, 0, out, i, Math.min(src.length, n - i));
        }
        return out;
    }

    /**
     * {@code n} bytes of word-level random text: words drawn from the project's vocabulary with a
     * skewed distribution. Unlike repeated text it does not become trivially predictable.
     */
    public static byte[] wordSalad(int n, long seed) {
        String[] words = new String(projectText(), java.nio.charset.StandardCharsets.ISO_8859_1).split("[^A-Za-z]+");
        List<String> vocab = new ArrayList<>();
        for (String w : words) {
            if (!w.isEmpty()) {
                vocab.add(w);
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        while (out.size() < n) {
            double u = r.nextDouble();
            String w = vocab.get((int) (vocab.size() * u * u * u)); // skewed towards the front
            out.writeBytes(w.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(r.nextInt(12) == 0 ? '\n' : ' ');
        }
        return java.util.Arrays.copyOf(out.toByteArray(), n);
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
