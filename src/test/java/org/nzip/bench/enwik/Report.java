package org.nzip.bench.enwik;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the results as results.md (the table), results.csv and results.json. */
final class Report {

    /** Everything measured on one input. */
    record InputResult(String label, String slug, String path, long bytes, String sha256, String source,
            List<Row> rows, List<LearningCurve> curves, List<String> plots) {}

    /** The whole run. */
    record Run(Map<String, String> machine, String command, List<InputResult> inputs, List<String> notes) {}

    private Report() {}

    static void write(Run run, Path dir) throws IOException {
        Files.writeString(dir.resolve("results.md"), markdown(run, true));
        Files.writeString(dir.resolve("results.csv"), csv(run));
        Files.writeString(dir.resolve("results.json"), json(run));
    }

    // ---------------------------------------------------------------- markdown

    static final String[] HEADER = {"tool", "options", "compressed bytes", "bpb", "ratio", "comp s", "comp kB/s",
        "dec s", "dec kB/s", "comp peak", "dec peak", "round trip"};

    static String markdown(Run run, boolean withPlots) {
        StringBuilder sb = new StringBuilder();
        Map<String, String> m = run.machine();
        sb.append("# nzip benchmark\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| date | ").append(m.get("date")).append(" |\n");
        sb.append("| machine | ").append(m.get("cpu")).append(", ").append(m.get("cores")).append(" cores, ")
                .append(m.get("memory")).append(" RAM, ").append(m.get("os")).append(" |\n");
        sb.append("| JDK | ").append(m.get("jdk")).append(" |\n");
        sb.append("| nzip | ").append(m.get("nzip")).append(" |\n");
        sb.append("| command | `").append(run.command()).append("` |\n\n");
        for (InputResult in : run.inputs()) {
            sb.append("## ").append(in.label()).append("\n\n");
            sb.append(String.format(Locale.ROOT, "Input: `%s`, %,d bytes, SHA-256 `%s`.", in.path(), in.bytes(), in.sha256()));
            if (in.source() != null) {
                sb.append(" ").append(in.source()).append(in.source().endsWith(".") ? "" : ".");
            }
            sb.append("\n\n");
            sb.append(table(in.rows()));
            if (!in.curves().isEmpty()) {
                sb.append("\nLearning curve (in process, same output as the command line: ");
                List<String> parts = new ArrayList<>();
                for (LearningCurve c : in.curves()) {
                    parts.add(c.preset().label() + " " + String.format(Locale.ROOT, "%,d", c.compressedBytes()) + " bytes");
                }
                sb.append(String.join(", ", parts)).append("), bpb per stretch of input: ").append(curveSummary(in.curves())).append("\n");
            }
            if (withPlots && !in.plots().isEmpty()) {
                sb.append("\n");
                for (String p : in.plots()) {
                    sb.append("![").append(p).append("](").append(p).append(")\n");
                }
            }
            sb.append("\n");
        }
        sb.append("## Notes\n\n");
        for (String n : run.notes()) {
            sb.append("- ").append(n).append("\n");
        }
        return sb.toString();
    }

    /** The results table of one input, as Markdown. */
    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---|---|").append("---:|".repeat(HEADER.length - 3)).append("---|\n");
        for (Row r : rows) {
            sb.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        return sb.toString();
    }

    static List<String> cells(Row r) {
        boolean c = r.compressedBytes() >= 0;
        return List.of(
                r.tool(),
                "`" + r.options() + "`",
                c ? String.format(Locale.ROOT, "%,d", r.compressedBytes()) : "–",
                c ? String.format(Locale.ROOT, "%.3f", r.bpb()) : "–",
                c ? String.format(Locale.ROOT, "%.2f", r.ratio()) : "–",
                secs(r.compressSeconds()),
                speed(r.compressKBps()),
                secs(r.decompressSeconds()),
                speed(r.decompressKBps()),
                mem(r.compressPeak(), r.memoryKind()),
                mem(r.decompressPeak(), r.memoryKind()),
                r.ok() ? "ok" : "**" + r.status() + "**");
    }

    static String curveSummary(List<LearningCurve> curves) {
        List<String> parts = new ArrayList<>();
        for (LearningCurve c : curves) {
            List<double[]> p = c.points();
            if (p.isEmpty()) {
                continue;
            }
            parts.add(String.format(Locale.ROOT, "%s (stretches of ~%s) first %.3f, last %.3f bpb", c.preset().label(),
                    approx(c.typicalStretch()), p.get(0)[2], p.get(p.size() - 1)[2]));
        }
        return String.join("; ", parts) + ".";
    }

    static String secs(double s) {
        if (!(s > 0)) {
            return "–";
        }
        return s < 10 ? String.format(Locale.ROOT, "%.3f", s) : String.format(Locale.ROOT, "%.1f", s);
    }

    static String speed(double kBps) {
        if (Double.isNaN(kBps)) {
            return "–";
        }
        return kBps < 100 ? String.format(Locale.ROOT, "%.1f", kBps) : String.format(Locale.ROOT, "%,.0f", kBps);
    }

    static String mem(long bytes, String kind) {
        return bytes < 0 ? "–" : mib(bytes) + " " + kind;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** A byte count in KiB or MiB, rounded: "16 KiB", "512 KiB", "1.5 MiB". */
    static String approx(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.3g MiB", bytes / 1048576.0).replaceAll("\\.?0+ ", " ");
        }
        return Math.round(bytes / 1024.0) + " KiB";
    }

    static String mibOrKib(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    // ---------------------------------------------------------------- csv

    static String csv(Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append("input,input_bytes,tool,options,kind,compressed_bytes,bpb,ratio,compress_s,compress_kBps,"
                + "decompress_s,decompress_kBps,compress_peak_bytes,decompress_peak_bytes,memory_kind,round_trip,error\n");
        for (InputResult in : run.inputs()) {
            for (Row r : in.rows()) {
                sb.append(String.join(",", csvField(in.label()), Long.toString(in.bytes()), csvField(r.tool()),
                        csvField(r.options()), r.kind(), Long.toString(r.compressedBytes()), num(r.bpb(), 4),
                        num(r.ratio(), 4), num(r.compressSeconds(), 4), num(r.compressKBps(), 1),
                        num(r.decompressSeconds(), 4), num(r.decompressKBps(), 1), Long.toString(r.compressPeak()),
                        Long.toString(r.decompressPeak()), r.memoryKind(), r.ok() ? "ok" : "FAILED",
                        csvField(r.error() == null ? "" : r.error())));
                sb.append("\n");
            }
        }
        return sb.toString();
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    // ---------------------------------------------------------------- json

    static String json(Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"machine\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : run.machine().entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
            first = false;
        }
        sb.append("\n  },\n  \"command\": ").append(str(run.command())).append(",\n  \"inputs\": [");
        for (int i = 0; i < run.inputs().size(); i++) {
            InputResult in = run.inputs().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\n");
            sb.append("      \"label\": ").append(str(in.label())).append(",\n");
            sb.append("      \"path\": ").append(str(in.path())).append(",\n");
            sb.append("      \"bytes\": ").append(in.bytes()).append(",\n");
            sb.append("      \"sha256\": ").append(str(in.sha256())).append(",\n");
            sb.append("      \"source\": ").append(in.source() == null ? "null" : str(in.source())).append(",\n");
            sb.append("      \"rows\": [");
            for (int j = 0; j < in.rows().size(); j++) {
                Row r = in.rows().get(j);
                sb.append(j == 0 ? "\n" : ",\n").append("        {")
                        .append("\"tool\": ").append(str(r.tool()))
                        .append(", \"options\": ").append(str(r.options()))
                        .append(", \"kind\": ").append(str(r.kind()))
                        .append(", \"compressed_bytes\": ").append(r.compressedBytes())
                        .append(", \"bpb\": ").append(jnum(r.bpb(), 4))
                        .append(", \"ratio\": ").append(jnum(r.ratio(), 4))
                        .append(", \"compress_s\": ").append(jnum(r.compressSeconds(), 4))
                        .append(", \"compress_kBps\": ").append(jnum(r.compressKBps(), 1))
                        .append(", \"decompress_s\": ").append(jnum(r.decompressSeconds(), 4))
                        .append(", \"decompress_kBps\": ").append(jnum(r.decompressKBps(), 1))
                        .append(", \"compress_peak_bytes\": ").append(r.compressPeak() < 0 ? "null" : r.compressPeak())
                        .append(", \"decompress_peak_bytes\": ").append(r.decompressPeak() < 0 ? "null" : r.decompressPeak())
                        .append(", \"memory_kind\": ").append(str(r.memoryKind()))
                        .append(", \"round_trip\": ").append(r.ok())
                        .append(", \"error\": ").append(r.error() == null ? "null" : str(r.error()))
                        .append("}");
            }
            sb.append("\n      ],\n      \"learning_curves\": [");
            for (int j = 0; j < in.curves().size(); j++) {
                LearningCurve c = in.curves().get(j);
                sb.append(j == 0 ? "\n" : ",\n").append("        {\"preset\": ").append(str(c.preset().label()))
                        .append(", \"interval_bytes\": ").append(c.interval())
                        .append(", \"compressed_bytes\": ").append(c.compressedBytes())
                        .append(", \"seconds\": ").append(jnum(c.seconds(), 3))
                        .append(", \"points\": [");
                for (int k = 0; k < c.points().size(); k++) {
                    double[] p = c.points().get(k);
                    sb.append(k == 0 ? "" : ", ").append("[").append((long) p[0]).append(", ").append((long) p[1])
                            .append(", ").append(jnum(p[2], 4)).append(", ").append(jnum(p[3], 4)).append("]");
                }
                sb.append("]}");
            }
            sb.append(in.curves().isEmpty() ? "],\n" : "\n      ],\n");
            sb.append("      \"plots\": [");
            for (int j = 0; j < in.plots().size(); j++) {
                sb.append(j == 0 ? "" : ", ").append(str(in.plots().get(j)));
            }
            sb.append("]\n    }");
        }
        sb.append("\n  ],\n  \"notes\": [");
        for (int i = 0; i < run.notes().size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append("    ").append(str(run.notes().get(i)));
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    static String jnum(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
