package org.nzip.model;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.nzip.TestData;
import org.nzip.tensor.TensorOps;

/**
 * Child-JVM side of {@link TransformerDeterminismTest}: codes a fixed text with a small transformer
 * (dimensions off the lane multiples, blocks whose last step has fewer active streams, several
 * segments with memory) on the backend {@code -Dnzip.ops} selects, and prints the SHA-256 of the raw
 * bits of every distribution it predicted.
 *
 * <pre>TransformerProbe THREADS [light]</pre>
 * "light": a tiny model over a few steps, for the JIT modes where the Vector API is not compiled.
 */
public final class TransformerProbe {

    /** 2 blocks of width 24 in 3 heads of 8, a feed-forward layer of 40, 17 streams, segments of 6. */
    static final TransformerConfig SMALL = new TransformerConfig(2, 24, 3, 40, 17, 6, 3e-3f, 1000f, 0.999f,
            1e-6f, 1f, 3);

    /** 1 block of width 8 in 2 heads, a feed-forward layer of 6, 5 streams, segments of 3. */
    static final TransformerConfig TINY = new TransformerConfig(1, 8, 2, 6, 5, 3, 3e-3f, 1000f, 0.999f, 1e-6f, 1f, 4);

    private TransformerProbe() {}

    static String digest(TensorOps ops, int threads, boolean light) throws Exception {
        TransformerConfig cfg = light ? TINY : SMALL;
        int steps = light ? 8 : 40;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] text = TestData.text(cfg.streams() * steps);
        int b = cfg.streams();
        float[] probs = new float[b * Predictor.ALPHABET];
        int[] sym = new int[b];
        byte[] bits = new byte[4];
        try (TransformerPredictor p = new TransformerPredictor(cfg, ops, threads, 0)) { // a second thread however small
            for (int t = 0; t < steps; t++) {
                int active = t == 17 || t == steps - 1 ? b - 3 : b; // blocks end now and then with fewer streams
                p.predict(active, probs);
                for (int i = 0; i < active * Predictor.ALPHABET; i++) {
                    int v = Float.floatToRawIntBits(probs[i]);
                    bits[0] = (byte) (v >>> 24);
                    bits[1] = (byte) (v >>> 16);
                    bits[2] = (byte) (v >>> 8);
                    bits[3] = (byte) v;
                    md.update(bits);
                }
                for (int s = 0; s < b; s++) {
                    sym[s] = text[s * steps + t] & 0xFF;
                }
                p.update(active, sym);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static void main(String[] args) throws Exception {
        TensorOps ops = TensorOps.get();
        System.out.println(ops.description());
        System.out.println(digest(ops, Integer.parseInt(args[0]), args.length > 1 && args[1].equals("light")));
    }
}
