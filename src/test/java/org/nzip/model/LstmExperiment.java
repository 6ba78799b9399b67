package org.nzip.model;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nzip.coder.Frequencies;
import org.nzip.tensor.TensorOps;

/**
 * Tuning tool (not a test): codes a file's prefix with an LSTM configuration given on the command line
 * and prints the ideal code length per chunk and the speed. Used to choose the presets.
 *
 * <pre>
 * java ... org.nzip.model.LstmExperiment FILE BYTES layers hidden embed streams bptt lr decay [threads]
 * </pre>
 */
public final class LstmExperiment {

    private LstmExperiment() {}

    public static void main(String[] a) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(a[0]));
        int n = Math.min(all.length, Integer.parseInt(a[1]));
        LstmConfig cfg = new LstmConfig(Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]),
                Integer.parseInt(a[5]), Integer.parseInt(a[6]), Float.parseFloat(a[7]), Float.parseFloat(a[8]),
                Float.parseFloat(System.getProperty("beta2", "0.9999")), Float.parseFloat(System.getProperty("eps", "1e-5")), 1f, 1);
        int threads = a.length > 9 ? Integer.parseInt(a[9]) : 1;
        LstmPredictor lstm = new LstmPredictor(cfg, TensorOps.get(), threads);
        int weights = lstm.weightCount();
        try (Predictor p = lstm) {
            int b = cfg.streams();
            int seg = n / b;
            p.startBlock(seg * b);
            float[] probs = new float[b * 256];
            int[] sym = new int[b];
            int[] freq = new int[256];
            double bits = 0;
            double chunkBits = 0;
            long t0 = System.nanoTime();
            int report = Math.max(1, seg / 10);
            for (int t = 0; t < seg; t++) {
                p.predict(b, probs);
                for (int s = 0; s < b; s++) {
                    int x = all[s * seg + t] & 0xFF;
                    Frequencies.quantize(probs, s * 256, 256, freq);
                    double c = -Math.log(freq[x] / (double) Frequencies.TOTAL) / Math.log(2);
                    bits += c;
                    chunkBits += c;
                    sym[s] = x;
                }
                p.update(b, sym);
                if ((t + 1) % report == 0) {
                    double sec = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("%8d bytes  chunk %.3f bpb  total %.3f bpb  %.1f kB/s%n", (long) (t + 1) * b,
                            chunkBits / ((double) report * b), bits / ((double) (t + 1) * b), (t + 1) * (double) b / sec / 1000);
                    chunkBits = 0;
                }
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %.4f bpb over %d bytes, %.1f s, %.1f kB/s, %d weights%n", cfg.describe(),
                    bits / ((double) seg * b), (long) seg * b, sec, seg * (double) b / sec / 1000, weights);
        }
    }
}
