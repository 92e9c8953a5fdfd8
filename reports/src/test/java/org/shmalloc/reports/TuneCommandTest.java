package org.shmalloc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune} as a user runs it: real JMH measurements on a tiny sweep, the files it writes, its errors. */
class TuneCommandTest {

    @TempDir
    Path dir;

    /** Two candidates, the shortest JMH measurement that still has an interval (3 iterations): about 6 s a run. */
    private static final List<String> TINY = List.of("--mix", "paths", "--min-exponents", "5..6", "--max-exponents",
            "12", "--arena", "16M", "--forks", "1", "--warmup", "1", "--warmup-time", "50", "--iterations", "3",
            "--time", "100", "--ignore-lock");
    private static final Pattern RECOMMENDED = Pattern.compile("(?m)^Recommended: (\\(\\d+, \\d+\\))");

    private static CliTest.Outcome tune(List<String> args) {
        return CliTest.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("tune"), args.stream())
                .toArray(String[]::new));
    }

    private static String recommended(CliTest.Outcome run) {
        Matcher m = RECOMMENDED.matcher(run.out());
        assertTrue(m.find(), run.out() + run.err());
        return m.group(1);
    }

    @Test
    void twoRunsOnTheSameInputRecommendTheSameConfigAndTheSecondWritesTheReport() throws IOException {
        CliTest.Outcome first = tune(TINY);
        assertEquals(ShmReports.OK, first.status(), first.out() + first.err());
        Path out = dir.resolve("tune");
        List<String> withOut = new java.util.ArrayList<>(TINY);
        withOut.addAll(List.of("--out", out.toString()));
        CliTest.Outcome second = tune(withOut);
        assertEquals(ShmReports.OK, second.status(), second.out() + second.err());
        assertEquals(recommended(first), recommended(second));

        // the speed was measured: pairs/µs and percentiles in the table, JMH's results on disk
        for (String line : second.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+-\\d+ .*")).toList()) {
            assertFalse(line.matches(".*\\s–(\\s.*|$)"), "every column measured: " + line);
        }
        assertTrue(second.out().contains("[2/2] (6, 12)"), second.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(4, results.size(), "two candidates x (throughput, sample)");
        JsonNode tune = new ObjectMapper().readTree(out.resolve("tune.json").toFile());
        assertEquals(recommended(second), "(" + tune.get("recommended").asText().replace("-", ", ") + ")");
        assertEquals(2, tune.get("candidates").size());
        assertTrue(Files.readAllLines(out.resolve("requests.txt")).size() >= 1 << 16);

        // one self-contained page with a heat map per metric
        Path page = out.resolve("index.html").toAbsolutePath().normalize();
        assertEquals("Report written to " + page, second.out().lines().toList().getLast());
        Document dom = Jsoup.parse(Files.readString(page));
        assertTrue(dom.select("[src], [href], link, iframe").isEmpty());
        assertEquals(11, dom.select("div.chart[data-kind=heatmap]").size(), "score, 6 memory and 4 speed metrics");
        assertEquals(3, dom.select("#tune tr").size(), "header and two candidates");
        assertEquals(1, dom.select("#tune tr.picked").size());
        assertTrue(dom.select("#tune p.note").text().startsWith("Recommended: " + recommended(second)));
    }

    @Test
    void aWorkloadFileWithABadLineIsAnErrorNamingTheLine() throws IOException {
        Path file = dir.resolve("sizes.txt");
        Files.writeString(file, "# sizes\n100\n200\n2OO\n300\n");
        CliTest.Outcome bad = tune(List.of("--workload", file.toString(), "--no-speed"));
        assertEquals(ShmReports.ERROR, bad.status());
        assertTrue(bad.err().startsWith("tune: " + file + ":4: '2OO' is not a size"), bad.err());
    }

    @Test
    void memoryOnlyWithABudgetAndTheExampleTrace() {
        CliTest.Outcome run = tune(List.of("--workload", "examples/path-cache.sizes", "--budget", "8M", "--no-speed",
                "--max-drop", "0.1%", "--churn-rounds", "2"));
        assertEquals(ShmReports.OK, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("memory budget 8 MiB per file"), run.out());
        assertTrue(run.out().contains("speed:      not measured"), run.out());
        assertTrue(run.out().contains("Config:      new ShmConfig("), run.out());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(ShmReports.USAGE, tune(List.of("--no-speed")).status(), "a workload is required");
        assertEquals(ShmReports.USAGE, tune(List.of("--mix", "paths", "--workload", "x", "--no-speed")).status());
        assertEquals(ShmReports.USAGE, tune(List.of("--mix", "paths", "--arena", "1M", "--budget", "1M")).status());
        CliTest.Outcome none = tune(List.of("--mix", "paths", "--min-exponents", "3", "--max-exponents", "20..21",
                "--no-speed"));
        assertEquals(ShmReports.USAGE, none.status());
        assertTrue(none.err().contains("no valid config"), none.err());
        CliTest.Outcome nothing = tune(List.of("--mix", "bimodal", "--max-exponents", "10", "--arena", "4M",
                "--no-speed"));
        assertEquals(ShmReports.FLAGGED, nothing.status(), "every candidate drops the 2-8 KiB requests");
        assertTrue(nothing.out().contains("No config is recommended"), nothing.out());
    }
}
