package org.nzip.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.CorruptInputException;
import org.nzip.Nzip;
import org.nzip.NzipOptions;
import org.nzip.Preset;
import org.nzip.TestData;

/**
 * Hadoop's own {@link TextInputFormat} reads a four-segment {@code .nz} file of text lines over the
 * local file system, cut into splits of many sizes: every line comes back exactly once, in order.
 * The file is written through the codec ({@code cm}, segments of four 4 KiB blocks: 4 of them, a few
 * seconds).
 */
class NzipCodecSplitTest {

    static final int SEGMENT = 16 << 10;

    @TempDir
    static Path dir;
    static Path file;
    static List<String> lines;

    static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("io.compression.codecs", NzipCodec.class.getName());
        conf.set("fs.defaultFS", "file:///");
        conf.set(NzipCodec.PRESET_KEY, Preset.CM.label());
        conf.setLong(NzipCodec.SEGMENT_KEY, SEGMENT);
        conf.setInt(NzipCodec.BLOCK_KEY, SEGMENT / 4);
        return conf;
    }

    @BeforeAll
    static void writeFile() throws IOException {
        byte[] words = TestData.wordSalad(4 * SEGMENT - 1000, 31);
        lines = new ArrayList<>();
        for (String l : new String(words, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            lines.add(l);
        }
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        file = dir.resolve("lines.txt.nz");
        Configuration conf = conf();
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(new org.apache.hadoop.fs.Path(file.toUri()));
        assertInstanceOf(NzipCodec.class, codec, "the factory picks the codec for .nz");
        try (OutputStream out = codec.createOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1));
            out.write('\n');
        }
        Nzip.StreamInfo info = Nzip.inspect(Files.newInputStream(file));
        assertEquals(4, info.segments());
    }

    /** Reads the file with TextInputFormat in splits of {@code size} file bytes. */
    static List<String> readInSplits(Path f, long size) throws IOException, InterruptedException {
        Configuration conf = conf();
        TextInputFormat format = new TextInputFormat();
        TaskAttemptContextImpl context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
        long length = Files.size(f);
        List<String> got = new ArrayList<>();
        for (long start = 0; start < length; start += size) {
            InputSplit split = new FileSplit(new org.apache.hadoop.fs.Path(f.toUri()), start, Math.min(size, length - start), null);
            try (RecordReader<org.apache.hadoop.io.LongWritable, Text> reader = format.createRecordReader(split, context)) {
                reader.initialize(split, context);
                while (reader.nextKeyValue()) {
                    got.add(reader.getCurrentValue().toString());
                }
            }
        }
        return got;
    }

    @Test
    void everyLineExactlyOnceForEverySplitSize() throws Exception {
        long length = Files.size(file);
        assertTrue(new TextInputFormat() {
            boolean splittable() {
                return isSplitable(new TaskAttemptContextImpl(conf(), new TaskAttemptID()), new org.apache.hadoop.fs.Path(file.toUri()));
            }
        }.splittable(), "TextInputFormat splits .nz files");
        // four splits (the acceptance case), splits smaller than a segment, at every segment's start, one split
        for (long size : new long[] {(length + 3) / 4, 2000, length}) {
            assertEquals(lines, readInSplits(file, size), "splits of " + size + " bytes");
        }
    }

    @Test
    void aStreamWithoutSegmentsIsOneSplit() throws Exception {
        Path plain = dir.resolve("plain.txt.nz");
        byte[] text = (String.join("\n", lines.subList(0, 200)) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(plain, Nzip.compress(text, NzipOptions.of(Preset.CM).blockSize(4096)));
        assertEquals(lines.subList(0, 200), readInSplits(plain, 700));
    }

    /**
     * Damage in segment 2's last block fails the split that owns segment 2, naming it; the others read
     * (the split before reads into segment 2's first block only, for its last line).
     */
    @Test
    void aDamagedSegmentFailsItsSplitOnly() throws Exception {
        byte[] packed = Files.readAllBytes(file);
        Nzip.Segment s2 = Nzip.inspect(Files.newInputStream(file)).segmentList().get(2);
        packed[(int) (s2.compressedOffset() + s2.compressedLength() - 5)] ^= 0x40;
        Path bad = dir.resolve("bad.txt.nz");
        Files.write(bad, packed);
        Configuration conf = conf();
        TaskAttemptContextImpl context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
        long length = packed.length;
        long size = (length + 3) / 4;
        int failed = 0;
        for (long start = 0; start < length; start += size) {
            FileSplit split = new FileSplit(new org.apache.hadoop.fs.Path(bad.toUri()), start, Math.min(size, length - start), null);
            boolean owns2 = start <= s2.compressedOffset() && s2.compressedOffset() < start + split.getLength();
            try (RecordReader<org.apache.hadoop.io.LongWritable, Text> reader = new TextInputFormat().createRecordReader(split, context)) {
                if (owns2) {
                    CorruptInputException e = assertThrows(CorruptInputException.class, () -> {
                        reader.initialize(split, context);
                        while (reader.nextKeyValue()) {
                            // read to the damage
                        }
                    });
                    assertTrue(e.getMessage().contains("segment 2"), e.getMessage());
                    failed++;
                } else {
                    reader.initialize(split, context);
                    while (reader.nextKeyValue()) {
                        assertTrue(reader.getCurrentValue().getLength() >= 0);
                    }
                }
            }
        }
        assertEquals(1, failed);
    }

    @Test
    void theCodecDecodesWhatItWrote() throws IOException {
        byte[] expected = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, Nzip.decompress(Files.readAllBytes(file)));
        NzipCodec codec = new NzipCodec();
        codec.setConf(conf());
        try (var in = codec.createInputStream(Files.newInputStream(file))) {
            assertArrayEquals(expected, in.readAllBytes());
        }
    }
}
