package org.shmalloc.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The profiles' contracts: valid parameters, no duplicates, within their time budgets. */
class ProfilesTest {

    @Test
    void gridFillsInTheAnnotationDefaults() {
        List<Case> cases = Grid.of("PairBench.pair").p("impl", "shm").p("sizes", "min").cases();
        assertEquals(5, cases.size(), "one per default config");
        for (Case c : cases) {
            assertEquals(Set.of("arena", "config", "impl", "sizes"), c.params().keySet());
        }
    }

    @Test
    void unknownParametersAndBenchmarksAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Grid.of("PairBench.pair").p("level", "90").cases());
        assertThrows(IllegalArgumentException.class, () -> Grid.of("PairBench.nothing").cases());
    }

    @Test
    void quickFitsItsEightMinutes() {
        Plan quick = Profiles.quick();
        assertTrue(quick.estimateSeconds() <= 7 * 60, "quick estimated at " + quick.estimateSeconds()
                + " s: keep a minute of margin under 8 minutes");
        assertTrue(quick.jmh().forks() >= 2, "at least two forks, so that the error covers fork-to-fork variance");
    }

    @Test
    void ciFitsItsFiveMinutesAndHoldsTheFloors() {
        Plan ci = Profiles.ci();
        assertTrue(ci.estimateSeconds() <= 4 * 60, "ci estimated at " + ci.estimateSeconds() + " s");
        Set<String> floors = new HashSet<>();
        for (Case c : ci.cases()) {
            if ("floor".equals(c.params().get("impl"))) {
                floors.add(c.benchmark());
            }
        }
        assertEquals(Set.of("PairBench.pair", "ThreadsBench.private1", "ThreadsBench.private2"), floors,
                "the gate normalises by the floor of each mode and thread count");
    }

    @Test
    void noProfileRunsTheSameCaseTwice() {
        for (Plan plan : List.of(Profiles.quick(), Profiles.ci(), Profiles.full(), Profiles.smoke())) {
            Set<String> seen = new HashSet<>();
            for (Case c : plan.cases()) {
                assertTrue(seen.add(c.toString()), plan.name() + " repeats " + c);
            }
        }
    }

    @Test
    void smokeRunsEveryBenchmarkAndBothHeldModesWithinAMinuteAndAHalf() {
        Plan smoke = Profiles.smoke();
        Set<String> covered = new HashSet<>();
        smoke.cases().forEach(c -> covered.add(c.benchmark()));
        assertEquals(new HashSet<>(Grid.allBenchmarks()), covered);
        Set<String> held = new HashSet<>();
        smoke.cases().stream().filter(c -> c.benchmark().equals("ThreadsBench.cross"))
                .forEach(c -> held.add(c.params().get("held")));
        assertEquals(Set.of("0", "512"), held, "the cross benchmark's teardown differs with held allocations");
        assertTrue(smoke.processes().stream().anyMatch(s -> s.frees().equals("cross") && s.held() > 0),
                "the process harness with held allocations");
        assertTrue(smoke.estimateSeconds() <= 90, "smoke estimated at " + smoke.estimateSeconds() + " s");
    }

    @Test
    void fullCoversEveryBenchmark() {
        Set<String> covered = new HashSet<>();
        Profiles.full().cases().forEach(c -> covered.add(c.benchmark()));
        assertEquals(new HashSet<>(Grid.allBenchmarks()), covered);
    }
}
