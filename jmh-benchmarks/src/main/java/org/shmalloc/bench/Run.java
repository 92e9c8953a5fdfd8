package org.shmalloc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.shmalloc.bench.proc.ProcessBench;
import org.shmalloc.bench.run.RunFiles;
import org.shmalloc.bench.run.Case;
import org.shmalloc.bench.run.Plan;
import org.shmalloc.bench.run.Profiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one entry point (the jar's main class): runs a profile's JMH cases one by one, then its
 * multi-process runs, and leaves in the results folder:
 * <pre>
 * results.json   every result in JMH's JSON format (as -rf json writes it), rewritten after each run
 * hgrm/          latency percentile distributions (.hgrm, microseconds); hdr-logs/ the raw per-fork logs
 * env.json       machine, cores, JDK, commit, date, profile, load average
 * summary.md     the table printed at the end
 * </pre>
 * {@code java -jar benchmarks.jar jmh ...} hands the rest of the arguments to JMH's own main.
 */
@Command(name = "benchmarks.jar", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a benchmark profile (quick, ci, full, smoke) and writes results.json, hgrm/, env.json, summary.md."
                + " 'jmh ARGS...' runs JMH's own command line instead.")
public final class Run implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "quick", description = "quick (default), ci, full or smoke.")
    String profile;

    @Option(names = "--out", description = "Results folder (default: results/<timestamp>).")
    Path out;

    @Option(names = "--filter", description = "Only the runs whose description matches this regex (find()).")
    Pattern filter;

    @Option(names = "--no-processes", description = "Skip the multi-process runs.")
    boolean noProcesses;

    @Option(names = "--dry-run", description = "List the runs and the time estimate; run nothing.")
    boolean dryRun;

    @Option(names = "--ignore-lock", description = "Run even while another JMH run holds /tmp/jmh.lock"
            + " (by default, wait for it: two benchmark runs at once spoil both).")
    boolean ignoreLock;

    @Option(names = "--lock-wait", defaultValue = "1800", description = "Seconds to wait for the JMH lock per run.")
    long lockWaitSeconds;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new Run()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = Profiles.named(profile);
        List<Case> cases = plan.cases().stream().filter(c -> matches(c.toString())).toList();
        List<ProcessBench.Spec> specs = noProcesses ? List.of()
                : plan.processes().stream().filter(s -> matches(s.toString())).toList();
        plan = new Plan(plan.name(), plan.jmh(), cases, specs, plan.processTiming());
        if (dryRun) {
            for (Case c : cases) {
                System.out.printf("%6.1f s  %s%n", plan.jmh().estimateSeconds(c), c);
            }
            for (ProcessBench.Spec s : specs) {
                System.out.printf("%6.1f s  %s%n", plan.processTiming().estimateSeconds(), s);
            }
            System.out.printf("%d runs, about %s (%s; processes: %s)%n", cases.size() + specs.size(),
                    RunFiles.clock(plan.estimateSeconds()), plan.jmh(), plan.processTiming());
            return 0;
        }
        if (ignoreLock) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        Path folder = out != null ? out
                : Path.of("results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")));
        Files.createDirectories(folder);
        RunFiles files = new RunFiles(folder, plan, jvmArgs(folder));
        System.out.printf("Profile %s: %d runs, about %s. Results go to %s%n", plan.name(),
                cases.size() + specs.size(), RunFiles.clock(plan.estimateSeconds()), folder.toAbsolutePath());

        int index = 0;
        for (Case c : cases) {
            files.progress().starting(++index, c.toString(), plan.jmh().estimateSeconds(c));
            try {
                Collection<RunResult> results = runWhenUnlocked(options(c, plan.jmh(), files.jvmArgs()));
                if (results.isEmpty()) {
                    files.failed(c + ": no result");
                }
                files.add(results);
            } catch (RunnerException e) {
                files.failed(c + ": " + rootMessage(e));
            }
            files.progress().finished();
        }
        for (ProcessBench.Spec spec : specs) {
            files.progress().starting(++index, spec.toString(), plan.processTiming().estimateSeconds());
            try {
                files.add(List.of(ProcessBench.run(spec, plan.processTiming(), files.hgrmDir(), System.out)));
            } catch (Exception e) {
                e.printStackTrace();
                files.failed(spec + ": " + rootMessage(e));
            }
            files.progress().finished();
        }
        files.finish();
        return files.failures().isEmpty() ? 0 : 1;
    }

    /**
     * Runs JMH; while another JMH run on this machine holds its lock, waits (and says so) rather
     * than fail or, worse, measure two runs fighting over the cores.
     */
    private Collection<RunResult> runWhenUnlocked(org.openjdk.jmh.runner.options.Options options)
            throws RunnerException, InterruptedException {
        long deadline = System.nanoTime() + lockWaitSeconds * 1_000_000_000L;
        boolean said = false;
        while (true) {
            try {
                return new Runner(options).run();
            } catch (RunnerException e) {
                if (!rootMessage(e).contains("JMH lock") || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!said) {
                    System.out.println("### waiting: another JMH run holds /tmp/jmh.lock (--ignore-lock to run anyway)");
                    said = true;
                }
                Thread.sleep(2000);
            }
        }
    }

    private boolean matches(String description) {
        return filter == null || filter.matcher(description).find();
    }

    private static List<String> jvmArgs(Path folder) {
        List<String> args = new ArrayList<>(List.of(BenchJvm.ARGS));
        args.add("-D" + BenchJvm.HDR_DIR_PROPERTY + "=" + folder.toAbsolutePath().resolve(RunFiles.HDR_LOGS));
        return args;
    }

    private static org.openjdk.jmh.runner.options.Options options(Case c, Plan.JmhTiming timing, List<String> jvmArgs) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(c.fullName()) + "$")
                .forks(timing.forks())
                .warmupIterations(timing.warmups())
                .warmupTime(TimeValue.milliseconds(timing.warmupMillis()))
                .measurementIterations(timing.iterations())
                .measurementTime(TimeValue.milliseconds(timing.iterationMillis()))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true);
        c.params().forEach(options::param);
        return options.build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
