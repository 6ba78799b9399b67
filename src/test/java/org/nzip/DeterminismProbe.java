package org.nzip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nzip.codec.LstmCmConfig;
import org.nzip.codec.TransformerCmConfig;
import org.nzip.mix.BitMixConfig;
import org.nzip.model.LstmConfig;
import org.nzip.model.TransformerConfig;
import org.nzip.transform.TransformMode;

/**
 * Child-JVM side of {@link DeterminismMatrixTest}: compresses fixed inputs, writes the .nz files to a
 * folder, and decodes the reference files of another run, checking their content. Exit code 0 when
 * every decode matched, 1 otherwise.
 *
 * <pre>DeterminismProbe OUT_DIR REF_DIR|- THREADS light|full</pre>
 */
public final class DeterminismProbe {

    private DeterminismProbe() {}

    /** A small LSTM that still crosses every kernel's vector tails (B = 5, H = 21: not lane multiples). */
    static final LstmConfig TINY = new LstmConfig(2, 21, 7, 5, 6, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 7);

    /**
     * A small transformer that crosses the kernels' vector tails too (B = 5, D = 20 in 4 heads of 5,
     * F = 22), with segments of 6.
     */
    static final TransformerConfig TINY_TRANSFORMER = new TransformerConfig(2, 20, 4, 22, 5, 6, 1e-2f, 100f, 0.999f, 1e-5f, 0.5f, 7);

    /** A small bitwise mixer for the tiny LSTM (smallest tables), with the LSTM presets' model set. */
    static final BitMixConfig TINY_BITS = new BitMixConfig(16, 255, 4, 10, 16, 7, BitMixConfig.TEXT_SET);

    /** The cases: name, options, input. "light" runs only the first (for -Xint). */
    static Object[][] cases(int threads) {
        return new Object[][] {
                // the tiny LSTM and the bitwise mixer: every part of the LSTM presets' model kind
                {"tiny-lstm-cm", new NzipOptions().customModel(new LstmCmConfig(TINY, TINY_BITS)).blockSize(1024).threads(threads), TestData.wordSalad(1100, 99)},
                // the same with the tiny transformer: every part of the transformer's model kind
                {"tiny-transformer-cm", new NzipOptions().customModel(new TransformerCmConfig(TINY_TRANSFORMER, TINY_BITS)).blockSize(1024).threads(threads), TestData.wordSalad(1100, 94)},
                {"fast", NzipOptions.of(Preset.FAST).modelBySize(false).threads(threads), TestData.wordSalad(2500, 98)},
                {"cm", NzipOptions.of(Preset.CM).blockSize(1024).threads(threads), TestData.wordSalad(5000, 97)},
                // a stream whose blocks went through the text transform, split into fast's 32 streams
                {"fast-text", NzipOptions.of(Preset.FAST).transform(TransformMode.TEXT).blockSize(1024).threads(threads), TestData.text(2500)},
                // large enough that a second thread takes half of each product
                {"default", NzipOptions.of(Preset.DEFAULT).modelBySize(false).threads(threads), TestData.wordSalad(700, 96)},
                // with two threads the forward passes run half a step ahead on the second thread: blocks
                // whose last step has 1 and 2 active streams of 16
                {"default-blocks", NzipOptions.of(Preset.DEFAULT).blockSize(1025).threads(threads), TestData.wordSalad(2 * 1025 + 50, 95)},
                // default's transformer: a second thread takes half of its products and runs the
                // forward passes half a step ahead
                {"default-transformer-blocks", NzipOptions.of(Preset.DEFAULT).network(Network.TRANSFORMER).blockSize(1025).threads(threads), TestData.wordSalad(2 * 1025 + 50, 93)},
        };
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path ref = args[1].equals("-") ? null : Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean light = args[3].equals("light");
        Files.createDirectories(out);
        boolean ok = true;
        Object[][] cases = cases(threads);
        for (int i = 0; i < (light ? 1 : cases.length); i++) {
            String name = (String) cases[i][0];
            NzipOptions options = (NzipOptions) cases[i][1];
            byte[] input = (byte[]) cases[i][2];
            Files.write(out.resolve(name + ".nz"), Nzip.compress(input, options));
            if (ref != null) {
                byte[] back = new NzipInputStream(Files.newInputStream(ref.resolve(name + ".nz")),
                        new NzipOptions().threads(threads)).readAllBytes();
                if (!Arrays.equals(back, input)) {
                    System.err.println(name + ": reference file decodes to different bytes");
                    ok = false;
                }
            }
        }
        System.exit(ok ? 0 : 1);
    }
}
