package org.nzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nzip.Nzip;
import org.nzip.Preset;
import org.nzip.TestData;
import org.nzip.hadoop.NzipCodec;

/**
 * A Spark job in local mode with the codec configured: reads a four-segment {@code .nz} file of text
 * lines in four partitions (every line once, in order), and writes {@code .nz} output with
 * {@code saveAsTextFile(path, NzipCodec.class)}, which decodes to the lines ({@code -Dnzip.spark.out=DIR}
 * keeps that output and the expected text in DIR). Runs in every {@code mvn verify}, in a JVM of its
 * own with the flags Spark's launcher would give it (the pom's surefire execution {@code spark-job}).
 */
class SparkJobTest {

    static final int SEGMENT = 16 << 10;

    @Test
    void sparkReadsSplitsAndWritesNz(@TempDir Path dir) throws IOException {
        byte[] words = TestData.wordSalad(4 * SEGMENT - 1000, 41);
        List<String> lines = new ArrayList<>(List.of(new String(words, StandardCharsets.ISO_8859_1).split("\n")));
        Configuration hconf = new Configuration(false);
        hconf.set(NzipCodec.PRESET_KEY, Preset.CM.label());
        hconf.setLong(NzipCodec.SEGMENT_KEY, SEGMENT);
        hconf.setInt(NzipCodec.BLOCK_KEY, SEGMENT / 4);
        NzipCodec codec = new NzipCodec();
        codec.setConf(hconf);
        Path file = dir.resolve("lines.txt.nz");
        try (OutputStream out = codec.createOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        assertEquals(4, Nzip.inspect(Files.newInputStream(file)).segments());

        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("nzip-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.hadoop.io.compression.codecs", NzipCodec.class.getName())
                .set("spark.hadoop." + NzipCodec.PRESET_KEY, Preset.CM.label())
                .set("spark.hadoop." + NzipCodec.SEGMENT_KEY, Integer.toString(SEGMENT));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            long length = Files.size(file);
            sc.hadoopConfiguration().setLong("mapreduce.input.fileinputformat.split.maxsize", (length + 3) / 4);
            JavaRDD<String> read = sc.textFile(file.toUri().toString(), 4);
            assertEquals(4, read.getNumPartitions(), "four splits of the file");
            assertEquals(lines.size(), read.count());
            assertEquals(lines, read.collect());

            Path outDir = dir.resolve("out");
            sc.parallelize(lines, 2).saveAsTextFile(outDir.toUri().toString(), NzipCodec.class);
            List<Path> parts;
            try (Stream<Path> s = Files.list(outDir)) {
                parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
            }
            assertEquals(2, parts.size());
            StringBuilder back = new StringBuilder();
            for (Path p : parts) {
                assertEquals(true, p.toString().endsWith(".nz"), p.toString());
                back.append(new String(Nzip.decompress(Files.readAllBytes(p)), StandardCharsets.ISO_8859_1));
            }
            assertEquals(String.join("\n", lines) + "\n", back.toString());
            String keep = System.getProperty("nzip.spark.out"); // to decode the job's output with ./nzip -d
            if (keep != null) {
                Files.createDirectories(Path.of(keep));
                for (Path p : parts) {
                    Files.copy(p, Path.of(keep).resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.write(Path.of(keep).resolve("expected.txt"), back.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }
}
