package org.nzip.mix;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nzip.coder.Frequencies;
import org.nzip.model.LstmConfig;
import org.nzip.model.LstmPredictor;
import org.nzip.model.Predictor;
import org.nzip.tensor.TensorOps;

/**
 * Tuning tool (not a test) for the bitwise mixer: the LSTM's quantised distributions of a file are
 * computed once and cached in a dump file (1 KiB per byte), so that mixer settings can be compared in
 * seconds. Prints the ideal code length (Σ −log2 p of the coded bits) of the LSTM alone and mixed.
 *
 * <pre>
 * java ... org.nzip.mix.BitMixExperiment FILE BYTES DUMP layers hidden embed streams bptt lr [lrDecaySteps [beta2]]
 *     [-Dtable=22 -Dlimit=127 -Dmatch=6 -DmatchBits=22 -Dmix=16 -Dapm=10 -Dset=2 -Dhistory.only=A,B
 *      -Dx.history=A,B -Dx.apms=ORDER1:1,MATCH:1 -Dx.mixers=SINGLE,... (see AblationExperiment.custom)]
 * </pre>
 * {@code layers = 0} means no LSTM (a uniform distribution): the bitwise models alone.
 */
public final class BitMixExperiment {

    private BitMixExperiment() {}

    public static void main(String[] a) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(a[0]));
        int n = Math.min(all.length, Integer.parseInt(a[1]));
        Path dump = Path.of(a[2]);
        int layers = Integer.parseInt(a[3]);
        int streams = Integer.parseInt(a[6]);
        int seg = n / streams;
        if (layers > 0 && !Files.exists(dump)) {
            LstmConfig cfg = new LstmConfig(layers, Integer.parseInt(a[4]), Integer.parseInt(a[5]), streams,
                    Integer.parseInt(a[7]), Float.parseFloat(a[8]), a.length > 9 ? Float.parseFloat(a[9]) : 3000f,
                    a.length > 10 ? Float.parseFloat(a[10]) : 0.9999f, 1e-5f, 1f, 1);
            writeDump(all, seg, cfg, dump);
        }
        BitMixConfig mix = new BitMixConfig(Integer.getInteger("table", 22), Integer.getInteger("limit", 127),
                Integer.getInteger("match", 6), Integer.getInteger("matchBits", 22), Integer.getInteger("mix", 24),
                Integer.getInteger("apm", 10), Integer.getInteger("set", BitMixConfig.TEXT_SET));
        ByteBuffer freqs = null; // read a MiB at a time: a dump of a few MB of input is GBs, beyond one mapping
        FileChannel ch = null;
        if (layers > 0) {
            ch = FileChannel.open(dump, StandardOpenOption.READ);
            freqs = ByteBuffer.allocate(1 << 20).flip();
        }
        int[] freq = new int[256];
        java.util.Arrays.fill(freq, Frequencies.TOTAL / 256);
        int[] sym = new int[streams];
        // -Dhistory.only=A,B: the config's set with these contexts moved to (or added as) bit histories only.
        String historyOnly = System.getProperty("history.only");
        ModelSet set = historyOnly == null ? ModelSet.of(mix.modelSet()) : AblationExperiment.historyOnly(ModelSet.of(mix.modelSet()), historyOnly);
        if (System.getProperty("bit.histories") != null) { // -Dbit.histories=true|false: the set with or without histories beside its counters
            set = set.extrasOn(new ModelSet(set.contexts(), AblationExperiment.runs(set), set.historyContexts(), Boolean.getBoolean("bit.histories"),
                    set.mixers(true), set.apms(), set.apmWeights(), set.rateBoost));
        }
        set = AblationExperiment.custom(set);
        BitMixer bits = new BitMixer(mix, set, streams, layers > 0);
        bits.startBlock(seg * streams);
        double lstmBits = 0;
        double mixBits = 0;
        long t0 = System.nanoTime();
        for (int t = 0; t < seg; t++) {
            for (int s = 0; s < streams; s++) {
                if (freqs != null) {
                    if (freqs.remaining() < 1024) {
                        freqs.compact();
                        while (freqs.position() < 1024 && ch.read(freqs) > 0) {
                            // fill at least one row
                        }
                        freqs.flip();
                    }
                    for (int i = 0; i < 256; i++) {
                        freq[i] = freqs.getInt();
                    }
                }
                int x = all[s * seg + t] & 0xFF;
                lstmBits -= log2(freq[x] / (double) Frequencies.TOTAL);
                bits.beginSymbol(s, freq);
                for (int k = 7; k >= 0; k--) {
                    int y = (x >>> k) & 1;
                    int p = bits.p1();
                    mixBits -= log2((y == 1 ? p : 65536 - p) / 65536.0);
                    bits.update(y);
                }
                sym[s] = x;
            }
            bits.endStep(streams, sym);
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        long coded = (long) seg * streams;
        System.out.printf("%s%n  lstm %.4f bpb, mixed %.4f bpb over %d bytes; mixer %.1f s%n", mix.describe(),
                lstmBits / coded, mixBits / coded, coded, sec);
        if (ch != null) {
            ch.close();
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void writeDump(byte[] all, int seg, LstmConfig cfg, Path dump) throws IOException {
        int b = cfg.streams();
        Path tmp = Path.of(dump + ".tmp");
        long t0 = System.nanoTime();
        try (Predictor p = new LstmPredictor(cfg, TensorOps.get(), 2);
                OutputStream os = Files.newOutputStream(tmp);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20))) {
            p.startBlock(seg * b);
            float[] probs = new float[b * 256];
            int[] sym = new int[b];
            int[] freq = new int[256];
            ByteBuffer row = ByteBuffer.allocate(1024);
            for (int t = 0; t < seg; t++) {
                p.predict(b, probs);
                for (int s = 0; s < b; s++) {
                    Frequencies.quantize(probs, s * 256, 256, freq);
                    row.clear();
                    row.asIntBuffer().put(freq);
                    out.write(row.array());
                    sym[s] = all[s * seg + t] & 0xFF;
                }
                p.update(b, sym);
            }
        }
        Files.move(tmp, dump);
        System.out.printf("dump written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
