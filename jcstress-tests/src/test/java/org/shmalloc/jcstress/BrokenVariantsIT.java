package org.shmalloc.jcstress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.Status;

/**
 * The scenarios' teeth: runs the tests of {@code org.shmalloc.jcstress.broken} (scenarios on
 * deliberately broken trees) and requires jcstress to observe a FORBIDDEN outcome, a wrong result
 * or an arbiter verdict other than "ok", in every one of them.
 */
class BrokenVariantsIT {

    static final String BROKEN = "^org\\.shmalloc\\.jcstress\\.broken\\.";

    @Test
    void jcstressCatchesEveryBrokenVariant() throws Exception {
        List<String> expected = JcstressRun.testsMatching(BROKEN);
        assertTrue(expected.size() >= 3, "at least three broken variants, found " + expected);

        JcstressRun.Report report = JcstressRun.run("broken", BROKEN, System.getProperty("jcstress.mode", "quick"),
                Duration.ofMinutes(60));
        System.out.println(report.describe());

        assertEquals(expected, List.copyOf(report.outcomes().keySet()), "broken variants with results");
        List<String> missed = report.outcomes().values().stream()
                .filter(o -> o.forbidden() == 0 || !o.declaresAcceptable() || o.status() != Status.NORMAL
                        || !o.gradedConsistently())
                .map(JcstressRun.Outcome::describe)
                .toList();
        // declaresAcceptable(): the outcome table is the scenario's (a missing @JCStressMeta would
        // grade every result FORBIDDEN and make the catch meaningless)
        assertTrue(missed.isEmpty(), "broken variants jcstress did not catch (no FORBIDDEN outcome), that crashed, "
                + "or whose outcome table accepts nothing:\n" + String.join("", missed));
        assertNotEquals(0, report.exitCode(), "jcstress must exit non-zero when tests fail");
    }
}
