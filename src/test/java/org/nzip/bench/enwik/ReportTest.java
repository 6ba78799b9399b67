package org.nzip.bench.enwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table, CSV and JSON formatting of the harness; fast, runs nothing. */
class ReportTest {

    private static final Row OK = new Row("xz", "-9e", "binary", 1_000_000, 250_000, 0.5, 0.01, 100L << 20, 2L << 20,
            "RSS", true, null);
    private static final Row BAD = new Row("gzip", "-9", "binary", 1_000_000, 360_000, 0.1, 0.02, -1, -1, "RSS", false,
            "round trip differs at byte 7");

    @Test
    void rowArithmetic() {
        assertEquals(2.0, OK.bpb(), 1e-12);
        assertEquals(4.0, OK.ratio(), 1e-12);
        assertEquals(2000.0, OK.compressKBps(), 1e-9);
        assertTrue(OK.ok());
        assertTrue(BAD.status().startsWith("FAILED"));
    }

    @Test
    void markdownTableHasOneLinePerRowAndMarksFailures() {
        String t = Report.table(List.of(OK, BAD));
        String[] lines = t.split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[2].startsWith("| xz | `-9e` | 250,000 | 2.000 | 4.00 | 0.500 | 2,000 |"), lines[2]);
        assertTrue(lines[2].contains("100.0 MiB RSS"), lines[2]);
        assertTrue(lines[3].contains("**FAILED: round trip differs at byte 7**"), lines[3]);
        assertTrue(lines[3].contains("| – |"), "unknown memory is a dash: " + lines[3]);
    }

    @Test
    void csvAndJsonEscape() {
        Report.Run run = new Report.Run(Map.of("cpu", "x \"quoted\""), "bench/enwik/run",
                List.of(new Report.InputResult("a, b", "a-b", "p", 1_000_000, "00", null, List.of(OK), List.of(),
                        List.of())),
                List.of("note\nwith newline"));
        String csv = Report.csv(run);
        assertTrue(csv.contains("\"a, b\",1000000,xz,-9e,binary,250000,2.0000,"), csv);
        String json = Report.json(run);
        assertTrue(json.contains("\"cpu\": \"x \\\"quoted\\\"\""), json);
        assertTrue(json.contains("\"note\\nwith newline\""), json);
        assertTrue(json.contains("\"round_trip\": true"), json);
    }

    @Test
    void learningCurveIntervalIsAPowerOfTwoBetween16KiBAnd1MiB() {
        assertEquals(16 << 10, LearningCurve.intervalFor(152_089));
        assertEquals(16 << 10, LearningCurve.intervalFor(1_000_000));
        assertEquals(64 << 10, LearningCurve.intervalFor(4_154_399));
        assertEquals(1 << 20, LearningCurve.intervalFor(100_000_000));
    }
}
