package org.shmalloc.reports.html;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Decides from a headless load whether the report rendered: what the page wrote into its DOM
 * (report.js's per-chart verdicts and overall status, guard.js's error list) and, as a second
 * witness outside the page, every message Chromium logged to the console: the report logs
 * nothing when all is well, so any console message is a problem.
 */
final class RenderCheck {

    private RenderCheck() {
    }

    /** Everything wrong with the load; empty when all {@code expectedCharts} rendered and nothing complained. */
    static List<String> problems(HeadlessChromium.Load load, int expectedCharts) {
        List<String> problems = new ArrayList<>();
        Document dom = Jsoup.parse(load.dom());
        Element html = dom.selectFirst("html");
        if (html == null) {
            problems.add("no DOM");
            return problems;
        }
        String status = html.attr("data-report-status");
        if (!status.equals("ok")) {
            problems.add("report status is '" + status + "' (expected 'ok'; empty means report.js never finished)");
        }
        for (Element error : dom.select("#report-errors li")) {
            problems.add("page error: " + error.text());
        }
        List<Element> charts = dom.select("div.chart");
        if (charts.size() != expectedCharts) {
            problems.add(charts.size() + " chart containers, expected " + expectedCharts);
        }
        if (!html.attr("data-charts-ok").equals(String.valueOf(expectedCharts))) {
            problems.add("data-charts-ok=" + html.attr("data-charts-ok") + ", expected " + expectedCharts);
        }
        for (Element chart : charts) {
            if (!chart.attr("data-render").equals("ok")) {
                problems.add("chart " + chart.id() + ": " + (chart.hasAttr("data-render") ? chart.attr("data-render")
                        : "never rendered"));
            }
            if (chart.select("canvas").isEmpty()) {
                problems.add("chart " + chart.id() + " has no canvas");
            }
        }
        for (String line : load.console()) {
            problems.add("console: " + line.substring(line.indexOf(":CONSOLE")));
        }
        return problems;
    }
}
