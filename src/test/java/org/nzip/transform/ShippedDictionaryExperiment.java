package org.nzip.transform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nzip.Nzip;
import org.nzip.NzipOptions;
import org.nzip.Preset;

/** Throw-away: a ranked word list as a static dictionary; -Dwords=N -Done=A. */
public final class ShippedDictionaryExperiment {
    public static void main(String[] a) throws Exception {
        Preset preset = Preset.of(a[0]);
        List<String> list = Files.readAllLines(Path.of(a[1]), StandardCharsets.ISO_8859_1);
        int n = Math.min(list.size(), Integer.getInteger("words", 4096));
        int one = Integer.getInteger("one", 64);
        boolean caps = !Boolean.getBoolean("nocaps");
        for (int f = 2; f < a.length; f++) {
            byte[] data = Files.readAllBytes(Path.of(a[f]));
            WordDictionary d = DictionaryBuilder.build(data, data.length);
            ByteRoles r = d.roles();
            int c = r.codeCount();
            int two = Integer.getInteger("two", c - one); int three = c - one - two; int cap = Math.min(n, one + two * 128 + three * 16384);
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < cap; i++) rank.put(list.get(i), i);
            byte[] out = new byte[2 * data.length];
            int o = 0;
            int used = 0;
            java.util.BitSet seen = new java.util.BitSet();
            for (int i = 0; i < data.length; ) {
                int b = data[i] & 0xFF;
                if (Character.isLetter(b) && b < 128) {
                    int j = i;
                    int capitals = 0;
                    boolean later = false;
                    while (j < data.length && (data[j] & 0xFF) < 128 && Character.isLetter(data[j] & 0xFF)) {
                        if (data[j] < 'a') { capitals++; if (j > i) later = true; }
                        j++;
                    }
                    int len = j - i;
                    String w = new String(data, i, len, StandardCharsets.ISO_8859_1);
                    int flag = -1;
                    if (capitals == len && len >= 2) flag = r.upper;
                    else if (capitals == 1 && !later) flag = r.cap;
                    else if (capitals > 0) { System.arraycopy(data, i, out, o, len); o += len; i = j; continue; }
                    if (!caps && flag >= 0) { System.arraycopy(data, i, out, o, len); o += len; i = j; continue; }
                    if (flag >= 0) out[o++] = (byte) flag;
                    Integer k = rank.get(w.toLowerCase());
                    if (k == null) {
                        for (int p = i; p < j; p++) out[o++] = (byte) (data[p] | 0x20);
                    } else {
                        if (!seen.get(k)) { seen.set(k); used++; }
                        if (k < one) out[o++] = (byte) r.code(k);
                        else if (k < one + two * 128) { int q = k - one; out[o++] = (byte) r.code(one + q / 128); out[o++] = (byte) (0x80 + q % 128); } else { int q = k - one - two * 128; out[o++] = (byte) r.code(one + two + q / 16384); out[o++] = (byte) (0x80 + q / 128 % 128); out[o++] = (byte) (0x80 + q % 128); }
                    }
                    i = j;
                } else {
                    if (r.kinds()[b] != ByteRoles.PLAIN && r.kinds()[b] != ByteRoles.CAPITAL) out[o++] = (byte) r.escape;
                    out[o++] = (byte) b;
                    i++;
                }
            }
            byte[] t = java.util.Arrays.copyOf(out, o);
            byte[] packed = Nzip.compress(t, NzipOptions.of(preset).transform(TransformMode.NONE).threads(1));
            System.out.printf("%s words=%d one=%d codes=%d used=%d: %,d -> %,d -> %,d%n", Path.of(a[f]).getFileName(), cap, one, c, used, data.length, o, packed.length);
        }
    }
}
