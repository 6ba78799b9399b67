package org.nzip.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.Test;
import org.nzip.Nzip;
import org.nzip.TestData;

class NzipCompressorProviderTest {

    @Test
    void commonsCompressFindsNzipThroughTheServiceLoader() throws Exception {
        CompressorStreamFactory factory = new CompressorStreamFactory();
        assertTrue(CompressorStreamFactory.findAvailableCompressorOutputStreamProviders().containsKey("NZIP"));
        byte[] data = TestData.text(50_000);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream out = factory.createCompressorOutputStream("nzip", packed)) {
            out.write(data);
        }
        assertArrayEquals(data, Nzip.decompress(packed.toByteArray()));
        try (InputStream in = factory.createCompressorInputStream("nzip", new ByteArrayInputStream(packed.toByteArray()))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void decompressUntilEofReadsConcatenatedStreams() throws Exception {
        byte[] a = Nzip.compress(TestData.text(1000));
        byte[] b = Nzip.compress(TestData.random(700, 1));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(a);
        both.write(new byte[3]); // zero padding, as nzip -d accepts
        both.write(b);
        CompressorStreamFactory factory = new CompressorStreamFactory(true);
        try (InputStream in = factory.createCompressorInputStream("nzip", new ByteArrayInputStream(both.toByteArray()))) {
            byte[] all = in.readAllBytes();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(TestData.text(1000));
            expected.write(TestData.random(700, 1));
            assertArrayEquals(expected.toByteArray(), all);
        }
    }

    @Test
    void corruptInputSurfacesAsAnException() {
        CompressorStreamFactory factory = new CompressorStreamFactory();
        assertThrows(CompressorException.class,
                () -> factory.createCompressorInputStream("nzip", new ByteArrayInputStream(new byte[] {1, 2, 3, 4})));
    }

    @Test
    void detectFindsNzipByItsMagicAndLeavesOtherFormatsToCommonsCompress() throws Exception {
        byte[] packed = Nzip.compress(TestData.text(2000));
        InputStream nz = new BufferedInputStream(new ByteArrayInputStream(packed));
        assertEquals(NzipCompressorProvider.NAME, NzipCompressorProvider.detect(nz));
        try (InputStream in = new CompressorStreamFactory().createCompressorInputStream(NzipCompressorProvider.NAME, nz)) {
            assertArrayEquals(TestData.text(2000), in.readAllBytes(), "detect left the stream at its start");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(TestData.text(100));
        }
        assertEquals(CompressorStreamFactory.GZIP,
                NzipCompressorProvider.detect(new BufferedInputStream(new ByteArrayInputStream(gz.toByteArray()))));
        assertThrows(CompressorException.class,
                () -> NzipCompressorProvider.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[] {'N', 'Z'}))),
                "a cut magic is no format");
        assertFalse(NzipCompressorProvider.matches(new byte[] {'N', 'Z', 'I', 'X'}, 4));
        assertTrue(NzipCompressorProvider.matches(packed, packed.length));
    }
}
