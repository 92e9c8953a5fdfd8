package org.shmalloc.jcstress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.Status;

/**
 * The CI pass: every test in {@code org.shmalloc.jcstress.scenarios}, in jcstress' quick mode by
 * default ({@code -Djcstress.mode=default} for the long run). Fails on any FORBIDDEN outcome, any
 * test error, and any test that did not run.
 */
class JcstressQuickIT {

    static final String SCENARIOS = "^org\\.shmalloc\\.jcstress\\.scenarios\\.";

    @Test
    void everyScenarioHoldsItsInvariants() throws Exception {
        List<String> expected = JcstressRun.testsMatching(SCENARIOS);
        assertFalse(expected.isEmpty(), "the jar lists no scenario tests: was the annotation processor run?");

        JcstressRun.Report report = JcstressRun.run("scenarios", SCENARIOS, System.getProperty("jcstress.mode", "quick"),
                Duration.ofMinutes(120));
        System.out.println(report.describe());

        assertEquals(expected, List.copyOf(report.outcomes().keySet()), "tests with results");
        List<String> failures = report.outcomes().values().stream()
                .filter(o -> !o.passed() || o.status() != Status.NORMAL || !o.gradedConsistently()
                        || o.samples() == 0)
                .map(JcstressRun.Outcome::describe)
                .toList();
        assertTrue(failures.isEmpty(), "failed jcstress tests (full report in " + report.directory() + "):\n"
                + String.join("", failures));
        assertEquals(0, report.exitCode(), "jcstress exit code; see " + report.directory().resolve("console.txt"));
    }
}
