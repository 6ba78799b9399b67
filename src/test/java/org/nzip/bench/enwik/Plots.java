package org.nzip.bench.enwik;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.text.DecimalFormat;
import java.util.ArrayList;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The two plots, rendered with JFreeChart to PNG. */
final class Plots {

    static final int WIDTH = 1000;
    static final int HEIGHT = 640;

    private static final Color[] COLORS = {
        new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };

    private Plots() {}

    /** Compression ratio against compression speed (log axis), one point per verified row, labelled. */
    static void ratioSpeed(Report.InputResult in, String subtitle, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Row> shown = new ArrayList<>();
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Row r : in.rows()) {
            if (!r.ok() || !(r.compressKBps() > 0)) {
                continue;
            }
            XYSeries s = new XYSeries(r.label(), false, true);
            s.add(r.compressKBps(), r.ratio());
            data.addSeries(s);
            shown.add(r);
            minX = Math.min(minX, r.compressKBps());
            maxX = Math.max(maxX, r.compressKBps());
            minY = Math.min(minY, r.ratio());
            maxY = Math.max(maxY, r.ratio());
        }
        LogAxis x = new LogAxis("compression speed, kB/s (log scale)");
        x.setSmallestValue(0.01);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        NumberAxis y = new NumberAxis("compression ratio (input bytes / output bytes)");
        y.setAutoRangeIncludesZero(false);
        if (maxX > 0) {
            // decades around the points, with room on the right for the labels
            x.setRange(Math.pow(10, Math.floor(Math.log10(minX / 1.5))), Math.pow(10, Math.ceil(Math.log10(maxX * 6))));
            double pad = Math.max(0.05, (maxY - minY) * 0.08);
            y.setRange(Math.max(0, minY - pad), maxY + pad);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Row r = shown.get(i);
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
            renderer.setSeriesShape(i, switch (r.kind()) {
                case "nzip" -> new java.awt.Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4);
                case "library" -> new java.awt.Rectangle(-5, -5, 10, 10);
                default -> new Ellipse2D.Double(-5, -5, 10, 10);
            });
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        // labels beside their points: right of the point if that box is free of other labels and points,
        // else left, else a little above or below (boxes estimated in plot fractions: ~7.5 px a character)
        if (maxX > 0) {
            double lx0 = Math.log10(x.getLowerBound());
            double lx1 = Math.log10(x.getUpperBound());
            double y0 = y.getLowerBound();
            double y1 = y.getUpperBound();
            double[][] pts = new double[shown.size()][];
            for (int i = 0; i < shown.size(); i++) {
                Row r = shown.get(i);
                pts[i] = new double[] {(Math.log10(r.compressKBps()) - lx0) / (lx1 - lx0), (r.ratio() - y0) / (y1 - y0)};
            }
            List<double[]> boxes = new ArrayList<>(); // x0, y0, x1, y1
            double h = 0.035;
            for (int i = 0; i < shown.size(); i++) {
                Row r = shown.get(i);
                double w = 0.0082 * r.label().length();
                double px = pts[i][0];
                double py = pts[i][1];
                // {left edge of the box, vertical centre, anchored left?}
                double[][] cand = {{px + 0.012, py, 1}, {px - 0.012 - w, py, 0}, {px + 0.012, py + 0.04, 1},
                    {px + 0.012, py - 0.04, 1}, {px - 0.012 - w, py + 0.04, 0}, {px - 0.012 - w, py - 0.04, 0}};
                double[] chosen = cand[0];
                for (double[] c : cand) {
                    double[] box = {c[0], c[1] - h / 2, c[0] + w, c[1] + h / 2};
                    boolean free = box[0] >= 0 && box[2] <= 1 && box[1] >= 0 && box[3] <= 1;
                    for (double[] o : boxes) {
                        free &= box[2] < o[0] || box[0] > o[2] || box[3] < o[1] || box[1] > o[3];
                    }
                    for (int j = 0; j < pts.length; j++) {
                        if (j != i) {
                            free &= pts[j][0] + 0.008 < box[0] || pts[j][0] - 0.008 > box[2]
                                    || pts[j][1] + 0.012 < box[1] || pts[j][1] - 0.012 > box[3];
                        }
                    }
                    if (free) {
                        chosen = c;
                        break;
                    }
                }
                boxes.add(new double[] {chosen[0], chosen[1] - h / 2, chosen[0] + w, chosen[1] + h / 2});
                boolean leftAnchored = chosen[2] == 1;
                double ax = Math.pow(10, lx0 + (leftAnchored ? chosen[0] : chosen[0] + w) * (lx1 - lx0));
                double ay = y0 + chosen[1] * (y1 - y0);
                XYTextAnnotation an = new XYTextAnnotation(r.label(), ax, ay);
                an.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                an.setTextAnchor(leftAnchored ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
                plot.addAnnotation(an);
            }
        }
        JFreeChart chart = new JFreeChart("Ratio vs. speed — " + in.label(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle + " — ◆ nzip, ■ in-process library, ● binary"));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * nzip's learning curve: bpb per stretch of input (solid) and cumulative (dashed) against the
     * position in the file, one colour per preset; the other tools' overall bpb as horizontal lines.
     */
    static void learningCurve(Report.InputResult in, String subtitle, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int colour = 0;
        for (LearningCurve c : in.curves()) {
            XYSeries stretch = new XYSeries(c.preset().label() + ", per " + Report.approx(c.typicalStretch()), false, true);
            XYSeries cumulative = new XYSeries(c.preset().label() + ", cumulative", false, true);
            for (double[] p : c.points()) {
                stretch.add((p[0] + p[1]) / 2 / 1048576.0, p[2]);
                cumulative.add(p[1] / 1048576.0, p[3]);
            }
            Color col = COLORS[colour++ % COLORS.length];
            int i = data.getSeriesCount();
            data.addSeries(stretch);
            data.addSeries(cumulative);
            renderer.setSeriesPaint(i, col);
            renderer.setSeriesStroke(i, new BasicStroke(1.8f));
            // LSTM presets report progress rarely: a curve of one or two points needs markers to be seen
            renderer.setSeriesShapesVisible(i, c.points().size() <= 5);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
            renderer.setSeriesPaint(i + 1, col);
            renderer.setSeriesStroke(i + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        NumberAxis x = new NumberAxis("input coded so far (MiB)");
        NumberAxis y = new NumberAxis("bits per byte");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        // the other tools' whole-file bpb, for scale: binaries when present, else the libraries
        boolean haveBinary = in.rows().stream().anyMatch(r -> r.ok() && r.kind().equals("binary"));
        List<Row> refs = in.rows().stream()
                .filter(r -> r.ok() && !r.kind().equals("nzip") && (!haveBinary || r.kind().equals("binary")))
                .sorted(java.util.Comparator.comparingDouble(Row::bpb)).toList();
        for (int i = 0; i < refs.size(); i++) {
            Row r = refs.get(i);
            ValueMarker m = new ValueMarker(r.bpb(), new Color(0x999999), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "%s %s: %.3f", r.tool(), r.options(), r.bpb()));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            m.setLabelPaint(new Color(0x555555));
            boolean right = i % 2 == 0; // neighbours alternate sides, so close values stay readable
            m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addRangeMarker(m);
        }
        double top = 0;
        double bottom = Double.MAX_VALUE;
        for (Row r : refs) {
            top = Math.max(top, r.bpb());
            bottom = Math.min(bottom, r.bpb());
        }
        for (LearningCurve c : in.curves()) {
            for (double[] p : c.points()) {
                top = Math.max(top, p[2]);
                bottom = Math.min(bottom, p[2]);
            }
        }
        if (top > 0) {
            double pad = Math.max(0.1, (top - bottom) * 0.1);
            y.setRange(Math.max(0, Math.floor((bottom - pad) * 10) / 10), top + pad);
        }
        JFreeChart chart = new JFreeChart("nzip learning curve — " + in.label(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    }

    static String subtitle(java.util.Map<String, String> machine, List<String> extra) {
        StringBuilder sb = new StringBuilder();
        sb.append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, JDK ")
                .append(Runtime.version().feature()).append(", ").append(machine.get("date"), 0, 10);
        for (String e : extra) {
            sb.append(" — ").append(e);
        }
        return sb.toString();
    }
}
