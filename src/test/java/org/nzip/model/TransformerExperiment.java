package org.nzip.model;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nzip.tensor.TensorOps;

/**
 * Tuning tool (not a test): codes a file's prefix with a transformer configuration given on the
 * command line and prints the ideal code length per chunk and the speed.
 *
 * <pre>
 * java ... org.nzip.model.TransformerExperiment FILE BYTES layers model heads ffn streams segment lr decay [threads]
 * </pre>
 * β2 and ε as system properties {@code beta2} (default 0.9999) and {@code eps} (1e-5).
 */
public final class TransformerExperiment {

    private TransformerExperiment() {}

    public static void main(String[] a) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(a[0]));
        int n = Math.min(all.length, Integer.parseInt(a[1]));
        TransformerConfig cfg = new TransformerConfig(Integer.parseInt(a[2]), Integer.parseInt(a[3]),
                Integer.parseInt(a[4]), Integer.parseInt(a[5]), Integer.parseInt(a[6]), Integer.parseInt(a[7]),
                Float.parseFloat(a[8]), Float.parseFloat(a[9]), Float.parseFloat(System.getProperty("beta2", "0.9999")),
                Float.parseFloat(System.getProperty("eps", "1e-5")), 1f, 1);
        int threads = a.length > 10 ? Integer.parseInt(a[10]) : 1;
        try (TransformerPredictor t = new TransformerPredictor(cfg, TensorOps.get(), threads)) {
            PredictorExperiment.run(t, cfg.describe(), t.weightCount(), all, n);
        }
    }
}
