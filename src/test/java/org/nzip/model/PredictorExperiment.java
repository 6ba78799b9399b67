package org.nzip.model;

import org.nzip.coder.Frequencies;

/**
 * The loop of the tuning tools {@link LstmExperiment} and {@link TransformerExperiment}: codes the
 * first {@code n} bytes of {@code data} split into the predictor's streams and prints the ideal code
 * length (of the quantised distributions the coder would use) per tenth and in total, and the speed.
 */
final class PredictorExperiment {

    private PredictorExperiment() {}

    static void run(Predictor p, String description, int weights, byte[] data, int n) {
        int b = p.streams();
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
                int x = data[s * seg + t] & 0xFF;
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
        System.out.printf("%s: %.4f bpb over %d bytes, %.1f s, %.1f kB/s, %d weights%n", description,
                bits / ((double) seg * b), (long) seg * b, sec, seg * (double) b / sec / 1000, weights);
    }
}
