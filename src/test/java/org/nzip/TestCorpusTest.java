package org.nzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The frozen corpus is whole: every file listed in {@link TestCorpus} loads with its checksum, and no other file is there. */
class TestCorpusTest {

    @ParameterizedTest
    @EnumSource(TestCorpus.class)
    void everyFileMatchesItsChecksum(TestCorpus file) {
        byte[] data = file.bytes(); // throws when the size or SHA-256 differ
        data[0] ^= 1;
        assertNotEquals(data[0], file.bytes()[0], "bytes() gives each caller its own copy");
    }

    @Test
    void theFolderHoldsExactlyTheListedFiles() throws IOException, URISyntaxException {
        URL folder = TestCorpus.class.getResource(TestCorpus.FOLDER);
        assertNotNull(folder, "no " + TestCorpus.FOLDER + " on the test class path");
        Set<String> present;
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> listed = Arrays.stream(TestCorpus.values()).map(TestCorpus::fileName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, present, "src/test/resources/corpus/ and TestCorpus must list the same files");
    }

    @Test
    void textIsTheCorpusPrefixRepeated() {
        byte[] corpus = TestCorpus.NZIP_MAIN_76B55C0.bytes();
        assertArrayEquals(Arrays.copyOf(corpus, 1000), TestData.text(1000));
        byte[] longer = TestData.text(corpus.length + 10);
        assertArrayEquals(Arrays.copyOf(corpus, 10), Arrays.copyOfRange(longer, corpus.length, corpus.length + 10));
        assertArrayEquals(TestData.wordSalad(5000, 1), TestData.wordSalad(5000, 1));
    }
}
