package org.nzip.mix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Tuning tool (not a test): the ideal code length of each file with a model set ({@code -Dset}, the
 * cm set by default; mixer rate {@code -Dmix}, 10 by default) and with one component of it taken out, one stream, no network, and the CPU time of the coding thread per byte.
 * Prints a Markdown table: bytes and µs/byte per variant and file, and the change against the full set.
 *
 * <pre>
 * java ... org.nzip.mix.AblationExperiment TABLE_BITS FILE... [-Dvariants=name;name]
 * </pre>
 */
public final class AblationExperiment {

    private AblationExperiment() {}

    private record Variant(String name, ModelSet set) {}

    public static void main(String[] a) throws Exception {
        BitMixConfig config = new BitMixConfig(Integer.parseInt(a[0]), Integer.getInteger("limit", 255), Integer.getInteger("match", 6), 22, Integer.getInteger("mix", 10), Integer.getInteger("apm", 10),
                Integer.getInteger("set", BitMixConfig.CM_SET));
        List<Path> files = Arrays.stream(a, 1, a.length).map(Path::of).toList();
        List<Variant> variants = variants();
        String only = System.getProperty("variants");
        if (only != null) {
            List<String> names = List.of(only.split(";"));
            variants = variants.stream().filter(v -> names.contains(v.name())).toList();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder head = new StringBuilder("| variant |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Path f : files) {
            head.append(' ').append(f.getFileName()).append(" bytes | µs/B |");
            rule.append("---:|---:|");
        }
        System.out.println(head);
        System.out.println(rule);
        long[] base = new long[files.size()];
        // Warm-up, so that the first variant's time does not include the JIT's: the full set on 200 kB of the first file.
        byte[] first = Files.readAllBytes(files.get(0));
        cost(new BitMixer(config, 1, false), Arrays.copyOf(first, Math.min(first.length, 200_000)));
        for (Variant v : variants) {
            StringBuilder row = new StringBuilder("| " + v.name() + " |");
            for (int i = 0; i < files.size(); i++) {
                byte[] data = Files.readAllBytes(files.get(i));
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes = Math.round(cost(new BitMixer(config, v.set(), 1, false), data) / 8);
                double micros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / data.length;
                if (v.name().equals("all") || base[i] == 0) {
                    base[i] = bytes;
                    row.append(String.format(Locale.ROOT, " %,d | %.2f |", bytes, micros));
                } else {
                    row.append(String.format(Locale.ROOT, " %,d (%+.2f %%) | %.2f |", bytes, 100.0 * (bytes - base[i]) / base[i], micros));
                }
            }
            System.out.println(row);
        }
    }

    /** -Dcosts=FILE: each byte's cost in bits (little-endian floats) of the last variant and file coded, for comparisons byte by byte. */
    private static double cost(BitMixer m, byte[] data) throws java.io.IOException {
        m.startBlock(data.length);
        int[] sym = new int[1];
        double bits = 0;
        String costs = System.getProperty("costs");
        java.nio.ByteBuffer out = costs == null ? null : java.nio.ByteBuffer.allocate(4 * data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (byte b : data) {
            int x = b & 0xFF;
            m.beginSymbol(0, null);
            double before = bits;
            for (int k = 7; k >= 0; k--) {
                int y = (x >>> k) & 1;
                int p = m.p1();
                bits -= Math.log((y == 1 ? p : 65536 - p) / 65536.0);
                m.update(y);
            }
            if (out != null) {
                out.putFloat((float) ((bits - before) / Math.log(2)));
            }
            sym[0] = x;
            m.endStep(1, sym);
        }
        if (out != null) {
            Files.write(Path.of(costs), out.array());
        }
        return bits / Math.log(2);
    }

    private static List<Variant> variants() {
        ModelSet t = ModelSet.of(Integer.getInteger("set", BitMixConfig.CM_SET));
        String keep = System.getProperty("base.streamContexts"); // -Dbase.streamContexts=STREAM_ORDER1,...: the base set keeps only these per-stream contexts
        if (keep != null) {
            List<String> k = List.of(keep.split(","));
            t = without("base", t, c -> c.perStream && !k.contains(c.name())).set();
        }
        String baseHistory = System.getProperty("base.historyOnly"); // -Dbase.historyOnly=A,B: the base set keeps only bit histories for these
        if (baseHistory != null) {
            t = historyOnly(t, baseHistory);
        }
        t = custom(t);
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("all", t));
        v.add(without("line start, word indirect", t, c -> c == ContextDef.LINE_START || c == ContextDef.WORD_INDIRECT));
        v.add(without("orders 5, 6, 8, 12", t, c -> c == ContextDef.ORDER5 || c == ContextDef.ORDER6 || c == ContextDef.ORDER8 || c == ContextDef.ORDER12));
        v.add(without("word contexts (5)", t, c -> c.name().contains("WORD") && !c.name().startsWith("STREAM") && c != ContextDef.BRACKETS_AND_WORD));
        v.add(without("text structure (columns, classes, brackets, sentence)", t, c -> c == ContextDef.COLUMN_ABOVE || c == ContextDef.COLUMN_AND_BYTE
                || c == ContextDef.CLASSES || c == ContextDef.BRACKETS_AND_WORD || c == ContextDef.SENTENCE));
        v.add(without("sparse (2-3, 2-4, 1-3, 4)", t, c -> c.name().startsWith("BYTE")));
        v.add(without("indirect 1 and 2", t, c -> c.name().startsWith("INDIRECT")));
        v.add(without("match byte context", t, c -> c == ContextDef.MATCH_BYTE));
        v.add(without("per-stream contexts and run models", t, c -> c.perStream));
        v.add(new Variant("run models", new ModelSet(t.contexts(), new ContextDef[0], t.historyContexts(), t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost)));
        for (MixerSelector m : t.mixers(false)) {
            MixerSelector[] rest = Arrays.stream(t.mixers(true)).filter(x -> x != m).toArray(MixerSelector[]::new);
            v.add(new Variant("mixer " + m.name().toLowerCase(Locale.ROOT), new ModelSet(t.contexts(), runs(t), t.historyContexts(), t.bitHistories, t.byteHistories, rest, t.apms(), t.apmWeights(), t.rateBoost)));
        }
        v.add(new Variant("APMs order 2 and 3 (order 1 weighs 3)", new ModelSet(t.contexts(), runs(t), t.historyContexts(), t.bitHistories, t.byteHistories, t.mixers(true),
                new ApmContext[] {ApmContext.ORDER1}, new int[] {3}, t.rateBoost)));
        // Additions to try: -Dplus.runs=A,B (run models on more of the set's contexts), -Dplus.contexts=A,B.
        String runs = System.getProperty("plus.runs");
        if (runs != null) {
            ContextDef[] more = java.util.stream.Stream.concat(Arrays.stream(runs(t)), Arrays.stream(runs.split(",")).map(ContextDef::valueOf)).toArray(ContextDef[]::new);
            v.add(new Variant("+ runs on " + runs, new ModelSet(t.contexts(), more, t.historyContexts(), t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost)));
        }
        String contexts = System.getProperty("plus.contexts");
        if (contexts != null) {
            ContextDef[] more = java.util.stream.Stream.concat(Arrays.stream(t.contexts()), Arrays.stream(contexts.split(",")).map(ContextDef::valueOf)).toArray(ContextDef[]::new);
            v.add(new Variant("+ " + contexts, new ModelSet(more, runs(t), t.historyContexts(), t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost)));
        }
        // -Dhistory.only=A,B;C: for each group, a variant with those contexts keeping bit histories only (HistoryContexts).
        String historyOnly = System.getProperty("history.only");
        if (historyOnly != null) {
            for (String group : historyOnly.split(";")) {
                v.add(new Variant("history only: " + group, historyOnly(t, group)));
            }
        }
        v.add(new Variant(t.bitHistories ? "bit histories" : "+ bit histories", new ModelSet(t.contexts(), runs(t), t.historyContexts(), !t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost)));
        String countersAgain = System.getProperty("counters"); // -Dcounters=A,B;C: for each group, a variant with those history-only contexts as counters
        if (countersAgain != null) {
            for (String group : countersAgain.split(";")) {
                List<ContextDef> back = Arrays.stream(group.split(",")).map(ContextDef::valueOf).toList();
                ContextDef[] more = java.util.stream.Stream.concat(Arrays.stream(t.contexts()), back.stream()).toArray(ContextDef[]::new);
                ContextDef[] fewer = Arrays.stream(t.historyContexts()).filter(c -> !back.contains(c)).toArray(ContextDef[]::new);
                v.add(new Variant("counters: " + group, new ModelSet(more, runs(t), fewer, t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost)));
            }
        }
        if (t.historyCount() > 0) {
            ContextDef[] counted = java.util.stream.Stream.concat(Arrays.stream(t.contexts()), Arrays.stream(t.historyContexts())).toArray(ContextDef[]::new);
            v.add(new Variant("history-only contexts as counters (with histories if the set has them)",
                    new ModelSet(counted, runs(t), new ContextDef[0], t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost)));
        }
        String apmSets = System.getProperty("apms"); // -Dapms=ORDER1:1,MATCH:1;...: variants with these APMs and weights
        if (apmSets != null) {
            for (String group : apmSets.split(";")) {
                String[] parts = group.split(",");
                ApmContext[] a = Arrays.stream(parts).map(x -> ApmContext.valueOf(x.split(":")[0])).toArray(ApmContext[]::new);
                int[] w = Arrays.stream(parts).mapToInt(x -> Integer.parseInt(x.split(":")[1])).toArray();
                v.add(new Variant("apms " + group, new ModelSet(t.contexts(), runs(t), t.historyContexts(), t.bitHistories, t.byteHistories, t.mixers(true), a, w, t.rateBoost)));
            }
        }
        v.add(new Variant("mixer start boost", new ModelSet(t.contexts(), runs(t), t.historyContexts(), t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), 0)));
        ApmContext[] chain = t.chain();
        List<Variant> chained = new ArrayList<>();
        for (Variant x : v) { // every variant keeps the set's final stages, table sizes and deterministic input
            chained.add(new Variant(x.name(), t.extrasOn(x.set()).chained(chain)));
        }
        if (chain.length > 0) {
            chained.add(new Variant("final stages", t.chained()));
        }
        return chained;
    }

    /**
     * The set changed by properties: -Dx.history=A,B (more history-only contexts), -Dx.apms=ORDER1:1,MATCH:1
     * (the APMs and their weights), -Dx.mixers=SINGLE,PARTIAL_BYTE,... (the first-layer mixers),
     * -Dx.chain=MATCH_EXPECTATION,... or none (the final stages).
     */
    static ModelSet custom(ModelSet t) {
        String h = System.getProperty("x.history");
        if (h != null) {
            t = historyOnly(t, h);
        }
        ApmContext[] apms = t.apms();
        int[] weights = t.apmWeights();
        String a = System.getProperty("x.apms");
        if (a != null) {
            String[] parts = a.split(",");
            apms = Arrays.stream(parts).map(x -> ApmContext.valueOf(x.split(":")[0])).toArray(ApmContext[]::new);
            weights = Arrays.stream(parts).mapToInt(x -> Integer.parseInt(x.split(":")[1])).toArray();
        }
        MixerSelector[] mixers = t.mixers(true);
        String m = System.getProperty("x.mixers");
        if (m != null) {
            mixers = Arrays.stream(m.split(",")).map(MixerSelector::valueOf).toArray(MixerSelector[]::new);
        }
        ApmContext[] chain = t.chain();
        String c = System.getProperty("x.chain"); // -Dx.chain=MATCH_EXPECTATION,... (or "none"): the final stages
        if (c != null) {
            chain = c.equals("none") ? new ApmContext[0] : Arrays.stream(c.split(",")).map(ApmContext::valueOf).toArray(ApmContext[]::new);
        }
        return t.extrasOn(new ModelSet(t.contexts(), runs(t), t.historyContexts(), t.bitHistories, t.byteHistories, mixers, apms, weights, t.rateBoost)).chained(chain);
    }

    /** The set with the listed contexts (comma-separated names) moved to, or added as, contexts with bit histories only. */
    static ModelSet historyOnly(ModelSet t, String names) {
        List<ContextDef> moved = Arrays.stream(names.split(",")).map(ContextDef::valueOf).toList();
        ContextDef[] kept = Arrays.stream(t.contexts()).filter(c -> !moved.contains(c)).toArray(ContextDef[]::new);
        ContextDef[] runsKept = Arrays.stream(runs(t)).filter(c -> !moved.contains(c)).toArray(ContextDef[]::new);
        ContextDef[] histories = java.util.stream.Stream.concat(Arrays.stream(t.historyContexts()), moved.stream()).toArray(ContextDef[]::new);
        return t.extrasOn(new ModelSet(kept, runsKept, histories, t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost));
    }

    static ContextDef[] runs(ModelSet t) {
        ContextDef[] c = t.contexts();
        return Arrays.stream(t.runContexts()).mapToObj(k -> c[k]).toArray(ContextDef[]::new);
    }

    private static Variant without(String name, ModelSet t, Predicate<ContextDef> out) {
        ContextDef[] kept = Arrays.stream(t.contexts()).filter(out.negate()).toArray(ContextDef[]::new);
        ContextDef[] runs = Arrays.stream(runs(t)).filter(out.negate()).toArray(ContextDef[]::new);
        ContextDef[] histories = Arrays.stream(t.historyContexts()).filter(out.negate()).toArray(ContextDef[]::new);
        return new Variant(name, new ModelSet(kept, runs, histories, t.bitHistories, t.byteHistories, t.mixers(true), t.apms(), t.apmWeights(), t.rateBoost));
    }
}
