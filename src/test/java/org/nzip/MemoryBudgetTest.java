package org.nzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nzip.codec.BlockCoder;
import org.nzip.codec.LstmCmConfig;
import org.nzip.codec.ModelConfig;
import org.nzip.format.Container;
import org.nzip.model.LstmConfig;

/**
 * The memory a stream needs is computed from its header before anything large is allocated, it
 * matches what decoding really holds, and a stream that needs more than its limit is refused with
 * {@link MemoryLimitException} at once.
 */
class MemoryBudgetTest {

    private static final int FIRST_BLOCK = 1_000_000;

    /**
     * A stream of {@code model} whose first block declares {@code raw} bytes and carries {@code coded}
     * garbage bytes behind a valid checksum: decoding allocates everything and then runs on garbage.
     */
    static byte[] garbageStream(ModelConfig model, int preset, int blockSize, int raw, int coded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Container.writeHeader(out, new Container.Header(model.kind(), preset, blockSize, model.params()));
        // Zeros (and a last byte that is not: a coded stream never ends in a zero byte): the decoder
        // reads 1 bits from them whatever the model predicts, so it codes on until it is stopped.
        byte[] garbage = new byte[coded];
        garbage[coded - 1] = 1;
        Container.writeBlockHeader(out, Container.BlockHeader.coded(raw, coded, 0, Container.crc(garbage, 0, coded)));
        out.write(garbage);
        return out.toByteArray();
    }

    private static long usedAfterGc(MemoryMXBean bean) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return bean.getHeapMemoryUsage().getUsed();
    }

    /** Stops the decoder from the progress listener once everything is allocated. */
    private static final class Measured extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long used;

        Measured(long used) {
            super(null, null, false, false);
            this.used = used;
        }
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(Preset.class)
    void computedNeedMatchesTheHeapDecodingHolds(Preset preset) throws IOException {
        checkNeed(preset, preset.model());
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"FAST", "DEFAULT", "MAX"})
    void computedNeedMatchesTheHeapDecodingHoldsWithTheTransformer(Preset preset) throws IOException {
        checkNeed(preset, preset.model(Network.TRANSFORMER));
    }

    private void checkNeed(Preset preset, ModelConfig model) throws IOException {
        byte[] stream = garbageStream(model, preset.code(), preset.blockSize(), FIRST_BLOCK, FIRST_BLOCK - 1);
        long need = BlockCoder.memoryUsage(model, FIRST_BLOCK);
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(bean);
        long[] held = new long[1];
        NzipOptions options = new NzipOptions().threads(1).progressListener((raw, coded) -> {
            throw new Measured(usedAfterGc(bean));
        });
        try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(stream), options)) {
            NzipException e = assertThrows(NzipException.class, in::read);
            assertTrue(e.getCause() instanceof Measured, "decoding stopped by the measurement, not by " + e);
            held[0] = ((Measured) e.getCause()).used - before;
        }
        double ratio = (double) held[0] / need;
        System.out.printf("%s (%s): computed %,d B, held %,d B (%.3f)%n", preset, model.describe(), need, held[0], ratio);
        assertTrue(ratio > 0.9 && ratio < 1.1, preset + " (" + model.describe() + "): computed " + need + " B, decoding held " + held[0] + " B");
    }

    @Test
    void aStreamOverTheLimitIsRefusedBeforeAllocating() throws IOException {
        byte[] stream = garbageStream(Preset.DEFAULT.model(), 3, Preset.DEFAULT.blockSize(), FIRST_BLOCK, 1000);
        NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(stream), 64L << 20);
        MemoryLimitException e = assertThrows(MemoryLimitException.class, in::read);
        assertEquals(64L << 20, e.limit());
        assertEquals(BlockCoder.memoryUsage(Preset.DEFAULT.model(), FIRST_BLOCK), e.needed());
        assertTrue(e.getMessage().contains("MiB"), e.getMessage());
        assertThrows(MemoryLimitException.class, in::read); // and it stays refused
    }

    /**
     * The bomb: a header that passes every range check (2 layers of 2048 cells, embed 1, 256
     * streams, bptt 256) but would need gigabytes for its training record. Refused at the first
     * read, from the header and the first block's header, before anything is allocated.
     */
    @Test
    void theTapeBombIsRefusedUnderTheDefaultLimit() throws IOException {
        LstmConfig lstm = new LstmConfig(2, 2048, 1, 256, 256, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1);
        byte[] stream = bomb(lstm);
        assertTrue(stream.length < 120, "a small file: " + stream.length);
        MemoryLimitException e = assertThrows(MemoryLimitException.class,
                () -> new NzipInputStream(new ByteArrayInputStream(stream)).read());
        assertTrue(e.needed() > 8L << 30, "needs " + e.needed());
        assertThrows(MemoryLimitException.class,
                () -> new NzipInputStream(new ByteArrayInputStream(stream), 256L << 20).read());
    }

    /** One size parameter at a time at its largest: every such header is refused, for memory or for work. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"layers", "hidden", "embed", "streams", "bptt", "all"})
    void everySizeParameterAtItsBoundIsRefusedOrCheap(String which) throws IOException {
        LstmConfig r = LstmCmConfig.REFERENCE_LSTM;
        boolean all = which.equals("all");
        LstmConfig lstm = new LstmConfig(all || which.equals("layers") ? LstmConfig.MAX_LAYERS : r.layers(),
                which.equals("hidden") ? LstmConfig.MAX_HIDDEN : r.hidden(),
                which.equals("embed") ? LstmConfig.MAX_EMBED : r.embed(),
                all || which.equals("streams") ? LstmConfig.MAX_STREAMS : r.streams(),
                all || which.equals("bptt") ? LstmConfig.MAX_BPTT : r.bptt(), 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1);
        LstmCmConfig model = new LstmCmConfig(lstm, LstmCmConfig.REFERENCE_MIXER);
        long least = BlockCoder.memoryUsage(model, 1);
        assertTrue(least < 1L << 40, "no size formula comes near 2^40: " + least);
        byte[] stream = bomb(lstm);
        long limit = 256L << 20;
        long need = BlockCoder.memoryUsage(model, 1 << 23); // its first block: 8 MiB
        try (NzipInputStream in = new NzipInputStream(new ByteArrayInputStream(stream), limit)) {
            IOException e = assertThrows(IOException.class, in::read);
            if (need > limit) {
                assertEquals(need, assertInstanceOf(MemoryLimitException.class, e).needed(), which);
            } else {
                assertInstanceOf(UnsupportedFormatException.class, e, which);
                assertTrue(model.workPerByte() > org.nzip.codec.ModelConfig.MAX_WORK_PER_BYTE, which);
            }
        }
    }

    /** A 64 Mi-weight LSTM with one stream and bptt 1 would cost a year per block: refused for its work. */
    @Test
    void theCpuBombIsRefusedForItsWork() throws IOException {
        LstmConfig lstm = new LstmConfig(2, 2048, 256, 1, 1, 1e-2f, 3000f, 0.9999f, 1e-5f, 1f, 1);
        LstmCmConfig model = new LstmCmConfig(lstm, LstmCmConfig.REFERENCE_MIXER);
        assertTrue(model.workPerByte() > 10 * org.nzip.codec.ModelConfig.MAX_WORK_PER_BYTE);
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> new NzipInputStream(new ByteArrayInputStream(bomb(lstm)), new NzipOptions().memoryLimit(4L << 30)).read());
        assertTrue(e.getMessage().contains("multiply-adds"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new NzipOutputStream(new ByteArrayOutputStream(), new NzipOptions().customModel(model)),
                "and never written");
    }

    @Test
    void everyPresetIsWithinTheWorkBound() {
        for (Preset p : Preset.values()) {
            p.model().checkWork();
        }
        // max, the slowest preset, sets the scale of the bound
        long max = Preset.MAX.model().workPerByte();
        assertTrue(4 * max > org.nzip.codec.ModelConfig.MAX_WORK_PER_BYTE * 0.95
                && 4 * max < org.nzip.codec.ModelConfig.MAX_WORK_PER_BYTE * 1.05, "max: " + max);
    }

    /** A header of {@code lstm}'s kind-4 model written without the work check (as an attacker would). */
    private static byte[] bomb(LstmConfig lstm) throws IOException {
        org.nzip.format.Params.Writer w = new org.nzip.format.Params.Writer();
        LstmConfig r = LstmCmConfig.REFERENCE_LSTM;
        w.putInt(lstm.layers(), r.layers()).putInt(lstm.hidden(), r.hidden()).putInt(lstm.embed(), r.embed())
                .putInt(lstm.streams(), r.streams()).putInt(lstm.bptt(), r.bptt());
        for (int i = 0; i < 5; i++) {
            w.putFloat(0f, 0f); // the reference's floats
        }
        w.putInt(lstm.seed(), r.seed());
        for (int i = 0; i < 7; i++) {
            w.putInt(0, 0); // the reference mixer
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Container.writeHeader(out, new Container.Header(LstmCmConfig.KIND, 0, 1 << 23, w.toBytes()));
        Container.writeBlockHeader(out, Container.BlockHeader.coded(1 << 23, 10, 0, Container.crc(new byte[10], 0, 10)));
        out.write(new byte[10]);
        return out.toByteArray();
    }

    @Test
    void theEncoderStatesItsNeedBeforeWritingAnything() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        NzipOutputStream out = new NzipOutputStream(sink, NzipOptions.of(Preset.MAX).modelBySize(false).memoryLimit(32L << 20));
        out.write(TestData.text(5000));
        MemoryLimitException e = assertThrows(MemoryLimitException.class, out::finish);
        assertEquals(NzipOutputStream.memoryNeeded(NzipOptions.of(Preset.MAX).modelBySize(false), 5000), e.needed());
        out.close();
        assertEquals(0, sink.size(), "nothing written");
    }
}
