package org.shmalloc.jcstress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Runs the shaded jcstress jar in a child JVM on the tests a regex selects, and reads its results
 * back from the binary result file jcstress writes (the same data its HTML report shows).
 *
 * <p>Options: {@code -m MODE -c 2 -sc false -jvmArgs --enable-native-access=ALL-UNNAMED}: two
 * CPUs (this machine's, and the limit of a CI runner), one JVM mode, no split compilation, which
 * keeps a quick run of the whole module within a few minutes.
 */
final class JcstressRun {

    /** One test's merged results (over forks and JVM configurations). */
    record Outcome(String test, long samples, long gradedSamples, Map<String, Long> counts,
                   Map<String, String> expectations, boolean passed, Status status, List<String> messages) {

        /**
         * True if jcstress' grading accounts for every sample. It does not when an outcome table
         * declares a case twice (e.g. inherited and imported by {@code @JCStressMeta}): the report
         * then shows zero counts, whatever the test observed.
         */
        boolean gradedConsistently() {
            return gradedSamples == samples;
        }

        long forbidden() {
            return observed("FORBIDDEN");
        }

        /** True if the test's outcome table accepts something (jcstress grades declared cases even when unseen). */
        boolean declaresAcceptable() {
            return expectations.containsValue("ACCEPTABLE") || expectations.containsValue("ACCEPTABLE_INTERESTING");
        }

        private long observed(String expect) {
            return counts.entrySet().stream().filter(e -> expect.equals(expectations.get(e.getKey())))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        String describe() {
            StringBuilder b = new StringBuilder(String.format("%-78s %10d samples  %s%s%n", test, samples,
                    status == Status.NORMAL ? (passed ? "OK" : "FAILED") : status,
                    gradedConsistently() ? "" : "  (graded " + gradedSamples + " samples: duplicate outcome ids?)"));
            counts.forEach((state, count) -> b.append(String.format("    %12d  %-10s  %s%n", count,
                    expectations.getOrDefault(state, "?"), state)));
            messages.forEach(m -> b.append("    ! ").append(m).append('\n'));
            return b.toString();
        }
    }

    record Report(int exitCode, Duration elapsed, Path directory, Map<String, Outcome> outcomes) {

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append("jcstress exit code ").append(exitCode).append(", ").append(elapsed.toSeconds())
                    .append(" s, results in ").append(directory).append('\n');
            outcomes.values().forEach(o -> b.append(o.describe()));
            return b.toString();
        }
    }

    private JcstressRun() {
    }

    /** The jcstress tests in the jar whose names match {@code regex}. */
    static List<String> testsMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return TestList.tests().stream().filter(t -> pattern.matcher(t).find()).sorted().toList();
    }

    static Report run(String name, String regex, String mode, Duration timeout) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("jcstress.jar", "target/jcstress.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no shaded jar at " + jar + ": run `mvn package` first");
        }
        Path directory = Path.of(System.getProperty("jcstress.results", "target/jcstress-results")).resolve(name);
        deleteTree(directory);
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString(),
                "-m", mode, "-c", "2", "-sc", "false",
                "-t", regex,
                "-jvmArgs", "--enable-native-access=ALL-UNNAMED",
                "-r", directory.resolve("html").toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile()) // jcstress writes its result blob to the working directory
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("console.txt").toFile())
                .start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("jcstress did not finish within " + timeout + "; see " + directory);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Report report = new Report(process.exitValue(), elapsed, directory, read(directory));
        Files.writeString(directory.resolve("summary.txt"), report.describe());
        return report;
    }

    private static Map<String, Outcome> read(Path directory) throws IOException {
        Path blob;
        try (Stream<Path> files = Files.list(directory)) {
            blob = files.filter(f -> f.getFileName().toString().matches("jcstress-results-.*\\.bin\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("jcstress wrote no result file in " + directory
                            + "; see console.txt"));
        }
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(blob.toString(), collector);
        try {
            reader.dump();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        } finally {
            reader.close();
        }
        Map<String, List<TestResult>> byTest = new TreeMap<>();
        for (TestResult result : collector.getTestResults()) {
            byTest.computeIfAbsent(result.getName(), k -> new ArrayList<>()).add(result);
        }
        Map<String, Outcome> outcomes = new TreeMap<>();
        byTest.forEach((test, results) -> outcomes.put(test, merge(test, results)));
        return outcomes;
    }

    private static Outcome merge(String test, Collection<TestResult> results) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> expectations = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        boolean passed = true;
        Status status = Status.NORMAL;
        long samples = 0;
        long graded = 0;
        for (TestResult result : results) {
            status = status.combine(result.status());
            samples += result.getTotalCount();
            for (String state : result.getStateKeys()) {
                counts.merge(state, result.getCount(state), Long::sum);
            }
            var grading = result.grading();
            passed &= grading.isPassed;
            for (GradingResult case_ : grading.gradingResults.values()) {
                expectations.put(case_.id, case_.expect.name());
                graded += case_.count;
            }
            messages.addAll(result.getMessages());
        }
        return new Outcome(test, samples, graded, counts, expectations, passed, status, messages);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
