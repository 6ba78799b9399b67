package org.nzip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The frozen test corpus: every file of {@code src/test/resources/corpus/}, with its size and SHA-256.
 * This is the one list of it. Files load from the test class path, never from the working tree, and
 * a file whose bytes differ from its entry fails loudly: test thresholds and golden inputs must not
 * move with the project's sources. Never edit a file; add a new one (and an entry) instead.
 */
public enum TestCorpus {

    /**
     * Every {@code .java} file under {@code src/main} at commit 76b55c0, concatenated in path order:
     * Java source with English comments. It is the first 308,189 bytes of what {@code TestData} used to
     * read from the working tree at that commit, so {@code TestData.text(n)} still gives the same bytes.
     */
    NZIP_MAIN_76B55C0("nzip-main-76b55c0.txt", 308_189,
            "4c0b5074134dfa5781f32e71c3468c255342edc474401d51813b1a652102b058");

    /** The class-path folder of the corpus. */
    static final String FOLDER = "/corpus/";

    private final String fileName;
    private final int size;
    private final String sha256;
    private byte[] bytes;

    TestCorpus(String fileName, int size, String sha256) {
        this.fileName = fileName;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The file's name in {@code src/test/resources/corpus/}. */
    public String fileName() {
        return fileName;
    }

    /** The file's content (a fresh copy), checked against its size and SHA-256. */
    public byte[] bytes() {
        return shared().clone();
    }

    /** The file's content without a copy, for {@code TestData}: callers must not modify it. */
    synchronized byte[] shared() {
        if (bytes == null) {
            bytes = load();
        }
        return bytes;
    }

    private byte[] load() {
        byte[] data;
        try (InputStream in = TestCorpus.class.getResourceAsStream(FOLDER + fileName)) {
            if (in == null) {
                throw new IllegalStateException("test corpus file " + FOLDER + fileName
                        + " is not on the class path (src/test/resources/corpus/)");
            }
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading test corpus file " + fileName, e);
        }
        String actual = sha256(data);
        if (data.length != size || !actual.equals(sha256)) {
            throw new IllegalStateException("test corpus file " + fileName + " has changed: " + data.length
                    + " bytes with SHA-256 " + actual + ", expected " + size + " bytes with SHA-256 " + sha256
                    + ". The corpus is frozen; restore the file (git checkout) or add a new one to TestCorpus.");
        }
        return data;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
