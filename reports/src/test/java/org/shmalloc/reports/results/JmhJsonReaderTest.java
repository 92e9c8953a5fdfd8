package org.shmalloc.reports.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.shmalloc.reports.JmhFixture;

/** Reads real JMH 1.37 output (src/test/resources/fixtures, see its README). */
class JmhJsonReaderTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(JmhJsonReaderTest.class.getResource("/fixtures/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JmhResult find(List<JmhResult> results, String benchmark, String params) {
        return results.stream().filter(r -> r.key().benchmark().equals(benchmark)
                && r.key().paramsText().equals(params)).findFirst().orElseThrow();
    }

    @Test
    void readsEveryKindOfResultJmhWrites() throws IOException {
        List<JmhResult> results = JmhJsonReader.read(fixture("jmh-mixed.json"));
        assertEquals(7, results.size());

        JmhResult floor = find(results, "fix.CasFloor.pair", "");
        assertEquals("thrpt", floor.key().mode());
        assertEquals(1, floor.key().threads());
        assertEquals(2, floor.forks());
        Metric m = floor.primary();
        assertEquals("ops/us", m.unit());
        assertEquals(102.0470678089236, m.score(), 0);
        assertEquals(9.744503298836348, m.error(), 0);
        assertEquals(92.30256451008725, m.confidenceLo(), 0);
        assertEquals(6, m.iterations());
        // rawData per fork: [100.770, 96.332, 100.577] and [104.739, 105.049, 104.815]
        assertArrayEquals(new double[] {(100.77044966340806 + 96.33165463240674 + 100.5770710945551) / 3,
                (104.73911216381399 + 105.04934032937548 + 104.81477896998224) / 3}, m.forkMeans(), 1e-12);
        assertEquals(105.04934032937548, m.percentiles().get(100.0), 0);

        JmhResult pair = find(results, "fix.Pair.mallocFree", "impl=shm, size=32");
        assertEquals("shm", pair.key().params().get("impl"));
        assertEquals("#", pair.secondary().get("failedMallocs").unit());

        JmhResult group = find(results, "fix.Cross.handoff", "");
        assertEquals(2, group.key().threads());
        assertTrue(group.secondary().keySet().containsAll(List.of("alloc", "free")));

        JmhResult sample = find(results, "fix.Latency.malloc", "");
        assertEquals("sample", sample.key().mode());
        assertEquals("us/op", sample.primary().unit());
        assertEquals(2, sample.primary().forks()); // from rawDataHistogram
        assertEquals(sample.primary().score(), (sample.primary().forkMeans()[0] + sample.primary().forkMeans()[1]) / 2,
                sample.primary().score() * 0.1);
        assertTrue(sample.secondary().containsKey("p0.99"));
        assertEquals(JmhResult.JvmInfo.class, sample.jvm().getClass());
        assertEquals("25.0.3", sample.jvm().jdkVersion());
    }

    @Test
    void theSyntheticFixturesComputeTheErrorAsJmhDoes() throws IOException {
        // every real result: JMH's scoreError equals JmhFixture.error of its rawData
        JsonNode root = new ObjectMapper().readTree(fixture("runA/results.json").toFile());
        int checked = 0;
        for (JsonNode result : root) {
            JsonNode raw = result.path("primaryMetric").path("rawData");
            if (raw.isMissingNode()) {
                continue;
            }
            double[] all = new double[0];
            for (JsonNode fork : raw) {
                for (JsonNode v : fork) {
                    all = java.util.Arrays.copyOf(all, all.length + 1);
                    all[all.length - 1] = v.asDouble();
                }
            }
            double error = result.path("primaryMetric").path("scoreError").asDouble();
            assertEquals(error, JmhFixture.error(all), Math.abs(error) * 1e-9, result.path("benchmark").asText());
            checked++;
        }
        assertEquals(16, checked);
    }

    @Test
    void jmhsNanStringMeansNoErrorEstimate() throws IOException {
        Path file = new JmhFixture().avgt("a.B.c", JmhFixture.params(), new double[][] {{42}}).write(dir);
        assertTrue(Files.readString(file).contains("\"NaN\""));
        Metric m = JmhJsonReader.read(file).getFirst().primary();
        assertEquals(42, m.score(), 0);
        assertFalse(m.hasError());
        assertEquals(1, m.forks());
    }

    @Test
    void aFileThatIsNotJmhOutputIsRefusedWithItsName() throws IOException {
        Path notJmh = dir.resolve("other.json");
        Files.writeString(notJmh, "{\"profile\": \"ci\"}");
        IOException e = assertThrows(IOException.class, () -> JmhJsonReader.read(notJmh));
        assertTrue(e.getMessage().contains("other.json"), e.getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\": \"ns/op\"}}]");
        IOException e2 = assertThrows(IOException.class, () -> JmhJsonReader.read(broken));
        assertTrue(e2.getMessage().contains("element 0"), e2.getMessage());
    }
}
