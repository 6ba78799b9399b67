package org.nzip.hadoop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.nzip.Nzip;
import org.nzip.NzipOptions;
import org.nzip.Preset;

/**
 * The nzip codec for Hadoop, Spark, Hive and MapReduce: reads and writes {@code .nz} files, and
 * splits segmented ones at their segments, so that a large file is read by many tasks at once.
 * Register it with {@code io.compression.codecs=org.nzip.hadoop.NzipCodec} (Spark:
 * {@code spark.hadoop.io.compression.codecs}); Hadoop then picks it for every {@code .nz} input, and
 * {@code saveAsTextFile(path, NzipCodec.class)} writes {@code .nz} output.
 *
 * <p>Writing: each output file is one stream cut into segments of {@value #SEGMENT_KEY} bytes
 * (default 64 MiB), so that a later job can split it again; the preset is {@value #PRESET_KEY}
 * (default {@code cm}, the fastest) and the threads per stream {@value #THREADS_KEY} (default 1:
 * Hadoop runs many tasks already). Reading: a split decodes the segments whose first block starts in
 * it (the first split also the header's segment 0), and a line that crosses into the next split's
 * segment is read to its end, as Hadoop's {@code BZip2Codec} does; a stream without segments is one
 * split. A damaged segment fails its split with {@link org.nzip.CorruptInputException} naming it (and
 * the split before, if the damage is in the block that holds the end of that split's last line).
 *
 * <p>Hadoop is not a dependency of nzip: this class needs Hadoop's client on the class path (as a
 * Hadoop or Spark installation has it), and nothing else in nzip uses Hadoop.
 */
public final class NzipCodec implements SplittableCompressionCodec, Configurable {

    /** Configuration key of the preset output is written with. */
    public static final String PRESET_KEY = "nzip.compress.preset";
    /** Configuration key of the segment size of output, in bytes (0: one segment, not splittable). */
    public static final String SEGMENT_KEY = "nzip.compress.segment.size";
    /** Configuration key of the block size of output, in bytes (default: the preset's, at most a segment). */
    public static final String BLOCK_KEY = "nzip.compress.block.size";
    /** Configuration key of the threads a stream codes with. */
    public static final String THREADS_KEY = "nzip.threads";
    /** Default segment size of output. */
    public static final long DEFAULT_SEGMENT = 64L << 20;

    private Configuration conf = new Configuration(false);

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    /** The options for writing, from the configuration. */
    NzipOptions writeOptions() {
        NzipOptions o = NzipOptions.of(Preset.of(conf.get(PRESET_KEY, Preset.CM.label())))
                .segmentSize(conf.getLong(SEGMENT_KEY, DEFAULT_SEGMENT))
                .threads(conf.getInt(THREADS_KEY, 1));
        int block = conf.getInt(BLOCK_KEY, 0);
        return block > 0 ? o.blockSize(block) : o;
    }

    /** The options for reading: the threads, from the configuration. */
    NzipOptions readOptions() {
        return new NzipOptions().threads(conf.getInt(THREADS_KEY, 1));
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out) throws IOException {
        return new NzipHadoopOutputStream(out, writeOptions());
    }

    /** As {@link #createOutputStream(OutputStream)}: nzip needs no pooled compressor. */
    @Override
    public CompressionOutputStream createOutputStream(OutputStream out, Compressor compressor) throws IOException {
        return createOutputStream(out);
    }

    @Override
    public Class<? extends Compressor> getCompressorType() {
        return NzipNoCompressor.class;
    }

    @Override
    public Compressor createCompressor() {
        return new NzipNoCompressor();
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in) throws IOException {
        return new NzipHadoopInputStream(in, readOptions());
    }

    /** As {@link #createInputStream(InputStream)}: nzip needs no pooled decompressor. */
    @Override
    public CompressionInputStream createInputStream(InputStream in, Decompressor decompressor) throws IOException {
        return createInputStream(in);
    }

    @Override
    public Class<? extends Decompressor> getDecompressorType() {
        return NzipNoDecompressor.class;
    }

    @Override
    public Decompressor createDecompressor() {
        return new NzipNoDecompressor();
    }

    /**
     * The part of a file's data that the split {@code [start, end)} (in file bytes) reads: see the
     * class comment. {@code in} must be {@link Seekable} (Hadoop's file streams are).
     */
    @Override
    public SplitCompressionInputStream createInputStream(InputStream in, Decompressor decompressor, long start, long end,
                                                         READ_MODE readMode) throws IOException {
        if (!(in instanceof Seekable)) {
            throw new IOException("the split's input stream is not seekable: " + in.getClass().getName());
        }
        return new NzipSplitInputStream(in, start, end, readOptions());
    }

    @Override
    public String getDefaultExtension() {
        return Nzip.SUFFIX;
    }
}
