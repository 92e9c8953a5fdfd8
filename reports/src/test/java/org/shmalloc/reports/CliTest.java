package org.shmalloc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: arguments in, text and exit status out. */
class CliTest {

    @TempDir
    Path dir;

    record Outcome(int status, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ShmReports.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void compareExitsZeroOnNoiseAndOneOnARegression() throws IOException {
        Path base = SuiteRuns.write(dir.resolve("base"), 1, SuiteRuns.QUIET, 1, 1);
        Path same = SuiteRuns.write(dir.resolve("same"), 2, SuiteRuns.QUIET, 1, 1);
        Path slow = SuiteRuns.write(dir.resolve("slow"), 3, SuiteRuns.QUIET, 1.3, 1);

        Outcome pass = run("compare", base.toString(), same.toString());
        assertEquals(ShmReports.OK, pass.status(), pass.out() + pass.err());
        assertTrue(pass.out().contains("gate: PASS"), pass.out());
        assertFalse(pass.out().contains("REGRESSION"), pass.out());

        Path json = dir.resolve("verdicts.json");
        Outcome fail = run("compare", base.toString(), slow.toString(), "--json", json.toString());
        assertEquals(ShmReports.FLAGGED, fail.status(), fail.out() + fail.err());
        assertTrue(fail.out().contains("REGRESSION"), fail.out());
        assertTrue(fail.out().lines().toList().getLast().startsWith("gate: FAIL: " + SuiteRuns.SHM_ROWS + " regression"),
                fail.out());
        JsonNode verdicts = new ObjectMapper().readTree(json.toFile());
        assertTrue(verdicts.get("failed").asBoolean());
        assertEquals(SuiteRuns.ROWS, verdicts.get("rows").size());
        assertEquals(SuiteRuns.SHM_ROWS, verdicts.get("counts").get("REGRESSION").asInt());

        // a threshold above the slowdown lets it pass
        Outcome lenient = run("compare", base.toString(), slow.toString(), "--max-slowdown", "40%");
        assertEquals(ShmReports.OK, lenient.status(), lenient.out());
    }

    @Test
    void badArgumentsAndUnreadableInputHaveTheirOwnStatus() {
        assertEquals(ShmReports.USAGE, run("compare", "only-one").status());
        assertEquals(ShmReports.USAGE, run("no-such-command").status());
        assertEquals(ShmReports.USAGE, run().status());
        assertEquals(ShmReports.USAGE, run("compare", "a", "b", "--max-slowdown", "-5").status());
        Outcome missing = run("compare", dir.resolve("absent").toString(), dir.toString());
        assertEquals(ShmReports.ERROR, missing.status());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        assertEquals(ShmReports.OK, run("--help").status());
    }

    @Test
    void reportWritesOneSelfContainedPageAndSaysWhere() throws IOException {
        Path results = SuiteRuns.write(dir.resolve("results"), 1, SuiteRuns.QUIET, 1, 1);
        Path base = SuiteRuns.write(dir.resolve("base"), 2, SuiteRuns.QUIET, 1, 1);
        Path out = dir.resolve("site");
        Outcome report = run("report", results.toString(), "--baseline", base.toString(), "--out", out.toString());
        assertEquals(ShmReports.OK, report.status(), report.err());
        Path page = out.resolve("index.html").toAbsolutePath().normalize();
        assertEquals("Report written to " + page, report.out().lines().toList().getLast());
        String html = Files.readString(page);
        // nothing to fetch: no element refers to another file, and a policy refuses any fetch
        Document dom = Jsoup.parse(html);
        assertTrue(dom.select("[src], [href], link, iframe, object, embed").isEmpty(), dom.select("[src], [href]").toString());
        assertEquals("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
                + "font-src data:; connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'",
                dom.select("meta[http-equiv=Content-Security-Policy]").attr("content"));
        assertTrue(html.contains("Comparison with the baseline"));
        assertTrue(html.length() > 1_000_000, "ECharts is inlined"); // echarts.min.js alone is ~1 MB

        // without --out the page goes into the results folder
        Outcome inPlace = run("report", results.toString());
        assertEquals(ShmReports.OK, inPlace.status(), inPlace.err());
        assertTrue(Files.exists(results.resolve("index.html")));
    }

    @Test
    void baselineReplacesTheStoredResults() throws IOException {
        Path first = SuiteRuns.write(dir.resolve("first"), 1, SuiteRuns.QUIET, 1, 1);
        Files.createDirectories(first.resolve("hgrm"));
        Files.writeString(first.resolve("hgrm/x.malloc.hgrm"), "1.0 0.5 1 2.00\n2.0 1.0 2\n");
        Files.writeString(first.resolve("env.json"), "{\"profile\": \"ci\"}");
        Files.writeString(first.resolve("summary.md"), "not copied");
        Path store = dir.resolve("baseline");
        Files.createDirectories(store);
        Files.writeString(store.resolve("README.md"), "kept");
        Files.writeString(store.resolve("stale.json"), "[]");

        Outcome stored = run("baseline", first.toString(), "--dir", store.toString());
        assertEquals(ShmReports.OK, stored.status(), stored.err());
        assertTrue(stored.out().contains(SuiteRuns.ROWS + " JMH results (4 floor)"), stored.out());
        assertTrue(Files.exists(store.resolve("results.json")));
        assertTrue(Files.exists(store.resolve("hgrm/x.malloc.hgrm")));
        assertTrue(Files.exists(store.resolve("env.json")));
        assertTrue(Files.exists(store.resolve("README.md")));
        assertFalse(Files.exists(store.resolve("summary.md")));
        assertFalse(Files.exists(store.resolve("stale.json")), "an old JMH result file is replaced");

        Path second = SuiteRuns.write(dir.resolve("second"), 2, SuiteRuns.QUIET, 1, 1);
        assertEquals(ShmReports.OK, run("baseline", second.toString(), "--dir", store.toString()).status());
        assertFalse(Files.exists(store.resolve("hgrm/x.malloc.hgrm")), "files of the previous baseline are gone");
        assertEquals(Files.readString(second.resolve("results.json")), Files.readString(store.resolve("results.json")));
        assertEquals(ShmReports.OK, run("compare", store.toString(), second.toString()).status());
    }

    @Test
    void baselineOfSeveralRunsKeepsTheMostTypicalOne() throws IOException {
        Path a = SuiteRuns.write(dir.resolve("a"), 1, SuiteRuns.QUIET, 1, 1);
        Path slow = SuiteRuns.write(dir.resolve("slow"), 2, SuiteRuns.QUIET, 1.25, 1);
        Path b = SuiteRuns.write(dir.resolve("b"), 3, SuiteRuns.QUIET, 1, 1);
        Path store = dir.resolve("baseline");

        Outcome stored = run("baseline", slow.toString(), a.toString(), b.toString(), "--dir", store.toString());
        assertEquals(ShmReports.OK, stored.status(), stored.err());
        String kept = stored.out().lines().filter(line -> line.startsWith("keeps ")).findFirst().orElseThrow();
        assertFalse(kept.contains(slow.toString()), stored.out());
        Path chosen = kept.contains(a.toString()) ? a : b;
        assertEquals(Files.readString(chosen.resolve("results.json")), Files.readString(store.resolve("results.json")));
    }
}
