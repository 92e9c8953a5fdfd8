package org.shmalloc.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.shmalloc.bench.HdrFiles;
import org.shmalloc.bench.proc.ProcessBench;

/**
 * The results folder of one run, kept up to date as runs finish so that an interrupted run still
 * leaves its results: {@code results.json} (JMH's format) is rewritten after every run,
 * {@code env.json} at the start and the end; {@code hgrm/} and {@code summary.md} at the end.
 */
public final class RunFiles {

    public static final String HDR_LOGS = "hdr-logs";
    public static final String HGRM = "hgrm";

    private final Path folder;
    private final List<String> jvmArgs;
    private final Environment environment;
    private final Progress progress;
    private final List<RunResult> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public RunFiles(Path folder, Plan plan, List<String> jvmArgs) throws IOException {
        this.folder = folder;
        this.jvmArgs = jvmArgs;
        this.environment = Environment.capture(plan, jvmArgs);
        this.progress = new Progress(System.out, plan.cases().size() + plan.processes().size(), plan.estimateSeconds());
        environment.write(folder.resolve("env.json"));
    }

    public List<String> jvmArgs() {
        return jvmArgs;
    }

    public Progress progress() {
        return progress;
    }

    public Path hgrmDir() {
        return folder.resolve(HGRM);
    }

    public List<String> failures() {
        return failures;
    }

    public void add(Collection<RunResult> more) throws IOException {
        results.addAll(more);
        ProcessBench.writeJson(results, folder.resolve("results.json"));
    }

    public void failed(String what) {
        failures.add(what);
        System.out.println("### FAILED: " + what);
    }

    /** Merges the latency logs, writes the summary and the final env.json, prints the table. */
    public void finish() throws IOException {
        List<Path> hgrms = HdrFiles.mergeLogs(folder.resolve(HDR_LOGS), hgrmDir());
        Summary summary = new Summary(results);
        summary.write(folder.resolve("summary.md"));
        environment.finish(results.size(), failures);
        environment.write(folder.resolve("env.json"));
        System.out.println();
        System.out.print(summary.table());
        System.out.printf("%n%d results, %d failures, %d latency files from JMH; wall time %s%n", results.size(),
                failures.size(), hgrms.size(), clock(progress.elapsedSeconds()));
        for (String failure : failures) {
            System.out.println("FAILED: " + failure);
        }
        System.out.println("Results in " + folder.toAbsolutePath() + " (results.json, hgrm/, env.json, summary.md)");
    }

    public static String clock(double seconds) {
        return Progress.clock(seconds);
    }
}
