package org.nzip.transform;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nzip.Nzip;
import org.nzip.NzipOptions;
import org.nzip.Preset;

/**
 * Sizes of a file's text transform variants coded by a preset (model bytes coded without a further
 * transform): the raw file, capitals only (no words), the dictionary the builder chooses. Run:
 * {@code java -cp target/classes:target/test-classes org.nzip.transform.TransformExperiment cm FILE...}.
 */
public final class TransformExperiment {

    public static void main(String[] args) throws Exception {
        Preset preset = Preset.of(args[0]);
        for (int f = 1; f < args.length; f++) {
            byte[] data = Files.readAllBytes(Path.of(args[f]));
            int n = data.length;
            WordDictionary d = DictionaryBuilder.build(data, n);
            ByteRoles r = d.roles();
            System.out.printf("%s: %,d bytes; dictionary %,d words of %d code bytes%n", args[f], n, d.size(), r.codeCount());
            report("raw", data, preset);
            ByteRoles none = new ByteRoles(r.cap, r.upper, r.escape, r.define, new int[0]);
            report("capitals only", transform(new WordDictionary(none, new byte[0][]), data), preset);
            report("dictionary", transform(d, data), preset);
        }
    }

    static byte[] transform(WordDictionary d, byte[] data) {
        byte[] out = new byte[2 * data.length + ByteRoles.SIZE + (1 << 20)];
        int at = d.serialize(out, 0);
        ForwardTransform t = new ForwardTransform(d);
        int m = t.forward(data, data.length, out, at, out.length);
        return java.util.Arrays.copyOf(out, m);
    }

    static void report(String what, byte[] bytes, Preset preset) {
        byte[] packed = Nzip.compress(bytes, NzipOptions.of(preset).transform(TransformMode.NONE).threads(1));
        System.out.printf("  %-34s %,10d -> %,9d%n", what, bytes.length, packed.length);
    }
}
