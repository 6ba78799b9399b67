package org.nzip.codec;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import org.nzip.coder.RangeEncoder;

/**
 * Benchmark tool (not a test): codes the start of a file as one block with a preset's model and two
 * threads, the second thread used one fixed {@link ForwardPipeline.Way} (or as the measured schedule
 * chooses), and prints the coded size, the wall time and the mean window time of each way taken. The
 * input is coded as it is (no text transform: give it a transformed file to see what the models see).
 *
 * <pre>java ... org.nzip.codec.ThreadWays FILE LENGTH one|shared|halves|measured|t1 [PRESET]</pre>
 *
 * {@code t1} builds the model for one thread (no worker at all). PRESET is a preset's enum name
 * (default MAX); its full-size model is used whatever the length.
 */
public final class ThreadWays {

    private ThreadWays() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ThreadWays FILE LENGTH one|shared|halves|measured|t1 [PRESET]");
            System.exit(2);
        }
        byte[] data = Files.readAllBytes(Path.of(args[0]));
        int n = Math.min(data.length, Integer.parseInt(args[1]));
        String mode = args[2];
        String preset = args.length > 3 ? args[3] : "MAX";
        Class<?> presets = Class.forName("org.nzip.Preset");
        Method model = presets.getDeclaredMethod("model"); // package-private: the preset's full-size model
        model.setAccessible(true);
        ModelConfig config = (ModelConfig) model.invoke(presets.getField(preset).get(null));

        ForwardPipeline.Measured measured = new ForwardPipeline.Measured();
        EnumMap<ForwardPipeline.Way, long[]> windows = new EnumMap<>(ForwardPipeline.Way.class);
        ForwardPipeline.Schedule schedule = new ForwardPipeline.Schedule() {
            @Override
            public void ways(List<ForwardPipeline.Way> ways) {
                measured.ways(ways);
            }

            @Override
            public ForwardPipeline.Way next(long nanos, ForwardPipeline.Way way) {
                long[] w = windows.computeIfAbsent(way, k -> new long[2]);
                if (nanos > 0) {
                    w[0]++;
                    w[1] += nanos;
                }
                return switch (mode) {
                    case "one" -> ForwardPipeline.Way.ONE_THREAD;
                    case "shared" -> ForwardPipeline.Way.SHARED_PRODUCTS;
                    case "halves" -> ForwardPipeline.Way.HALVES;
                    default -> measured.next(nanos, way);
                };
            }
        };
        RangeEncoder enc = new RangeEncoder(n);
        long t0;
        long t1;
        try (BlockCoder coder = new BlockCoder(config, mode.equals("t1") ? 1 : 2, "auto", schedule)) {
            t0 = System.nanoTime();
            coder.encode(data, n, enc, BlockCoder.Progress.NONE);
            t1 = System.nanoTime();
        }
        System.out.printf(Locale.ROOT, "%s %s: %d -> %d bytes, %.2f s%n", preset, mode, n, enc.size(), (t1 - t0) / 1e9);
        windows.forEach((way, w) -> {
            if (w[0] > 0) {
                System.out.printf(Locale.ROOT, "  %s: %d windows measured, mean %.2f ms%n", way, w[0], w[1] / 1e6 / w[0]);
            }
        });
    }
}
