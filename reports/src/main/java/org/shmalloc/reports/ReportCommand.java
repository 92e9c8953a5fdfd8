package org.shmalloc.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.shmalloc.reports.gate.Comparison;
import org.shmalloc.reports.html.HtmlReport;
import org.shmalloc.reports.html.ReportPage;
import org.shmalloc.reports.results.BenchmarkRun;

/** {@code report RESULTS_DIR}: the self-contained HTML report. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Writes one self-contained index.html for a results folder: the environment, a summary table "
                        + "(score ± error, ratio to the CAS floor and to each peer), charts by size-class config, "
                        + "threads, peer and occupancy, latency percentile plots from the .hgrm files and, with "
                        + "--baseline, the comparison. The page loads nothing from the network and opens offline."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS_DIR",
            description = "The benchmark runner's results folder (JMH JSON, .hgrm files, environment file).")
    Path results;

    @Option(names = "--baseline", paramLabel = "DIR", description = "Compare with these results (e.g. reports/baseline).")
    Path baseline;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write index.html. Default: RESULTS_DIR.")
    Path out;

    @Option(names = "--latency-unit", paramLabel = "UNIT",
            description = "Unit of .hgrm values that do not state theirs. Default: ${DEFAULT-VALUE}.")
    String latencyUnit = "us";

    @Mixin
    GateOptions gate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BenchmarkRun run = BenchmarkRun.load(results);
        Comparison comparison = baseline == null ? null : Comparison.of(BenchmarkRun.load(baseline), run, gate.settings());
        ReportPage page = HtmlReport.page(run, comparison, gate.settings(), latencyUnit);
        Path dir = out != null ? out : Files.isDirectory(results) ? results : results.toAbsolutePath().getParent();
        Path file = HtmlReport.write(page, dir);
        if (comparison != null) {
            spec.commandLine().getOut().println(comparison.summary());
        }
        spec.commandLine().getOut().println("Report written to " + file.toAbsolutePath().normalize());
        return ShmReports.OK;
    }
}
