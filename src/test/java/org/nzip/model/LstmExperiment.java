package org.nzip.model;

import java.nio.file.Files;
import java.nio.file.Path;
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
        try (LstmPredictor lstm = new LstmPredictor(cfg, TensorOps.get(), threads)) {
            PredictorExperiment.run(lstm, cfg.describe(), lstm.weightCount(), all, n);
        }
    }
}
