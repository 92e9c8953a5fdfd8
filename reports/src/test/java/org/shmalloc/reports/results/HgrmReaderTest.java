package org.shmalloc.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HgrmReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsARealPercentileDistribution() throws IOException {
        LatencyHistogram h = HgrmReader.read(JmhJsonReaderTest.fixture(
                "runA/hgrm/LatencyBench.pair-impl=shm-occupancy=90.malloc.hgrm"));
        assertEquals("LatencyBench.pair-impl=shm-occupancy=90.malloc", h.name());
        assertEquals(0.030, h.points().getFirst().value(), 0);
        assertEquals(0, h.points().getFirst().percentile(), 0);
        assertEquals(1.0, h.points().getLast().percentile(), 0);
        assertEquals(h.max(), h.points().getLast().value(), 0);
        assertEquals(h.totalCount(), h.points().getLast().totalCount());
        assertEquals(Double.POSITIVE_INFINITY, h.points().getLast().inverseTail());
        assertEquals("", h.unit());
    }

    @Test
    void readsWhatHdrHistogramWritesInBothFormats() throws IOException {
        Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            histogram.recordValue(i * 100L); // 100 ns .. 1 ms
        }
        for (boolean csv : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            histogram.outputPercentileDistribution(new PrintStream(bytes, true, StandardCharsets.UTF_8), 5, 1000.0,
                    csv);
            Path file = dir.resolve("latency-us" + (csv ? ".csv" : "") + ".hgrm");
            Files.writeString(file, bytes.toString(StandardCharsets.UTF_8));
            LatencyHistogram h = HgrmReader.read(file);
            assertEquals(500, h.valueAt(0.5), 1, "median in us, csv=" + csv);
            assertEquals(990, h.valueAt(0.99), 2, "p99 in us, csv=" + csv);
            assertEquals(1000, h.points().getLast().value(), 1);
            if (!csv) {
                assertEquals(10_000, h.totalCount());
                assertEquals(1000, h.max(), 1);
                assertEquals("us", h.unit()); // from the name
            }
        }
    }

    @Test
    void aBadLineIsReportedWithItsNumber() {
        IOException e = assertThrows(IOException.class, () -> HgrmReader.parse("x", "x.hgrm",
                List.of("       Value     Percentile TotalCount 1/(1-Percentile)", "", "0.5 0.1 10 1.11", "0.7 oops 12")));
        assertTrue(e.getMessage().startsWith("x.hgrm:4:"), e.getMessage());
        IOException empty = assertThrows(IOException.class, () -> HgrmReader.parse("y", "y.hgrm", List.of("#[Max = 1]")));
        assertTrue(empty.getMessage().contains("no percentile rows"), empty.getMessage());
    }

    @Test
    void aUnitLineNamesTheUnit() throws IOException {
        LatencyHistogram h = HgrmReader.parse("z", "z.hgrm", List.of("#unit=ns", "5 0.5 1 2.00", "9 1.0 2"));
        assertEquals("ns", h.unit());
    }
}
